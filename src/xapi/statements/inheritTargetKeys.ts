// The StatementRef filter rule at write time: a statement that targets another inherits
// the keys its target matches (agents, activities, verb, registration, and what the target
// itself inherited), so queries find it with an index scan instead of walking references.
// Targets may arrive after the statements that refer to them: storing a statement also
// refreshes whatever already refers to it, down chains of up to ten references.
import { sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import { textList } from '../../db/sqlLists.js';
import { agentKey } from './agentKey.js';
import { statementRows } from './statementRows.js';
import type { StatementJson } from './xapiJson.js';

/** How far a chain of StatementRefs passes keys down. */
export const maxReferenceDepth = 10;

export interface StoredReference {
  id: string;
  seq: number;
  /** The statement id its object refers to, or null. */
  objectStatementId: string | null;
}

export async function inheritTargetKeys(
  tx: JejakTransaction,
  tenantId: string,
  stored: StoredReference[],
): Promise<void> {
  // Referring statements of this batch, and stored ones whose target just arrived.
  let referrers = stored.filter((row) => row.objectStatementId !== null);
  const arrivedIds = stored.map((row) => row.id.toLowerCase());
  const waiting = await referrersOf(tx, tenantId, arrivedIds);
  const seen = new Set(referrers.map((row) => row.seq));
  referrers.push(...waiting.filter((row) => !seen.has(row.seq)));

  for (let depth = 0; depth < maxReferenceDepth && referrers.length > 0; depth += 1) {
    await copyTargetKeys(tx, tenantId, referrers);
    // Whatever refers to a statement that just inherited keys inherits them in turn.
    referrers = await referrersOf(
      tx,
      tenantId,
      referrers.map((row) => row.id.toLowerCase()),
    );
  }
}

async function referrersOf(
  tx: JejakTransaction,
  tenantId: string,
  targetIds: string[],
): Promise<StoredReference[]> {
  if (targetIds.length === 0) return [];
  const rows = await rawRows<{ id: string; seq: string | number; object_statement_id: string }>(
    tx,
    prepared(sql`select id, seq, object_statement_id from xapi_statements
        where tenant_id = ${tenantId}
          and object_statement_id in (select id::uuid from ${textList(targetIds)} as t(id))`),
  );
  return rows.map((row) => ({
    id: row.id,
    seq: Number(row.seq),
    objectStatementId: row.object_statement_id,
  }));
}

/** Every key of each referrer's target, written as the referrer's inherited keys. */
async function copyTargetKeys(
  tx: JejakTransaction,
  tenantId: string,
  referrers: StoredReference[],
): Promise<void> {
  const targetIds = [...new Set(referrers.map((row) => row.objectStatementId!.toLowerCase()))];
  const targets = await rawRows<{ id: string; seq: string | number; payload: string }>(
    tx,
    sql`select id, seq, payload::text as payload from xapi_statements
        where tenant_id = ${tenantId}
          and id in (select id::uuid from ${textList(targetIds)} as t(id))`,
  );
  if (targets.length === 0) return;
  const inherited = await rawRows<{
    seq: string | number;
    key: string;
    source_seq: string | number;
    direct: boolean;
  }>(
    tx,
    sql`select seq, key, source_seq, direct from xapi_statement_target_keys
        where tenant_id = ${tenantId}
          and seq in (select s::bigint from ${textList(targets.map((t) => String(t.seq)))} as t(s))`,
  );
  interface Key {
    key: string;
    sourceSeq: number;
    direct: boolean;
  }
  const keysOfTarget = new Map<string, Key[]>();
  const idBySeq = new Map<number, string>();
  for (const target of targets) {
    const seq = Number(target.seq);
    idBySeq.set(seq, target.id);
    const own = ownKeys(JSON.parse(target.payload) as StatementJson);
    keysOfTarget.set(
      target.id,
      [...own].map(([key, direct]) => ({ key, sourceSeq: seq, direct })),
    );
  }
  for (const row of inherited) {
    keysOfTarget.get(idBySeq.get(Number(row.seq))!)!.push({
      key: row.key,
      sourceSeq: Number(row.source_seq),
      direct: row.direct,
    });
  }
  const records = referrers.flatMap((referrer) =>
    (keysOfTarget.get(referrer.objectStatementId!.toLowerCase()) ?? []).map((key) => ({
      key: key.key,
      seq: referrer.seq,
      source_seq: key.sourceSeq,
      direct: key.direct,
    })),
  );
  if (records.length === 0) return;
  await tx.execute(sql`
    insert into xapi_statement_target_keys (tenant_id, key, seq, source_seq, direct)
    select ${tenantId}::uuid, r.key, r.seq, r.source_seq, r.direct
    from json_to_recordset(${JSON.stringify(records)}::text::json)
      as r(key text, seq bigint, source_seq bigint, direct boolean)
    on conflict (tenant_id, key, seq, source_seq) do nothing`);
}

/**
 * The keys a statement matches by itself, from the same rows that index it, and its
 * authority (which has no link row, but which `related_agents` matches all the same).
 */
export function ownKeys(statement: StatementJson): Map<string, boolean> {
  const rows = statementRows(statement);
  const keys = new Map<string, boolean>();
  const authority = statement.authority === undefined ? undefined : agentKey(statement.authority);
  if (authority !== undefined) keys.set(`agent:${authority}`, false);
  for (const link of rows.agents) keys.set(`agent:${link.key}`, link.direct);
  for (const link of rows.activities) keys.set(`activity:${link.key}`, link.direct);
  keys.set(`verb:${rows.verbIri}`, true);
  if (rows.registration !== null) keys.set(`registration:${rows.registration}`, true);
  return keys;
}
