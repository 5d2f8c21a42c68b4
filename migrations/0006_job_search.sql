CREATE TABLE "job_search" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"role" text NOT NULL,
	"seniority" "seniority" NOT NULL,
	"domain" "domain" NOT NULL,
	"skills" text[] NOT NULL,
	"employment_type" "employment_type" NOT NULL,
	"workplace" "workplace" NOT NULL,
	"country" char(2),
	"salary_usd_min" integer,
	"salary_usd_max" integer,
	"posted_at" timestamp (3) with time zone NOT NULL,
	"search" "tsvector" NOT NULL,
	"title_search" "tsvector" NOT NULL,
	"head_search" "tsvector" NOT NULL
);
--> statement-breakpoint
-- job_search holds exactly the open postings: every statement that writes jobs replaces the rows
-- it touched, in the writer's own transaction (so a search never sees a posting that is not
-- committed as open, and sees it as soon as it is).
CREATE FUNCTION job_search_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM job_search s USING old_rows o WHERE s.id = o.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO job_search (id, company_id, role, seniority, domain, skills, employment_type, workplace, country,
      salary_usd_min, salary_usd_max, posted_at, search, title_search, head_search)
    SELECT n.id, n.company_id, n.role, n.seniority, n.domain, n.skills, n.employment_type, n.workplace, n.country,
      n.salary_usd_min, n.salary_usd_max, n.posted_at, n.search, ts_filter(n.search, '{a}'), ts_filter(n.search, '{a,b,c}')
    FROM new_rows n WHERE n.status = 'open';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER jobs_search_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION job_search_sync();
--> statement-breakpoint
CREATE TRIGGER jobs_search_update AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION job_search_sync();
--> statement-breakpoint
CREATE TRIGGER jobs_search_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION job_search_sync();
--> statement-breakpoint
-- The open postings that exist already (the triggers above hold writers back until this commits;
-- readers go on). Indexes are built after the load: one sort each instead of row-by-row inserts.
INSERT INTO job_search (id, company_id, role, seniority, domain, skills, employment_type, workplace, country,
  salary_usd_min, salary_usd_max, posted_at, search, title_search, head_search)
SELECT id, company_id, role, seniority, domain, skills, employment_type, workplace, country,
  salary_usd_min, salary_usd_max, posted_at, search, ts_filter(search, '{a}'), ts_filter(search, '{a,b,c}')
FROM jobs WHERE status = 'open';
--> statement-breakpoint
CREATE INDEX "job_search_posted_idx" ON "job_search" USING btree ("posted_at","id","workplace","country","role","seniority","domain","employment_type","company_id","salary_usd_min","salary_usd_max");--> statement-breakpoint
CREATE INDEX "job_search_salary_max_idx" ON "job_search" USING btree (coalesce("salary_usd_max", -1),"id","salary_usd_min","salary_usd_max","workplace","country","role","seniority","domain","employment_type","company_id","posted_at");--> statement-breakpoint
CREATE INDEX "job_search_salary_min_idx" ON "job_search" USING btree (coalesce("salary_usd_min", 2147483647),"id","salary_usd_min","salary_usd_max","workplace","country","role","seniority","domain","employment_type","company_id","posted_at");--> statement-breakpoint
CREATE INDEX "job_search_company_posted_idx" ON "job_search" USING btree ("company_id","posted_at","id");--> statement-breakpoint
CREATE INDEX "job_search_search_idx" ON "job_search" USING gin ("search");--> statement-breakpoint
CREATE INDEX "job_search_title_idx" ON "job_search" USING gin ("title_search");--> statement-breakpoint
CREATE INDEX "job_search_head_idx" ON "job_search" USING gin ("head_search");--> statement-breakpoint
CREATE INDEX "job_search_skills_idx" ON "job_search" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "job_search_role_idx" ON "job_search" USING btree ("role");--> statement-breakpoint
CREATE INDEX "job_search_seniority_idx" ON "job_search" USING btree ("seniority");--> statement-breakpoint
CREATE INDEX "job_search_domain_idx" ON "job_search" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "job_search_workplace_idx" ON "job_search" USING btree ("workplace");--> statement-breakpoint
CREATE INDEX "job_search_employment_type_idx" ON "job_search" USING btree ("employment_type");--> statement-breakpoint
CREATE INDEX "job_search_country_idx" ON "job_search" USING btree ("country");--> statement-breakpoint
CREATE INDEX "job_search_filters_idx" ON "job_search" USING btree ("workplace","country","role","seniority","domain","employment_type","company_id","salary_usd_min","salary_usd_max","posted_at");--> statement-breakpoint
CREATE INDEX "jobs_posted_idx" ON "jobs" USING btree ("posted_at","id");--> statement-breakpoint
CREATE INDEX "jobs_company_posted_idx" ON "jobs" USING btree ("company_id","posted_at","id");
--> statement-breakpoint
-- Index-only scans need pages marked all-visible: vacuum the search table after 2 % of it changed
-- (the default waits for 20 %), so counts and sorted listings keep skipping the heap under steady writes.
ALTER TABLE job_search SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
--> statement-breakpoint
ANALYZE job_search;
