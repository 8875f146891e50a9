CREATE TABLE "competencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_gaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"person_id" uuid,
	"position" text,
	"current_level" integer NOT NULL,
	"required_level" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_competencies" (
	"tenant_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	CONSTRAINT "program_competencies_program_id_competency_id_pk" PRIMARY KEY("program_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competencies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_gaps" ADD CONSTRAINT "competency_gaps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_gaps" ADD CONSTRAINT "competency_gaps_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_gaps" ADD CONSTRAINT "competency_gaps_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_competencies" ADD CONSTRAINT "program_competencies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_competencies" ADD CONSTRAINT "program_competencies_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_competencies" ADD CONSTRAINT "program_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "competencies_tenant_name_key" ON "competencies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "competencies_tenant_name_id_idx" ON "competencies" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "competency_gaps_tenant_person_idx" ON "competency_gaps" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "competency_gaps_tenant_competency_idx" ON "competency_gaps" USING btree ("tenant_id","competency_id");