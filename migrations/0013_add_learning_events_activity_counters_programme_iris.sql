CREATE TABLE "enrollment_activity" (
	"tenant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"statements" integer DEFAULT 0 NOT NULL,
	"forum_posts" integer DEFAULT 0 NOT NULL,
	"forum_replies" integer DEFAULT 0 NOT NULL,
	"time_spent_seconds" integer DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp (3) with time zone,
	CONSTRAINT "enrollment_activity_tenant_id_enrollment_id_pk" PRIMARY KEY("tenant_id","enrollment_id")
);
--> statement-breakpoint
CREATE TABLE "learning_events" (
	"tenant_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"agent_key" text NOT NULL,
	"person_id" uuid,
	"registration" uuid,
	"enrollment_id" uuid,
	"module_id" uuid,
	"assessment_id" uuid,
	"direct" boolean DEFAULT false NOT NULL,
	"verb_iri" text NOT NULL,
	"takes_part" boolean NOT NULL,
	"completes" boolean NOT NULL,
	"scaled" double precision,
	"success" boolean,
	"duration_seconds" integer DEFAULT 0 NOT NULL,
	"forum" text,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	CONSTRAINT "learning_events_tenant_id_statement_id_pk" PRIMARY KEY("tenant_id","statement_id")
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "activity_iris" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "module_progress" ADD COLUMN "time_spent_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollment_activity" ADD CONSTRAINT "enrollment_activity_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_events" ADD CONSTRAINT "learning_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_events_tenant_person_seq_idx" ON "learning_events" USING btree ("tenant_id","person_id","seq");--> statement-breakpoint
CREATE INDEX "learning_events_tenant_enrollment_idx" ON "learning_events" USING btree ("tenant_id","enrollment_id","module_id");--> statement-breakpoint
CREATE INDEX "learning_events_tenant_unknown_agent_idx" ON "learning_events" USING btree ("tenant_id","agent_key","seq") WHERE person_id is null;--> statement-breakpoint
CREATE INDEX "assessments_activity_iris_idx" ON "assessments" USING gin ("activity_iris");--> statement-breakpoint
CREATE INDEX "modules_activity_iris_idx" ON "modules" USING gin ("activity_iris");--> statement-breakpoint
CREATE INDEX "programs_activity_iris_idx" ON "programs" USING gin ("activity_iris");