// Stores a batch of valid statements, all or nothing: one transaction under the tenant's
// statement lock, so `stored` and the stored sequence rise together and no concurrent batch
// writes the same ids or voids the same statements meanwhile. The learning
// records kept from the statements, and the outbox messages that forward them to the
// tenant's statement webhooks, are written in the same transaction.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { lockTenantStatementWrites, type JejakTransaction } from '../../db/advisoryLock.js';
import {
  learningProjection,
  type StatementProjection,
} from '../../domain/learningRecords/projectLearning.js';
import {
  forwardStatements,
  readStatementSubscriptions,
} from '../../domain/outbox/statementForwarding.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import { jsonRecords, textList } from '../../db/sqlLists.js';
import { xapiActivities, xapiAttachments, xapiStatements } from '../../db/schema/index.js';
import { BadUserInputError, ConflictError } from '../../lib/errors.js';
import { canonicalJson, sameStatement } from './compareStatements.js';
import { inheritTargetKeys } from './inheritTargetKeys.js';
import { mergeDefinitions } from './mergeDefinitions.js';
import {
  findVoidedIds,
  planStatements,
  restamp,
  stampStored,
  storedVoided,
  uuidArray,
  type AttachmentContent,
  type Candidate,
  type PlannedLinks,
  type PlannedStage,
  type StatementBatchPlan,
  type StoreStatementsInput,
} from './planStatements.js';
import type { StatementRows } from './statementRows.js';
import type { JsonObject, StatementJson } from './xapiJson.js';

export type { AttachmentContent, StoreStatementsInput } from './planStatements.js';

export class StatementConflictError extends ConflictError {}

export interface StoreStatementsResult {
  /** In the order of the request, including ids that were already stored unchanged. */
  ids: string[];
  /** How many statements were new. */
  inserted: number;
}

/** Statements per id lookup and per definitions INSERT. */
const insertChunk = 1000;

/**
 * Plans and stores the batch under the tenant's lock. `projection` keeps the learning
 * records from the new statements (see domain/learningRecords/projectLearning.ts); only the
 * ingest benchmark passes another, to measure what it costs.
 */
export async function storeStatements(
  db: JejakDb,
  input: StoreStatementsInput,
  projection: StatementProjection = learningProjection,
  commitAfter?: Promise<unknown>,
): Promise<StoreStatementsResult> {
  return db.transaction(async (tx) => {
    await lockTenantStatementWrites(tx, input.tenantId);
    // A statement of its own, so its snapshot sees what the previous holder committed.
    const stored = await stampStored(tx, input.tenantId);
    const plan = await planStatements(tx, input, stored);
    return finishPlan(tx, plan, startWriting(tx, plan, projection), commitAfter);
  });
}

/**
 * Stores a batch planned without the lock (planStatements on the pool), as an import does
 * to plan its next batch while this one is written. Its INSERTs go out with the lock query,
 * without waiting for it: `stored` is stamped under the lock and written by the INSERTs
 * themselves, and which of the batch's statements a stored voiding statement already voids
 * is read again under the lock and corrected where another writer changed it meanwhile.
 *
 * With `commitAfter`, the batch commits only once that promise has resolved, and rolls back
 * if it rejects: an import sends its next batch while one is stored, to wait for the
 * tenant's lock in PostgreSQL rather than in Node, and it must not outlive a failed one.
 * `onLocked` is told once the batch holds the tenant's lock.
 */
export async function storePlannedStatements(
  db: JejakDb,
  plan: StatementBatchPlan,
  options: {
    projection?: StatementProjection;
    commitAfter?: Promise<unknown>;
    onLocked?: () => void;
  } = {},
): Promise<StoreStatementsResult> {
  const { projection = learningProjection, commitAfter, onLocked } = options;
  const { tenantId } = plan.input;
  return db.transaction(async (tx) => {
    const locked = lockTenantStatementWrites(tx, tenantId).then(() => onLocked?.());
    const stamped = stampStored(tx, tenantId);
    const voided = findVoidedIds(
      tx,
      tenantId,
      plan.candidates.map((candidate) => candidate.id),
    );
    const writing = startWriting(tx, plan, projection);
    const [, stored, voidedNow] = await Promise.all([locked, stamped, voided]);
    restamp(plan, stored);
    if (!sameIds(voidedNow, plan.voidedBefore)) {
      for (const candidate of plan.candidates) {
        const voidedAlready = storedVoided(candidate.rows, voidedNow);
        if (voidedAlready === candidate.voided) continue;
        candidate.voided = voidedAlready;
        candidate.voidedCorrected = true;
      }
    }
    return finishPlan(tx, plan, writing, commitAfter);
  });
}

function sameIds(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

type StageInsert = Promise<{ id: string; seq: string | number }[]>;

/**
 * Starts the reads the learning records and forwarding need, then sends every stage's
 * INSERT at once (the driver pipelines them on the connection): the reads go first, so a
 * stage's learning records can be kept as soon as its result is read.
 */
function startWriting(
  tx: JejakTransaction,
  plan: StatementBatchPlan,
  projection: StatementProjection,
) {
  const project = projection.start(tx, plan.input.tenantId);
  const subscriptions = readStatementSubscriptions(tx, plan.input.tenantId);
  // Awaited by finishPlan; until then a failure must not count as unhandled.
  subscriptions.catch(() => undefined);
  const inserts = plan.stages.map((stage) => {
    const inserted = insertStage(tx, plan.input, stage);
    inserted.catch(() => undefined);
    return inserted;
  });
  return { project, subscriptions, inserts };
}

/** A candidate the batch inserted, with its stored sequence number. */
interface FreshStatement extends Candidate {
  seq: number;
}

async function finishPlan(
  tx: JejakTransaction,
  plan: StatementBatchPlan,
  { project, subscriptions, inserts }: ReturnType<typeof startWriting>,
  commitAfter?: Promise<unknown>,
): Promise<StoreStatementsResult> {
  const { input, prepared: asStored } = plan;
  const written = await readStages(plan, inserts, project);
  await correctVoided(
    tx,
    input.tenantId,
    written.fresh.filter((candidate) => candidate.voidedCorrected),
  );
  const fresh = written.fresh.map((candidate) => candidate.rows);
  // Refusals come once everything is written, and roll the whole batch back.
  await rejectChangedRepeats(tx, input.tenantId, written.repeats, input.statements, asStored);
  // New statements only: a stored one sent again is accepted as it was.
  await rejectVoidingOfVoidingStatements(tx, input.tenantId, fresh);
  await inheritTargetKeys(
    tx,
    input.tenantId,
    written.fresh.map(({ rows, seq }) => ({
      id: rows.id,
      seq,
      objectStatementId: rows.objectStatementId,
    })),
  );
  const voidsIds = fresh.flatMap((row) => (row.voidsId === null ? [] : [row.voidsId]));
  await voidTargets(tx, input.tenantId, voidsIds);
  // After every stage's learning records are written: a voiding statement may target one
  // stored later in the same batch.
  if (voidsIds.length > 0) await project([], voidsIds);
  await mergeActivityDefinitions(tx, input.tenantId, fresh);
  await insertAttachments(tx, input.tenantId, input.attachments);
  // Voiding statements too: they are statements (see domain/outbox/statementFilter.ts).
  await forwardStatements(tx, input.tenantId, await subscriptions, fresh);
  // Rejected, it rolls this batch back too.
  await commitAfter;
  return { ids: asStored.map((statement) => statement.id as string), inserted: fresh.length };
}

/**
 * Reads the stages' results in order: PostgreSQL writes the later stages while Node keeps
 * the learning records of the earlier ones, which need to know which statements were new
 * and their sequence numbers. Equivalent to storing the stages as consecutive batches in
 * one transaction.
 */
async function readStages(
  plan: StatementBatchPlan,
  inserts: StageInsert[],
  project: ReturnType<StatementProjection['start']>,
): Promise<{ fresh: FreshStatement[]; repeats: Candidate[] }> {
  const fresh: FreshStatement[] = [];
  const repeats: Candidate[] = [];
  // A stage's learning records are kept as soon as its result is read: the projection sends
  // each call's writes after the previous call's, without waiting for them to end.
  const projected: Promise<void>[] = [];
  try {
    for (const [index, stage] of plan.stages.entries()) {
      const seqById = new Map<string, number>();
      for (const row of await inserts[index]!) seqById.set(row.id, Number(row.seq));
      const stageFresh: FreshStatement[] = [];
      for (const candidate of stage.candidates) {
        const seq = seqById.get(candidate.id);
        if (seq === undefined) repeats.push(candidate);
        else stageFresh.push({ ...candidate, seq });
      }
      fresh.push(...stageFresh);
      if (stageFresh.length === 0) continue;
      const kept = project(
        stageFresh.map(({ rows, seq, voided }) => ({
          id: rows.id,
          seq,
          payload: rows.payload,
          registration: rows.registration,
          voided,
        })),
        [],
      );
      // Settled below; until then a failure must not count as unhandled.
      kept.catch(() => undefined);
      projected.push(kept);
    }
  } catch (error) {
    // Every call ends before the transaction does: one still resolving would otherwise
    // send its writes after the rollback.
    await Promise.allSettled(projected);
    throw error;
  }
  const failed = (await Promise.allSettled(projected)).find(
    (outcome) => outcome.status === 'rejected',
  );
  if (failed !== undefined) throw failed.reason;
  return { fresh, repeats };
}

/**
 * One stage: the statements whose ids are not stored yet, in request order so the sequence
 * follows it, and in the same statement their link rows and attachment citations, for the
 * statements inserted only; the tenant's clock moves to the newest. An id already stored is
 * skipped by the insert itself (the unique index is probed once), then compared. Returns
 * the id and seq of each statement inserted.
 */
function insertStage(
  tx: JejakTransaction,
  input: StoreStatementsInput,
  stage: PlannedStage,
): StageInsert {
  const tenantId = sql`${input.tenantId}::uuid`;
  const { statements: columns } = stage;
  const links = (
    table: 'xapi_statement_agents' | 'xapi_statement_activities',
    rows: PlannedLinks,
  ) => {
    const keyColumn = table === 'xapi_statement_agents' ? sql`agent_key` : sql`activity_iri`;
    return sql`insert into ${sql.identifier(table)} (tenant_id, ${keyColumn}, seq, verb_iri, direct, roles)
      select ${tenantId}, l.key, f.seq, f.verb_iri, l.direct, string_to_array(l.roles, ',')
      from unnest(${rows.ords}::int[], ${rows.keys}::text[], ${rows.directs}::boolean[],
                  ${rows.roles}::text[]) as l(ord, key, direct, roles)
      join fresh f on f.ord = l.ord`;
  };
  return rawRows(
    tx,
    prepared(sql`with records as (
          select * from unnest(
              ${columns.ids}::uuid[], ${columns.verbIris}::text[], ${columns.registrations}::uuid[],
              ${columns.timestampIsStored}::boolean[], ${columns.voided}::boolean[],
              ${columns.voidsIds}::uuid[], ${columns.objectStatementIds}::uuid[],
              string_to_array(${stage.payloads}, E'\n'))
            with ordinality as r(id, verb_iri, registration, timestamp_is_stored, voided,
              voids_id, object_statement_id, payload, ord)),
        batch as (select current_setting('jejak.stored') as stored),
        inserted as (
          insert into xapi_statements
            (tenant_id, id, payload, verb_iri, registration, stored, voided, voids_id,
             object_statement_id, credential_id)
          select ${tenantId}, r.id,
                 (r.payload
                   || case when r.timestamp_is_stored
                        then ',"timestamp":"' || b.stored || '"' else '' end
                   || ',"stored":"' || b.stored || '"}')::json,
                 r.verb_iri, r.registration, b.stored::timestamptz,
                 r.voided, r.voids_id, r.object_statement_id, ${input.credentialId}::uuid
          from records r
          cross join batch b
          order by r.ord
          on conflict (tenant_id, id) do nothing
          returning id, seq, stored),
        fresh as (select r.ord, r.verb_iri, i.seq from records r join inserted i on i.id = r.id),
        clock as (
          insert into xapi_statement_clocks (tenant_id, last_seq, last_stored)
          select ${tenantId}, max(seq), max(stored) from inserted
          having count(*) > 0
          on conflict (tenant_id) do update set
            last_seq = greatest(xapi_statement_clocks.last_seq, excluded.last_seq),
            last_stored = greatest(xapi_statement_clocks.last_stored, excluded.last_stored)),
        agents as (${links('xapi_statement_agents', stage.agentLinks)}),
        activities as (${links('xapi_statement_activities', stage.activityLinks)}),
        citations as (
          insert into xapi_statement_attachments (tenant_id, sha2, seq)
          select ${tenantId}, c.sha2, f.seq
          from unnest(${stage.attachmentCitations.ords}::int[],
                      ${stage.attachmentCitations.sha2s}::text[]) as c(ord, sha2)
          join fresh f on f.ord = c.ord)
        select id, seq from inserted`),
  );
}

/** Statements whose `voided` the plan had wrong, inserted as it said: set as read under the lock. */
async function correctVoided(tx: JejakTransaction, tenantId: string, corrected: Candidate[]) {
  if (corrected.length === 0) return;
  await tx.execute(
    sql`update xapi_statements s set voided = r.voided
        from json_to_recordset(${jsonRecords(
          corrected.map((candidate) => ({ id: candidate.id, voided: candidate.voided })),
        )}) as r(id uuid, voided boolean)
        where s.tenant_id = ${tenantId} and s.id = r.id`,
  );
}

/**
 * The candidates the insert skipped are stored already: the same statement sent again is
 * accepted (nothing changes), one with different content under a stored id is a conflict.
 */
async function rejectChangedRepeats(
  tx: JejakTransaction,
  tenantId: string,
  repeats: Candidate[],
  incoming: StatementJson[],
  asStored: StatementJson[],
) {
  for (let start = 0; start < repeats.length; start += insertChunk) {
    const chunk = repeats.slice(start, start + insertChunk);
    const rows = await rawRows<{ id: string; payload: string }>(
      tx,
      sql`select id, payload::text as payload from xapi_statements
          where tenant_id = ${tenantId}
            and id = any(${uuidArray(chunk.map((repeat) => repeat.id))})`,
    );
    const stored = new Map(rows.map((row) => [row.id, JSON.parse(row.payload) as JsonObject]));
    for (const { index, id } of chunk) {
      const existing = stored.get(id)!;
      if (!sameStatement(existing, { ...incoming[index]!, id: asStored[index]!.id })) {
        throw new StatementConflictError(
          `statements[${index}].id: statement ${id} is already stored with different content`,
        );
      }
    }
  }
}

/** A voiding statement cannot void another voiding statement (xAPI Data 2.3.2). */
async function rejectVoidingOfVoidingStatements(
  tx: JejakTransaction,
  tenantId: string,
  fresh: StatementRows[],
) {
  const targets = fresh.flatMap((row) => (row.voidsId === null ? [] : [row.voidsId.toLowerCase()]));
  if (targets.length === 0) return;
  const voidingInBatch = new Set(fresh.filter((row) => row.voidsId !== null).map((row) => row.id));
  const storedVoiding = await tx
    .select({ id: xapiStatements.id })
    .from(xapiStatements)
    .where(
      and(
        eq(xapiStatements.tenantId, tenantId),
        sql`${xapiStatements.id} in (select id::uuid from ${textList(targets)} as t(id))`,
        sql`voids_id is not null`,
      ),
    );
  const voiding = new Set([
    ...storedVoiding.map((row) => row.id),
    ...[...voidingInBatch].map((id) => id.toLowerCase()),
  ]);
  const bad = targets.find((target) => voiding.has(target));
  if (bad !== undefined) {
    throw new BadUserInputError(
      `statement.object.id: ${bad} is itself a voiding statement and cannot be voided`,
    );
  }
}

async function voidTargets(tx: JejakTransaction, tenantId: string, voidsIds: string[]) {
  if (voidsIds.length === 0) return;
  const targets = voidsIds.map((id) => id.toLowerCase());
  await tx
    .update(xapiStatements)
    .set({ voided: true })
    .where(
      and(
        eq(xapiStatements.tenantId, tenantId),
        sql`${xapiStatements.id} in (select id::uuid from ${textList(targets)} as t(id))`,
        sql`voids_id is null`,
      ),
    );
}

async function mergeActivityDefinitions(
  tx: JejakTransaction,
  tenantId: string,
  fresh: StatementRows[],
) {
  const incoming = fresh.flatMap((row) => row.definitions);
  if (incoming.length === 0) return;
  const iris = [...new Set(incoming.map((entry) => entry.iri))];
  const current = new Map<string, JsonObject>();
  for (let start = 0; start < iris.length; start += insertChunk) {
    const rows = await tx
      .select({ iri: xapiActivities.iri, definition: xapiActivities.definition })
      .from(xapiActivities)
      .where(
        and(
          eq(xapiActivities.tenantId, tenantId),
          inArray(xapiActivities.iri, iris.slice(start, start + insertChunk)),
        ),
      );
    for (const row of rows) current.set(row.iri, (row.definition ?? {}) as JsonObject);
  }
  const before = new Map([...current].map(([iri, definition]) => [iri, canonicalJson(definition)]));
  for (const { iri, definition } of incoming) {
    current.set(iri, mergeDefinitions(current.get(iri), definition));
  }
  // Moodle restates the same definitions in every statement: write only what changed, so
  // a busy activity's row is not rewritten by every batch.
  const changed = iris
    .filter((iri) => before.get(iri) !== canonicalJson(current.get(iri)))
    .map((iri) => ({ iri, definition: current.get(iri)! }));
  for (let start = 0; start < changed.length; start += insertChunk) {
    await tx.execute(
      sql`insert into xapi_activities (tenant_id, iri, definition)
          select ${tenantId}::uuid, r.iri, r.definition
          from json_to_recordset(${jsonRecords(changed.slice(start, start + insertChunk))})
            as r(iri text, definition jsonb)
          on conflict (tenant_id, iri)
          do update set definition = excluded.definition, updated_at = now()`,
    );
  }
}

async function insertAttachments(
  tx: JejakTransaction,
  tenantId: string,
  attachments: Map<string, AttachmentContent> | undefined,
) {
  if (attachments === undefined || attachments.size === 0) return;
  const rows = [...attachments].map(([sha2, part]) => ({
    tenantId,
    sha2,
    contentType: part.contentType,
    length: part.content.length,
    content: part.content,
  }));
  // One attachment can be megabytes: insert them one by one.
  for (const row of rows) {
    await tx.insert(xapiAttachments).values(row).onConflictDoNothing();
  }
}
