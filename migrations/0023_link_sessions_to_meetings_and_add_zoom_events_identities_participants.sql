CREATE TABLE "meeting_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"meeting_id" text NOT NULL,
	"meeting_uuid" text NOT NULL,
	"participant_key" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"provider_user_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"participant_key" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"provider_user_id" text,
	"person_id" uuid,
	"minutes_present" integer NOT NULL,
	"first_joined_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_report_intervals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"provider_user_id" text,
	"joined_at" timestamp (3) with time zone NOT NULL,
	"left_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_meeting_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"identity" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zoom_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"secret_token_sealed" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "attendance_grace_minutes" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "attendance_min_share" double precision DEFAULT 0.75 NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "source" text DEFAULT 'MANUAL' NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "minutes_present" integer;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "meeting_provider" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "meeting_id" text;--> statement-breakpoint
ALTER TABLE "meeting_events" ADD CONSTRAINT "meeting_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_report_intervals" ADD CONSTRAINT "meeting_report_intervals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_report_intervals" ADD CONSTRAINT "meeting_report_intervals_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_meeting_identities" ADD CONSTRAINT "person_meeting_identities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_meeting_identities" ADD CONSTRAINT "person_meeting_identities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zoom_settings" ADD CONSTRAINT "zoom_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_events_delivery_key" ON "meeting_events" USING btree ("tenant_id","meeting_uuid","participant_key","kind","at");--> statement-breakpoint
CREATE INDEX "meeting_events_tenant_meeting_at_idx" ON "meeting_events" USING btree ("tenant_id","provider","meeting_id","at");--> statement-breakpoint
CREATE INDEX "meeting_events_due_idx" ON "meeting_events" USING btree ("due_at") WHERE processed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_key" ON "meeting_participants" USING btree ("session_id","provider","participant_key");--> statement-breakpoint
CREATE INDEX "meeting_report_intervals_session_source_idx" ON "meeting_report_intervals" USING btree ("session_id","source");--> statement-breakpoint
CREATE UNIQUE INDEX "person_meeting_identities_key" ON "person_meeting_identities" USING btree ("tenant_id","provider","identity");--> statement-breakpoint
CREATE INDEX "person_meeting_identities_person_idx" ON "person_meeting_identities" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "sessions_tenant_meeting_idx" ON "sessions" USING btree ("tenant_id","meeting_provider","meeting_id") WHERE meeting_id is not null;