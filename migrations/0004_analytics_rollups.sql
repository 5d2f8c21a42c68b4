CREATE TABLE "posting_rollup" (
	"grouping" smallint NOT NULL,
	"month" date NOT NULL,
	"status" "job_status" NOT NULL,
	"role" text,
	"seniority" "seniority",
	"domain" "domain",
	"workplace" "workplace",
	"company_category" "company_category",
	"posted" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	"compacted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "salary_rollup" (
	"grouping" smallint NOT NULL,
	"status" "job_status" NOT NULL,
	"role" text,
	"seniority" "seniority",
	"domain" "domain",
	"workplace" "workplace",
	"company_category" "company_category",
	"mid_x2" bigint NOT NULL,
	"postings" integer NOT NULL,
	"compacted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "posting_rollup_grouping_month_idx" ON "posting_rollup" USING btree ("grouping","month");--> statement-breakpoint
CREATE INDEX "posting_rollup_delta_idx" ON "posting_rollup" USING btree ("month") WHERE not "posting_rollup"."compacted";--> statement-breakpoint
CREATE INDEX "salary_rollup_grouping_role_idx" ON "salary_rollup" USING btree ("grouping","role");--> statement-breakpoint
CREATE INDEX "salary_rollup_delta_idx" ON "salary_rollup" USING btree ("grouping") WHERE not "salary_rollup"."compacted";--> statement-breakpoint
CREATE INDEX "jobs_salary_facts_idx" ON "jobs" USING btree ("role","seniority","domain","workplace","status","country","employment_type","company_id","posted_at","salary_usd_min","salary_usd_max") WHERE "jobs"."salary_usd_min" is not null and "jobs"."salary_usd_max" is not null;