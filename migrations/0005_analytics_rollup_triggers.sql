-- Keeps posting_rollup and salary_rollup current: every change to jobs appends the signed
-- difference it makes, in the writer's own transaction (exact at once; rolled back with it).
-- Appending rather than updating one row per key means concurrent writers never lock each
-- other's rows; compaction (in the application) folds the appended rows from time to time.

-- The counts a set of postings contributes to posting_rollup, times sign.
-- rows_sql yields job rows plus company_category.
CREATE FUNCTION posting_rollup_contributions(sign int, rows_sql text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT v.month, j.role, j.seniority, j.domain, j.workplace, j.company_category, j.status,
           %1$s * v.posted AS posted, %1$s * v.closed AS closed, %1$s * v.ended AS ended
    FROM %2$s j
    CROSS JOIN LATERAL (VALUES
      (date_trunc('month', j.posted_at AT TIME ZONE 'UTC')::date, 1, 0, 0),
      (date_trunc('month', j.closed_at AT TIME ZONE 'UTC')::date, 0, 1, 0),
      (date_trunc('month', greatest(j.posted_at, j.closed_at) AT TIME ZONE 'UTC')::date, 0, 0, 1)
    ) AS v(month, posted, closed, ended)
    WHERE v.posted = 1 OR j.closed_at IS NOT NULL$q$, sign, rows_sql)
$$;
--> statement-breakpoint
-- The statement appending summed contributions once per grouping set: every dimension, none, each
-- one alone, and role with each other one (the shapes trend queries ask for). Trigger functions
-- EXECUTE it themselves: transition tables are visible only there, not in functions they call.
CREATE FUNCTION posting_rollup_append_sql(sources text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO posting_rollup (grouping, month, status, role, seniority, domain, workplace, company_category, posted, closed, ended)
    SELECT GROUPING(role, seniority, domain, workplace, company_category), month, status, role, seniority, domain, workplace, company_category,
           sum(posted), sum(closed), sum(ended)
    FROM (%s) d
    GROUP BY GROUPING SETS (
      (month, status, role, seniority, domain, workplace, company_category),
      (month, status),
      (month, status, role), (month, status, seniority), (month, status, domain), (month, status, workplace), (month, status, company_category),
      (month, status, role, seniority), (month, status, role, domain), (month, status, role, workplace), (month, status, role, company_category)
    )
    HAVING sum(posted) <> 0 OR sum(closed) <> 0 OR sum(ended) <> 0$q$, sources)
$$;
--> statement-breakpoint
-- The midpoints a set of postings contributes to salary_rollup, times sign.
CREATE FUNCTION salary_rollup_contributions(sign int, rows_sql text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT j.role, j.seniority, j.domain, j.workplace, j.company_category, j.status,
           j.salary_usd_min::bigint + j.salary_usd_max AS mid_x2, %1$s AS postings
    FROM %2$s j
    WHERE j.salary_usd_min IS NOT NULL AND j.salary_usd_max IS NOT NULL$q$, sign, rows_sql)
$$;
--> statement-breakpoint
-- Salary grouping sets: none, each dimension alone, and role × seniority. Each set holds a row per
-- distinct midpoint, so sets of more dimensions would grow toward one row per posting (and cost
-- every write a row more): requests they would serve read the postings' covering index instead.
CREATE FUNCTION salary_rollup_append_sql(sources text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO salary_rollup (grouping, status, role, seniority, domain, workplace, company_category, mid_x2, postings)
    SELECT GROUPING(role, seniority, domain, workplace, company_category), status, role, seniority, domain, workplace, company_category,
           mid_x2, sum(postings)
    FROM (%s) d
    GROUP BY GROUPING SETS (
      (status, mid_x2),
      (status, mid_x2, role), (status, mid_x2, seniority), (status, mid_x2, domain), (status, mid_x2, workplace), (status, mid_x2, company_category),
      (status, mid_x2, role, seniority)
    )
    HAVING sum(postings) <> 0$q$, sources)
$$;
--> statement-breakpoint
CREATE FUNCTION jobs_analytics_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  added text := '(SELECT n.*, c.category AS company_category FROM new_rows n JOIN companies c ON c.id = n.company_id)';
  removed text := '(SELECT o.*, c.category AS company_category FROM old_rows o JOIN companies c ON c.id = o.company_id)';
BEGIN
  -- Transition tables exist only for the events that have them.
  IF TG_OP = 'INSERT' THEN
    EXECUTE posting_rollup_append_sql(posting_rollup_contributions(1, added));
    EXECUTE salary_rollup_append_sql(salary_rollup_contributions(1, added));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE posting_rollup_append_sql(posting_rollup_contributions(-1, removed));
    EXECUTE salary_rollup_append_sql(salary_rollup_contributions(-1, removed));
  ELSE
    -- Unchanged rows cancel out in the sums and append nothing.
    EXECUTE posting_rollup_append_sql(posting_rollup_contributions(1, added) || ' UNION ALL ' || posting_rollup_contributions(-1, removed));
    EXECUTE salary_rollup_append_sql(salary_rollup_contributions(1, added) || ' UNION ALL ' || salary_rollup_contributions(-1, removed));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER jobs_analytics_rollups_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_analytics_rollups();
--> statement-breakpoint
CREATE TRIGGER jobs_analytics_rollups_update AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_analytics_rollups();
--> statement-breakpoint
CREATE TRIGGER jobs_analytics_rollups_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_analytics_rollups();
--> statement-breakpoint
-- A company that changes category moves its postings from the old category to the new one.
CREATE FUNCTION companies_analytics_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  removed text := '(SELECT j.*, o.category AS company_category FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.category <> o.category JOIN jobs j ON j.company_id = o.id)';
  added text := '(SELECT j.*, n.category AS company_category FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.category <> o.category JOIN jobs j ON j.company_id = n.id)';
BEGIN
  EXECUTE posting_rollup_append_sql(posting_rollup_contributions(-1, removed) || ' UNION ALL ' || posting_rollup_contributions(1, added));
  EXECUTE salary_rollup_append_sql(salary_rollup_contributions(-1, removed) || ' UNION ALL ' || salary_rollup_contributions(1, added));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER companies_analytics_rollups AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION companies_analytics_rollups();
--> statement-breakpoint
-- The postings that exist already, one row per key.
DO $$
DECLARE
  existing text := '(SELECT j.*, c.category AS company_category FROM jobs j JOIN companies c ON c.id = j.company_id)';
BEGIN
  EXECUTE posting_rollup_append_sql(posting_rollup_contributions(1, existing));
  EXECUTE salary_rollup_append_sql(salary_rollup_contributions(1, existing));
END $$;
--> statement-breakpoint
UPDATE posting_rollup SET compacted = true;
--> statement-breakpoint
UPDATE salary_rollup SET compacted = true;
