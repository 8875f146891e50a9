CREATE TABLE "xapi_statement_target_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"seq" bigint NOT NULL,
	"source_seq" bigint NOT NULL,
	"direct" boolean NOT NULL,
	CONSTRAINT "xapi_statement_target_keys_tenant_id_key_seq_source_seq_pk" PRIMARY KEY("tenant_id","key","seq","source_seq")
);
--> statement-breakpoint
DROP INDEX "xapi_statements_tenant_statement_refs_idx";--> statement-breakpoint
CREATE INDEX "xapi_statement_target_keys_seq_idx" ON "xapi_statement_target_keys" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_object_statement_idx" ON "xapi_statements" USING btree ("tenant_id","object_statement_id") WHERE object_statement_id is not null;