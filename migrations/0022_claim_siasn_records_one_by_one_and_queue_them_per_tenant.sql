DROP INDEX "siasn_records_due_idx";--> statement-breakpoint
ALTER TABLE "siasn_records" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
CREATE INDEX "siasn_records_tenant_due_idx" ON "siasn_records" USING btree ("tenant_id","next_attempt_at") WHERE status = 'PENDING';