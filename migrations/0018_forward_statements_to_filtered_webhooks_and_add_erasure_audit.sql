CREATE TABLE "erasure_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"nip_sha256" text NOT NULL,
	"erased_by" text NOT NULL,
	"erased_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "statement_filter" jsonb;--> statement-breakpoint
ALTER TABLE "erasure_audit" ADD CONSTRAINT "erasure_audit_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasure_audit_tenant_erased_idx" ON "erasure_audit" USING btree ("tenant_id","erased_at","id");--> statement-breakpoint
CREATE INDEX "webhooks_tenant_statement_topic_idx" ON "webhooks" USING btree ("tenant_id") WHERE disabled_at is null and 'xapi.statement' = any(topics);