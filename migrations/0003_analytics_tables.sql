CREATE TABLE "layoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"announced_on" date NOT NULL,
	"headcount" integer NOT NULL,
	"ai_attributed" boolean NOT NULL,
	"reason" text,
	"source_url" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "layoffs_headcount_positive" CHECK ("layoffs"."headcount" > 0)
);
--> statement-breakpoint
CREATE TABLE "reported_salary_bands" (
	"id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"seniority" "seniority",
	"label" text NOT NULL,
	"min_usd" integer NOT NULL,
	"max_usd" integer NOT NULL,
	"demand_trend" text,
	"source" text NOT NULL,
	"published_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "layoffs" ADD CONSTRAINT "layoffs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_salary_bands" ADD CONSTRAINT "reported_salary_bands_role_roles_key_fk" FOREIGN KEY ("role") REFERENCES "public"."roles"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "layoffs_announced_idx" ON "layoffs" USING btree ("announced_on","id");--> statement-breakpoint
CREATE INDEX "layoffs_company_idx" ON "layoffs" USING btree ("company_id","announced_on");--> statement-breakpoint
CREATE INDEX "reported_salary_bands_role_idx" ON "reported_salary_bands" USING btree ("role");