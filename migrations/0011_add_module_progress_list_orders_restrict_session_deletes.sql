CREATE TABLE "module_progress" (
	"tenant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"success" boolean,
	"best_scaled_score" double precision,
	"last_activity_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "module_progress_enrollment_id_module_id_pk" PRIMARY KEY("enrollment_id","module_id")
);
--> statement-breakpoint
ALTER TABLE "attendance" DROP CONSTRAINT "attendance_session_id_sessions_id_fk";
--> statement-breakpoint
DROP INDEX "assessment_results_tenant_person_idx";--> statement-breakpoint
DROP INDEX "competency_gaps_tenant_person_idx";--> statement-breakpoint
DROP INDEX "org_units_tenant_agency_name_idx";--> statement-breakpoint
DROP INDEX "mentor_assignments_tenant_cohort_idx";--> statement-breakpoint
ALTER TABLE "module_progress" ADD CONSTRAINT "module_progress_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_progress" ADD CONSTRAINT "module_progress_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_progress" ADD CONSTRAINT "module_progress_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "module_progress_tenant_module_idx" ON "module_progress" USING btree ("tenant_id","module_id");--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_results_tenant_person_cohort_idx" ON "assessment_results" USING btree ("tenant_id","person_id","cohort_id","recorded_at","id");--> statement-breakpoint
CREATE INDEX "competency_gaps_tenant_position_idx" ON "competency_gaps" USING btree ("tenant_id","position","id") WHERE person_id is null;--> statement-breakpoint
CREATE INDEX "org_units_tenant_parent_name_idx" ON "org_units" USING btree ("tenant_id","parent_id","name","id");--> statement-breakpoint
CREATE INDEX "cohorts_tenant_start_idx" ON "cohorts" USING btree ("tenant_id","start_date","id");--> statement-breakpoint
CREATE INDEX "cohorts_tenant_name_idx" ON "cohorts" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "programs_tenant_created_id_idx" ON "programs" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_tenant_created_idx" ON "mentor_assignments" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "competency_gaps_tenant_person_idx" ON "competency_gaps" USING btree ("tenant_id","person_id","assessed_on","id");--> statement-breakpoint
CREATE INDEX "org_units_tenant_agency_name_idx" ON "org_units" USING btree ("tenant_id","agency_id","name","id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_tenant_cohort_idx" ON "mentor_assignments" USING btree ("tenant_id","cohort_id","created_at","id");