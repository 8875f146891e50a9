DROP INDEX "certificates_enrollment_key";--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_enrollment_valid_key" ON "certificates" USING btree ("enrollment_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "certificates_enrollment_idx" ON "certificates" USING btree ("enrollment_id");--> statement-breakpoint
ALTER TABLE "erasure_audit" DROP COLUMN "nip_sha256";--> statement-breakpoint
-- Hand-written: a completion queues a certificate unless a valid (unrevoked) one exists.
CREATE OR REPLACE FUNCTION queue_certificate_of_completed_enrollment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO certificate_queue (enrollment_id, tenant_id)
  SELECT NEW.id, NEW.tenant_id
  WHERE NOT EXISTS (
    SELECT 1 FROM certificates WHERE enrollment_id = NEW.id AND revoked_at IS NULL)
  ON CONFLICT (enrollment_id) DO NOTHING;
  RETURN NULL;
END $$;
