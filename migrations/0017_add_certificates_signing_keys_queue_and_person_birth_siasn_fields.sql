CREATE TABLE "certificate_queue" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"queued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "certificate_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_templates" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number_pattern" text NOT NULL,
	"next_sequence" integer DEFAULT 1 NOT NULL,
	"institution" text,
	"signatory_name" text,
	"signatory_title" text,
	"signatory_nip" text,
	"signed_at" text,
	"qualification_bands" jsonb
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" text NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"jws" text NOT NULL,
	"key_id" text NOT NULL,
	"jp" double precision NOT NULL,
	"issued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revocation_reason" text,
	"revoked_by" text
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "birth_place" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "siasn_id" text;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "location" text;--> statement-breakpoint
ALTER TABLE "certificate_queue" ADD CONSTRAINT "certificate_queue_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_queue" ADD CONSTRAINT "certificate_queue_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_templates" ADD CONSTRAINT "certificate_templates_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_templates" ADD CONSTRAINT "certificate_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_queue_due_idx" ON "certificate_queue" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "certificate_queue_tenant_idx" ON "certificate_queue" USING btree ("tenant_id","queued_at","enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_key" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_enrollment_key" ON "certificates" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "certificates_tenant_issued_idx" ON "certificates" USING btree ("tenant_id","issued_at","id");--> statement-breakpoint
CREATE INDEX "certificates_tenant_person_idx" ON "certificates" USING btree ("tenant_id","person_id");--> statement-breakpoint
-- Hand-written: an enrollment that becomes COMPLETED, by whatever path, queues its
-- certificate in the same transaction. Issued certificates are not queued again.
CREATE FUNCTION queue_certificate_of_completed_enrollment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO certificate_queue (enrollment_id, tenant_id)
  SELECT NEW.id, NEW.tenant_id
  WHERE NOT EXISTS (SELECT 1 FROM certificates WHERE enrollment_id = NEW.id)
  ON CONFLICT (enrollment_id) DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER enrollments_queue_certificate_on_insert
AFTER INSERT ON enrollments
FOR EACH ROW WHEN (NEW.status = 'COMPLETED')
EXECUTE FUNCTION queue_certificate_of_completed_enrollment();--> statement-breakpoint
CREATE TRIGGER enrollments_queue_certificate_on_completion
AFTER UPDATE OF status ON enrollments
FOR EACH ROW WHEN (NEW.status = 'COMPLETED' AND OLD.status IS DISTINCT FROM 'COMPLETED')
EXECUTE FUNCTION queue_certificate_of_completed_enrollment();
