ALTER TABLE "assessment_results" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD COLUMN "corrected_at" timestamp (3) with time zone;--> statement-breakpoint
-- Results recorded before this migration: their statement is the one about the same
-- assessment, in the cohort's registration, timestamped when the result was recorded. Where
-- two statements fit (two learners in the same millisecond) neither is taken.
UPDATE "assessment_results" r SET "statement_id" = s."id"
FROM "cohorts" c, "xapi_statements" s
WHERE c."id" = r."cohort_id"
  AND r."statement_id" IS NULL
  AND s."tenant_id" = r."tenant_id"
  AND s."registration" = c."registration"
  AND s."voids_id" IS NULL
  AND s."payload"->'object'->>'id' = 'urn:jejak:assessment:' || r."assessment_id"
  AND (s."payload"->>'timestamp')::timestamptz = r."recorded_at"
  AND NOT EXISTS (
    SELECT 1 FROM "xapi_statements" o
    WHERE o."tenant_id" = s."tenant_id" AND o."registration" = s."registration"
      AND o."id" <> s."id" AND o."voids_id" IS NULL
      AND o."payload"->'object'->>'id' = s."payload"->'object'->>'id'
      AND (o."payload"->>'timestamp')::timestamptz = r."recorded_at"
  );
