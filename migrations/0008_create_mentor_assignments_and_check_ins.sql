CREATE TABLE "coaching_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"channel" text NOT NULL,
	"notes" text,
	"next_steps" text,
	"skp_progress" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coaching_check_ins" ADD CONSTRAINT "coaching_check_ins_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_check_ins" ADD CONSTRAINT "coaching_check_ins_assignment_id_mentor_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."mentor_assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_mentee_id_people_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coaching_check_ins_tenant_assignment_idx" ON "coaching_check_ins" USING btree ("tenant_id","assignment_id","held_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_assignments_key" ON "mentor_assignments" USING btree ("cohort_id","mentor_id","mentee_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_tenant_mentor_idx" ON "mentor_assignments" USING btree ("tenant_id","mentor_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_tenant_mentee_idx" ON "mentor_assignments" USING btree ("tenant_id","mentee_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_tenant_cohort_idx" ON "mentor_assignments" USING btree ("tenant_id","cohort_id");