CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"siasn_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"nip" text NOT NULL,
	"employment_type" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"position" text,
	"rank" text,
	"org_unit_id" uuid,
	"subject" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_xapi_identities" (
	"tenant_id" uuid NOT NULL,
	"agent_key" text NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"home_page" text,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_xapi_identities" ADD CONSTRAINT "person_xapi_identities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_xapi_identities" ADD CONSTRAINT "person_xapi_identities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_tenant_name_key" ON "agencies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "org_units_tenant_agency_name_idx" ON "org_units" USING btree ("tenant_id","agency_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "people_tenant_nip_key" ON "people" USING btree ("tenant_id","nip");--> statement-breakpoint
CREATE UNIQUE INDEX "people_tenant_subject_key" ON "people" USING btree ("tenant_id","subject") WHERE subject is not null;--> statement-breakpoint
CREATE INDEX "people_tenant_name_id_idx" ON "people" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "people_tenant_org_unit_idx" ON "people" USING btree ("tenant_id","org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_xapi_identities_tenant_agent_key" ON "person_xapi_identities" USING btree ("tenant_id","agent_key");--> statement-breakpoint
CREATE INDEX "person_xapi_identities_person_idx" ON "person_xapi_identities" USING btree ("person_id");