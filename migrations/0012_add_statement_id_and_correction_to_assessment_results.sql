ALTER TABLE "assessment_results" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD COLUMN "corrected_at" timestamp (3) with time zone;