CREATE TABLE "daily_participation" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"learner" text NOT NULL,
	"statements" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_participation_tenant_id_day_learner_pk" PRIMARY KEY("tenant_id","day","learner")
);
--> statement-breakpoint
CREATE TABLE "jp_targets" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"target_jp" integer NOT NULL,
	"minutes_per_jp" integer NOT NULL,
	CONSTRAINT "jp_targets_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "outcome_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"better" text NOT NULL,
	"baseline_value" double precision NOT NULL,
	"baseline_on" date NOT NULL,
	"follow_up_value" double precision,
	"follow_up_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "risk_score_threshold" double precision DEFAULT 0.6 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "risk_inactive_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "check_in_interval_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "coaching_check_ins" ADD COLUMN "rating" integer;--> statement-breakpoint
ALTER TABLE "daily_participation" ADD CONSTRAINT "daily_participation_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jp_targets" ADD CONSTRAINT "jp_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_indicators_tenant_program_idx" ON "outcome_indicators" USING btree ("tenant_id","program_id","org_unit_id","id");--> statement-breakpoint
CREATE INDEX "learning_events_tenant_assessment_idx" ON "learning_events" USING btree ("tenant_id","assessment_id") WHERE assessment_id is not null;