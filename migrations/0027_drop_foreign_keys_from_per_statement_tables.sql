ALTER TABLE "daily_participation" DROP CONSTRAINT "daily_participation_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "xapi_statements" DROP CONSTRAINT "xapi_statements_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "xapi_statements" DROP CONSTRAINT "xapi_statements_credential_id_xapi_credentials_id_fk";
--> statement-breakpoint
ALTER TABLE "learning_events" DROP CONSTRAINT "learning_events_tenant_id_tenants_id_fk";
--> statement-breakpoint
-- What the dropped foreign keys' ON DELETE RESTRICT did, checked on the rare delete instead
-- of on every row stored. Each takes the tenant's statement write lock first (the key of
-- src/db/advisoryLock.ts), so no batch is midway through storing the rows it looks for.
CREATE FUNCTION "jejak_keep_tenant_with_statements"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7401003, hashtext(OLD.id::text));
  IF EXISTS (SELECT 1 FROM xapi_statements WHERE tenant_id = OLD.id)
     OR EXISTS (SELECT 1 FROM learning_events WHERE tenant_id = OLD.id)
     OR EXISTS (SELECT 1 FROM daily_participation WHERE tenant_id = OLD.id) THEN
    RAISE EXCEPTION 'tenant % still has statements or learning records', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "tenants_keep_statements" BEFORE DELETE ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION "jejak_keep_tenant_with_statements"();
--> statement-breakpoint
CREATE FUNCTION "jejak_keep_credential_with_statements"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7401003, hashtext(OLD.tenant_id::text));
  IF EXISTS (SELECT 1 FROM xapi_statements
             WHERE tenant_id = OLD.tenant_id AND credential_id = OLD.id) THEN
    RAISE EXCEPTION 'credential % wrote statements that are still stored', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "xapi_credentials_keep_statements" BEFORE DELETE ON "xapi_credentials"
  FOR EACH ROW EXECUTE FUNCTION "jejak_keep_credential_with_statements"();
