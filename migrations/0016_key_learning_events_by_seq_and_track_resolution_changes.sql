CREATE TABLE "resolution_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"people" bigint DEFAULT 0 NOT NULL,
	"catalogue" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "learning_events_tenant_enrollment_idx";--> statement-breakpoint
DROP INDEX "learning_events_tenant_assessment_idx";--> statement-breakpoint
ALTER TABLE "learning_events" DROP CONSTRAINT "learning_events_tenant_id_statement_id_pk";--> statement-breakpoint
ALTER TABLE "learning_events" ADD CONSTRAINT "learning_events_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq");--> statement-breakpoint
ALTER TABLE "resolution_versions" ADD CONSTRAINT "resolution_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_events_tenant_assessment_idx" ON "learning_events" USING btree ("tenant_id","assessment_id") WHERE assessment_id is not null and scaled is not null;--> statement-breakpoint
-- Hand-written below: the sequence and triggers that keep resolution_versions (see its
-- comment in src/db/schema/learningEvents.ts). Row triggers, each moving its tenant's
-- number (people or catalogue, the trigger's argument) on any change statements resolve
-- through.
CREATE SEQUENCE "resolution_version_seq";--> statement-breakpoint
CREATE FUNCTION "bump_resolution_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD."tenant_id" ELSE NEW."tenant_id" END;
BEGIN
  IF TG_ARGV[0] = 'catalogue' THEN
    INSERT INTO "resolution_versions" ("tenant_id", "catalogue")
    VALUES (tenant, nextval('resolution_version_seq'))
    ON CONFLICT ("tenant_id") DO UPDATE SET "catalogue" = excluded."catalogue";
  ELSE
    INSERT INTO "resolution_versions" ("tenant_id", "people")
    VALUES (tenant, nextval('resolution_version_seq'))
    ON CONFLICT ("tenant_id") DO UPDATE SET "people" = excluded."people";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "person_xapi_identities_resolution" AFTER INSERT OR UPDATE OR DELETE ON "person_xapi_identities"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('people');--> statement-breakpoint
CREATE TRIGGER "people_resolution" AFTER INSERT OR UPDATE OF "nip" OR DELETE ON "people"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('people');--> statement-breakpoint
CREATE TRIGGER "enrollments_resolution" AFTER INSERT OR UPDATE OF "person_id", "cohort_id" OR DELETE ON "enrollments"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('people');--> statement-breakpoint
CREATE TRIGGER "cohorts_resolution" AFTER UPDATE OF "program_id", "registration", "start_date", "end_date" OR DELETE ON "cohorts"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('people');--> statement-breakpoint
CREATE TRIGGER "programs_resolution" AFTER INSERT OR UPDATE OF "activity_iris" OR DELETE ON "programs"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('catalogue');--> statement-breakpoint
CREATE TRIGGER "modules_resolution" AFTER INSERT OR UPDATE OF "activity_iris", "program_id" OR DELETE ON "modules"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('catalogue');--> statement-breakpoint
CREATE TRIGGER "assessments_resolution" AFTER INSERT OR UPDATE OF "activity_iris", "module_id" OR DELETE ON "assessments"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('catalogue');--> statement-breakpoint
CREATE TRIGGER "sessions_resolution" AFTER INSERT OR UPDATE OF "module_id" OR DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "bump_resolution_version"('catalogue');
