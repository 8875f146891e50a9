CREATE TABLE "leaderboard_opt_outs" (
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"opted_out_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_opt_outs_tenant_id_person_id_pk" PRIMARY KEY("tenant_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "point_awards" (
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"rule_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"activity" text,
	"points" integer NOT NULL,
	"earned_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "point_awards_tenant_id_seq_rule_id_pk" PRIMARY KEY("tenant_id","seq","rule_id")
);
--> statement-breakpoint
CREATE TABLE "point_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"program_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_rule_sets_tenant_program_key" UNIQUE NULLS NOT DISTINCT("tenant_id","program_id")
);
--> statement-breakpoint
CREATE TABLE "point_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"rule_set_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text,
	"verb_iri" text NOT NULL,
	"activity_type" text,
	"iri_prefix" text,
	"target" text,
	"success" boolean,
	"min_scaled_score" double precision,
	"once_per_activity" boolean NOT NULL,
	"points" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leaderboard_opt_outs" ADD CONSTRAINT "leaderboard_opt_outs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_opt_outs" ADD CONSTRAINT "leaderboard_opt_outs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_awards" ADD CONSTRAINT "point_awards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_awards" ADD CONSTRAINT "point_awards_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rule_sets" ADD CONSTRAINT "point_rule_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rule_sets" ADD CONSTRAINT "point_rule_sets_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_rule_set_id_point_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."point_rule_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "point_awards_once_key" ON "point_awards" USING btree ("enrollment_id","rule_id","activity") WHERE activity is not null;--> statement-breakpoint
CREATE INDEX "point_awards_tenant_enrollment_idx" ON "point_awards" USING btree ("tenant_id","enrollment_id","points","earned_at");--> statement-breakpoint
CREATE INDEX "point_rules_set_position_idx" ON "point_rules" USING btree ("rule_set_id","position");