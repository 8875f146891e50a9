CREATE TABLE "xapi_statement_clocks" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_stored" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "xapi_statement_clocks" ADD CONSTRAINT "xapi_statement_clocks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Tenants with statements start from what they hold.
INSERT INTO "xapi_statement_clocks" ("tenant_id", "last_seq", "last_stored")
SELECT "tenant_id", max("seq"), max("stored") FROM "xapi_statements" GROUP BY "tenant_id"
ON CONFLICT DO NOTHING;
