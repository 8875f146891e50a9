DROP INDEX "xapi_statements_tenant_stored_idx";--> statement-breakpoint
-- The newest sequence number of a tenant's statements stored at or before an instant (0 if
-- none): `since` and `until` become sequence bounds. A tenant's statements are stored one
-- batch at a time under its lock, so `stored` never decreases as `seq` grows, and a
-- bisection over the primary key finds the bound with one probe per halving of the range
-- of sequence numbers (under forty below a trillion), where an index on `stored` cost every
-- statement stored an index entry.
CREATE FUNCTION "xapi_last_seq_stored_by"(p_tenant uuid, p_instant timestamptz) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  -- Invariant: lo is 0 or a sequence number stored at or before the instant; no statement
  -- after hi was.
  lo bigint := 0;
  hi bigint;
  mid bigint;
  probe_seq bigint;
  probe_stored timestamptz;
BEGIN
  SELECT seq INTO hi FROM xapi_statements WHERE tenant_id = p_tenant ORDER BY seq DESC LIMIT 1;
  IF hi IS NULL THEN
    RETURN 0;
  END IF;
  WHILE lo < hi LOOP
    mid := lo + (hi - lo + 1) / 2;
    -- The first statement at or after mid.
    SELECT seq, stored INTO probe_seq, probe_stored FROM xapi_statements
      WHERE tenant_id = p_tenant AND seq >= mid ORDER BY seq LIMIT 1;
    IF probe_seq IS NOT NULL AND probe_seq <= hi AND probe_stored <= p_instant THEN
      lo := probe_seq;
    ELSE
      -- None in [mid, probe_seq) exists, and none from probe_seq on was stored by then.
      hi := mid - 1;
    END IF;
  END LOOP;
  RETURN lo;
END $$;
