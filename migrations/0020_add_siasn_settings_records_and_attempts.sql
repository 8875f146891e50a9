CREATE TABLE "siasn_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"endpoint" text,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "siasn_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"nip" text NOT NULL,
	"name" text NOT NULL,
	"pns_orang_id" text,
	"instansi_id" text,
	"jenis_diklat_id" integer,
	"nama_kursus" text NOT NULL,
	"institusi_penyelenggara" text,
	"nomor_sertipikat" text,
	"jumlah_jam" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"last_error" text,
	"siasn_record_id" text,
	"queued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "siasn_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"client_token_sealed" text NOT NULL,
	"sso_token_sealed" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "siasn_attempts" ADD CONSTRAINT "siasn_attempts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siasn_attempts" ADD CONSTRAINT "siasn_attempts_record_id_siasn_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."siasn_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siasn_records" ADD CONSTRAINT "siasn_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siasn_records" ADD CONSTRAINT "siasn_records_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siasn_records" ADD CONSTRAINT "siasn_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siasn_settings" ADD CONSTRAINT "siasn_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "siasn_attempts_record_at_idx" ON "siasn_attempts" USING btree ("record_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "siasn_records_enrollment_key" ON "siasn_records" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "siasn_records_due_idx" ON "siasn_records" USING btree ("next_attempt_at") WHERE status = 'PENDING';--> statement-breakpoint
CREATE INDEX "siasn_records_tenant_created_idx" ON "siasn_records" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "siasn_records_tenant_status_created_idx" ON "siasn_records" USING btree ("tenant_id","status","created_at","id");