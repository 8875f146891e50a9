CREATE TABLE "xapi_documents" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"activity_iri" text NOT NULL,
	"agent_key" text NOT NULL,
	"registration" text NOT NULL,
	"document_id" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha1" text NOT NULL,
	"updated" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xapi_documents_pk" PRIMARY KEY("tenant_id","kind","activity_iri","agent_key","registration","document_id")
);
--> statement-breakpoint
ALTER TABLE "xapi_documents" ADD CONSTRAINT "xapi_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;