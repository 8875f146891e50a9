CREATE TABLE "xapi_activities" (
	"tenant_id" uuid NOT NULL,
	"iri" text NOT NULL,
	"definition" jsonb,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_activities_tenant_id_iri_pk" PRIMARY KEY("tenant_id","iri")
);
--> statement-breakpoint
CREATE TABLE "xapi_attachments" (
	"tenant_id" uuid NOT NULL,
	"sha2" text NOT NULL,
	"content_type" text NOT NULL,
	"length" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_attachments_tenant_id_sha2_pk" PRIMARY KEY("tenant_id","sha2")
);
--> statement-breakpoint
CREATE TABLE "xapi_statement_activities" (
	"tenant_id" uuid NOT NULL,
	"activity_iri" text NOT NULL,
	"seq" bigint NOT NULL,
	"verb_iri" text NOT NULL,
	"direct" boolean NOT NULL,
	"roles" text[] NOT NULL,
	CONSTRAINT "xapi_statement_activities_tenant_id_activity_iri_seq_pk" PRIMARY KEY("tenant_id","activity_iri","seq")
);
--> statement-breakpoint
CREATE TABLE "xapi_statement_agents" (
	"tenant_id" uuid NOT NULL,
	"agent_key" text NOT NULL,
	"seq" bigint NOT NULL,
	"verb_iri" text NOT NULL,
	"direct" boolean NOT NULL,
	"roles" text[] NOT NULL,
	CONSTRAINT "xapi_statement_agents_tenant_id_agent_key_seq_pk" PRIMARY KEY("tenant_id","agent_key","seq")
);
--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"tenant_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "xapi_statements_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" uuid NOT NULL,
	"payload" json NOT NULL,
	"verb_iri" text NOT NULL,
	"registration" uuid,
	"stored" timestamp (3) with time zone NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"voids_id" uuid,
	"object_statement_id" uuid,
	"credential_id" uuid NOT NULL,
	CONSTRAINT "xapi_statements_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "xapi_activities" ADD CONSTRAINT "xapi_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_attachments" ADD CONSTRAINT "xapi_attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_credential_id_xapi_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."xapi_credentials"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xapi_statement_activities_direct_idx" ON "xapi_statement_activities" USING btree ("tenant_id","activity_iri","seq") WHERE direct;--> statement-breakpoint
CREATE INDEX "xapi_statement_activities_direct_verb_idx" ON "xapi_statement_activities" USING btree ("tenant_id","activity_iri","verb_iri","seq") WHERE direct;--> statement-breakpoint
CREATE INDEX "xapi_statement_agents_direct_idx" ON "xapi_statement_agents" USING btree ("tenant_id","agent_key","seq") WHERE direct;--> statement-breakpoint
CREATE INDEX "xapi_statement_agents_direct_verb_idx" ON "xapi_statement_agents" USING btree ("tenant_id","agent_key","verb_iri","seq") WHERE direct;--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_statements_tenant_id_key" ON "xapi_statements" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_verb_seq_idx" ON "xapi_statements" USING btree ("tenant_id","verb_iri","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_registration_seq_idx" ON "xapi_statements" USING btree ("tenant_id","registration","seq") WHERE registration is not null;--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_stored_idx" ON "xapi_statements" USING btree ("tenant_id","stored","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_credential_seq_idx" ON "xapi_statements" USING btree ("tenant_id","credential_id","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_voids_idx" ON "xapi_statements" USING btree ("tenant_id","voids_id") WHERE voids_id is not null;--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_statement_refs_idx" ON "xapi_statements" USING btree ("tenant_id","seq") WHERE object_statement_id is not null;