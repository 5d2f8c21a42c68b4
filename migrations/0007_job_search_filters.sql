CREATE INDEX "job_search_filters_idx" ON "job_search" USING btree ("workplace","country","role","seniority","domain","employment_type","company_id","salary_usd_min","salary_usd_max","posted_at");--> statement-breakpoint
CREATE INDEX "jobs_company_posted_idx" ON "jobs" USING btree ("company_id","posted_at","id");--> statement-breakpoint
-- Index-only scans need pages marked all-visible: vacuum the search table after 2 % of it changed
-- (the default waits for 20 %), so counts keep skipping the heap under steady partner writes.
ALTER TABLE job_search SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
