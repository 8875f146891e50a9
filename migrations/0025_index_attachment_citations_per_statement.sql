CREATE TABLE "xapi_statement_attachments" (
	"tenant_id" uuid NOT NULL,
	"sha2" text NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "xapi_statement_attachments_tenant_id_sha2_seq_pk" PRIMARY KEY("tenant_id","sha2","seq")
);
--> statement-breakpoint
-- The statements stored before this migration: read once, here.
INSERT INTO "xapi_statement_attachments" ("tenant_id", "sha2", "seq")
SELECT DISTINCT s."tenant_id", a->>'sha2', s."seq"
FROM "xapi_statements" s,
  json_array_elements(CASE WHEN json_typeof(s."payload"->'attachments') = 'array'
                           THEN s."payload"->'attachments' ELSE '[]'::json END) a
WHERE a->>'sha2' IS NOT NULL
ON CONFLICT DO NOTHING;
