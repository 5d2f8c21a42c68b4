CREATE TYPE "public"."close_reason" AS ENUM('filled', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."company_category" AS ENUM('ai_native', 'big_tech', 'legacy_enterprise', 'saas', 'startup', 'other');--> statement-breakpoint
CREATE TYPE "public"."company_size" AS ENUM('1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001-10000', '10001+');--> statement-breakpoint
CREATE TYPE "public"."domain" AS ENUM('general', 'healthcare', 'finance', 'legal', 'security');--> statement-breakpoint
CREATE TYPE "public"."employment_type" AS ENUM('full_time', 'part_time', 'contract', 'internship', 'temporary');--> statement-breakpoint
CREATE TYPE "public"."job_event_type" AS ENUM('created', 'updated', 'closed', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."role_family" AS ENUM('ai', 'software', 'business');--> statement-breakpoint
CREATE TYPE "public"."salary_period" AS ENUM('hour', 'day', 'week', 'month', 'year');--> statement-breakpoint
CREATE TYPE "public"."seniority" AS ENUM('junior', 'mid', 'senior', 'staff', 'principal');--> statement-breakpoint
CREATE TYPE "public"."workplace" AS ENUM('onsite', 'hybrid', 'remote');--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"category" "company_category" NOT NULL,
	"website" text,
	"hq_country" char(2),
	"size" "company_size",
	"description" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fx_rates" (
	"currency" char(3) NOT NULL,
	"as_of" date NOT NULL,
	"usd_per_unit" numeric(18, 8) NOT NULL,
	CONSTRAINT "fx_rates_currency_as_of_pk" PRIMARY KEY("currency","as_of")
);
--> statement-breakpoint
CREATE TABLE "job_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"type" "job_event_type" NOT NULL,
	"changed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"external_id" text,
	"title" text NOT NULL,
	"role" text NOT NULL,
	"seniority" "seniority" NOT NULL,
	"domain" "domain" NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"employment_type" "employment_type" NOT NULL,
	"workplace" "workplace" NOT NULL,
	"city" text,
	"region" text,
	"country" char(2),
	"salary_min" numeric(14, 2),
	"salary_max" numeric(14, 2),
	"salary_currency" char(3),
	"salary_period" "salary_period",
	"salary_usd_min" integer,
	"salary_usd_max" integer,
	"salary_fx_as_of" date,
	"posted_at" timestamp (3) with time zone NOT NULL,
	"valid_through" timestamp (3) with time zone,
	"status" "job_status" DEFAULT 'open' NOT NULL,
	"close_reason" "close_reason",
	"closed_at" timestamp (3) with time zone,
	"apply_url" text,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_salary_range" CHECK ("jobs"."salary_min" is null or ("jobs"."salary_min" >= 0 and "jobs"."salary_max" >= "jobs"."salary_min")),
	CONSTRAINT "jobs_salary_usd_range" CHECK ("jobs"."salary_usd_min" is null or "jobs"."salary_usd_max" >= "jobs"."salary_usd_min"),
	CONSTRAINT "jobs_closed_at" CHECK (("jobs"."status" = 'closed') = ("jobs"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"family" "role_family" NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_role_roles_key_fk" FOREIGN KEY ("role") REFERENCES "public"."roles"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_slug_key" ON "companies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "companies_name_id_idx" ON "companies" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "companies_category_idx" ON "companies" USING btree ("category");--> statement-breakpoint
CREATE INDEX "job_events_job_idx" ON "job_events" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "job_events_occurred_idx" ON "job_events" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_company_external_id_key" ON "jobs" USING btree ("company_id","external_id");--> statement-breakpoint
CREATE INDEX "jobs_search_idx" ON "jobs" USING gin ("search");--> statement-breakpoint
CREATE INDEX "jobs_skills_idx" ON "jobs" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "jobs_status_posted_idx" ON "jobs" USING btree ("status","posted_at","id");--> statement-breakpoint
CREATE INDEX "jobs_status_salary_max_idx" ON "jobs" USING btree ("status",coalesce("salary_usd_max", -1),"id");--> statement-breakpoint
CREATE INDEX "jobs_status_salary_min_idx" ON "jobs" USING btree ("status",coalesce("salary_usd_min", 2147483647),"id");--> statement-breakpoint
CREATE INDEX "jobs_company_status_posted_idx" ON "jobs" USING btree ("company_id","status","posted_at");--> statement-breakpoint
CREATE INDEX "jobs_role_idx" ON "jobs" USING btree ("role","status");--> statement-breakpoint
CREATE INDEX "jobs_seniority_idx" ON "jobs" USING btree ("seniority","status");--> statement-breakpoint
CREATE INDEX "jobs_domain_idx" ON "jobs" USING btree ("domain","status");--> statement-breakpoint
CREATE INDEX "jobs_country_idx" ON "jobs" USING btree ("country","status");--> statement-breakpoint
CREATE INDEX "jobs_workplace_idx" ON "jobs" USING btree ("workplace","status");