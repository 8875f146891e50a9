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
import { rawRows } from '../../db/rawRows.js';
import { jsonRecords, textList } from '../../db/sqlLists.js';
import { xapiActivities, xapiAttachments, xapiStatements } from '../../db/schema/index.js';
import { BadUserInputError, ConflictError } from '../../lib/errors.js';
import { canonicalJson, sameStatement } from './compareStatements.js';
import { inheritTargetKeys } from './inheritTargetKeys.js';
import { mergeDefinitions } from './mergeDefinitions.js';
import { prepareStatement } from './prepareStatement.js';
import { statementRows, type StatementRows } from './statementRows.js';
import type { XapiVersion } from './validateStatement.js';
import type { AgentJson, JsonObject, StatementJson } from './xapiJson.js';

export class StatementConflictError extends ConflictError {}

export interface AttachmentContent {
  contentType: string;
  content: Buffer;
}

export interface StoreStatementsInput {
  tenantId: string;
  credentialId: string;
  authority: AgentJson;
  version: XapiVersion;
  /** Already validated. */
  statements: StatementJson[];
  /** Raw parts of a multipart request, by SHA-2. */
  attachments?: Map<string, AttachmentContent>;
}

export interface StoreStatementsResult {
  /** In the order of the request, including ids that were already stored unchanged. */
  ids: string[];
  /** How many statements were new. */
  inserted: number;
}

/** Statements per INSERT and per id lookup. */
const insertChunk = 1000;
/** Link rows per INSERT. */
const linkChunk = 5000;

/**
 * `projection` keeps the learning records from the new statements (see
 * domain/learningRecords/projectLearning.ts); only the ingest benchmark passes another, to
 * measure what it costs.
 */
export async function storeStatements(
  db: JejakDb,
  input: StoreStatementsInput,
  projection: StatementProjection = learningProjection,
): Promise<StoreStatementsResult> {
  rejectDuplicateIds(input.statements);
  return db.transaction(async (tx) => {
    const stored = await lockTenantStatements(tx, input.tenantId);
    const project = projection.start(tx, input.tenantId);
    const subscriptions = readStatementSubscriptions(tx, input.tenantId);
    const prepared = input.statements.map((statement) =>
      prepareStatement(statement, {
        version: input.version,
        stored,
        authority: input.authority,
        writerId: input.credentialId,
      }),
    );
    const ids = prepared.map((statement) => (statement.id as string).toLowerCase());

    // Only content-derived ids can repeat here (explicit ones were checked above), and
    // then the content is the same too: the repeat is the same statement, stored once.
    const inBatch = new Set<string>();
    const candidates: Candidate[] = [];
    ids.forEach((id, index) => {
      if (inBatch.has(id)) return;
      inBatch.add(id);
      candidates.push({ index, id, rows: statementRows(prepared[index]!) });
    });
    const voidedBefore = await findVoidedIds(tx, input.tenantId, [...inBatch]);
    // A voiding statement may arrive before its target: the target is then stored voided.
    // An id already stored is skipped by the insert itself (the unique index is probed
    // once), then compared below.
    const seqById = await insertStatements(
      tx,
      input,
      candidates.map((candidate) => candidate.rows),
      voidedBefore,
    );
    const repeats = candidates.filter((candidate) => !seqById.has(candidate.id));
    await rejectChangedRepeats(tx, input.tenantId, repeats, input.statements, prepared);
    const inserted = candidates.filter((candidate) => seqById.has(candidate.id));
    const fresh = inserted.map((candidate) => candidate.rows);
    const seqs = inserted.map((candidate) => seqById.get(candidate.id)!);
    // New statements only: a stored one sent again is accepted as it was (a refusal rolls
    // the batch back).
    await rejectVoidingOfVoidingStatements(tx, input.tenantId, fresh);
    await insertLinks(tx, input.tenantId, fresh, seqs);
    await insertAttachmentCitations(tx, input.tenantId, fresh, seqs);
    await inheritTargetKeys(
      tx,
      input.tenantId,
      fresh.map((row, index) => ({
        id: row.id,
        seq: seqs[index]!,
        objectStatementId: row.objectStatementId,
      })),
    );
    await voidTargets(tx, input.tenantId, fresh);
    await project(
      fresh.map((row, index) => ({
        id: row.id,
        seq: seqs[index]!,
        payload: row.payload,
        registration: row.registration,
        voided: storedVoided(row, voidedBefore),
      })),
      fresh.flatMap((row) => (row.voidsId === null ? [] : [row.voidsId])),
    );
    await mergeActivityDefinitions(tx, input.tenantId, fresh);
    await insertAttachments(tx, input.tenantId, input.attachments);
    // Voiding statements too: they are statements (see domain/outbox/statementFilter.ts).
    await forwardStatements(tx, input.tenantId, await subscriptions, fresh);
    return { ids: prepared.map((statement) => statement.id as string), inserted: fresh.length };
  });
}

function rejectDuplicateIds(statements: StatementJson[]) {
  const seen = new Map<string, number>();
  statements.forEach((statement, index) => {
    if (statement.id === undefined) return;
    const id = statement.id.toLowerCase();
    const first = seen.get(id);
    if (first !== undefined) {
      throw new BadUserInputError(
        `statements[${index}].id: repeats the id of statements[${first}]; ids must be unique in a batch`,
      );
    }
    seen.set(id, index);
  });
}

/** Takes the tenant's write lock, then reads `stored` from the database clock. */
async function lockTenantStatements(tx: JejakTransaction, tenantId: string): Promise<Date> {
  await lockTenantStatementWrites(tx, tenantId);
  // A statement of its own, so its snapshot sees what the previous holder committed: never
  // earlier than what is stored already, even if a server's clock steps back.
  const [row] = await rawRows<{ now: string | Date }>(
    tx,
    sql`select greatest(clock_timestamp(),
          (select last_stored from xapi_statement_clocks where tenant_id = ${tenantId})) as now`,
  );
  return new Date(new Date(row!.now).getTime());
}

/** A statement of the batch to store, unless its id is stored already. */
interface Candidate {
  /** Where it is in the request. */
  index: number;
  /** Its id, lower-cased as PostgreSQL returns uuids. */
  id: string;
  rows: StatementRows;
}

/** Ids of the batch that a stored voiding statement already voids. */
async function findVoidedIds(
  tx: JejakTransaction,
  tenantId: string,
  ids: string[],
): Promise<Set<string>> {
  const voided = new Set<string>();
  for (let start = 0; start < ids.length; start += insertChunk) {
    const rows = await rawRows<{ id: string }>(
      tx,
      sql`select voids_id as id from xapi_statements
          where tenant_id = ${tenantId} and voids_id = any(${uuidArray(ids.slice(start, start + insertChunk))})`,
    );
    for (const row of rows) voided.add(row.id);
  }
  return voided;
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
  prepared: StatementJson[],
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
      if (!sameStatement(existing, { ...incoming[index]!, id: prepared[index]!.id })) {
        throw new StatementConflictError(
          `statements[${index}].id: statement ${id} is already stored with different content`,
        );
      }
    }
  }
}

/** Ids are validated UUIDs: a comma-joined list is one safe text parameter. */
function uuidArray(ids: string[]) {
  return sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
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

/**
 * Whether a statement is stored already voided: a stored voiding statement targets it, and
 * it is not itself a voiding statement (those are never voided, xAPI Data 2.3.2).
 */
function storedVoided(row: StatementRows, voidedBefore: Set<string>): boolean {
  return voidedBefore.has(row.id.toLowerCase()) && row.voidsId === null;
}

/** Inserts the rows whose ids are not stored yet; returns the seq of each one inserted. */
async function insertStatements(
  tx: JejakTransaction,
  input: StoreStatementsInput,
  rows: StatementRows[],
  voidedBefore: Set<string>,
): Promise<Map<string, number>> {
  const seqById = new Map<string, number>();
  for (let start = 0; start < rows.length; start += insertChunk) {
    const chunk = rows.slice(start, start + insertChunk);
    const records = chunk.map((row, index) => ({
      ord: index,
      id: row.id,
      payload: row.payload,
      verb_iri: row.verbIri,
      registration: row.registration,
      stored: row.stored.toISOString(),
      voided: storedVoided(row, voidedBefore),
      voids_id: row.voidsId,
      object_statement_id: row.objectStatementId,
    }));
    // Inserted in request order, so the sequence follows the order of the batch; the
    // tenant's clock moves to the newest of them in the same statement.
    const inserted = await rawRows<{ id: string; seq: string | number }>(
      tx,
      sql`with inserted as (
            insert into xapi_statements
              (tenant_id, id, payload, verb_iri, registration, stored, voided, voids_id,
               object_statement_id, credential_id)
            select ${input.tenantId}::uuid, r.id, r.payload, r.verb_iri, r.registration,
                   r.stored, r.voided, r.voids_id, r.object_statement_id,
                   ${input.credentialId}::uuid
            from json_to_recordset(${jsonRecords(records)}) as r(
              ord int, id uuid, payload json, verb_iri text, registration uuid,
              stored timestamptz, voided boolean, voids_id uuid, object_statement_id uuid)
            order by r.ord
            on conflict (tenant_id, id) do nothing
            returning id, seq, stored),
          clock as (
            insert into xapi_statement_clocks (tenant_id, last_seq, last_stored)
            select ${input.tenantId}::uuid, max(seq), max(stored) from inserted
            having count(*) > 0
            on conflict (tenant_id) do update set
              last_seq = greatest(xapi_statement_clocks.last_seq, excluded.last_seq),
              last_stored = greatest(xapi_statement_clocks.last_stored, excluded.last_stored))
          select id, seq from inserted`,
    );
    for (const row of inserted) seqById.set(row.id, Number(row.seq));
  }
  return seqById;
}

async function insertLinks(
  tx: JejakTransaction,
  tenantId: string,
  fresh: StatementRows[],
  seqs: number[],
) {
  const linkRecords = (links: (row: StatementRows) => StatementRows['agents']) =>
    fresh.flatMap((row, index) =>
      links(row).map((link) => ({
        key: link.key,
        seq: seqs[index]!,
        verb_iri: row.verbIri,
        direct: link.direct,
        roles: link.roles,
      })),
    );
  const columns = sql`key text, seq bigint, verb_iri text, direct boolean, roles text[]`;
  const agentRecords = linkRecords((row) => row.agents);
  for (let start = 0; start < agentRecords.length; start += linkChunk) {
    await tx.execute(
      sql`insert into xapi_statement_agents (tenant_id, agent_key, seq, verb_iri, direct, roles)
          select ${tenantId}::uuid, r.key, r.seq, r.verb_iri, r.direct, r.roles
          from json_to_recordset(${jsonRecords(agentRecords.slice(start, start + linkChunk))})
            as r(${columns})`,
    );
  }
  const activityRecords = linkRecords((row) => row.activities);
  for (let start = 0; start < activityRecords.length; start += linkChunk) {
    await tx.execute(
      sql`insert into xapi_statement_activities
            (tenant_id, activity_iri, seq, verb_iri, direct, roles)
          select ${tenantId}::uuid, r.key, r.seq, r.verb_iri, r.direct, r.roles
          from json_to_recordset(${jsonRecords(activityRecords.slice(start, start + linkChunk))})
            as r(${columns})`,
    );
  }
}

async function insertAttachmentCitations(
  tx: JejakTransaction,
  tenantId: string,
  fresh: StatementRows[],
  seqs: number[],
) {
  const citations = fresh.flatMap((row, index) =>
    row.attachmentSha2s.map((sha2) => ({ sha2, seq: seqs[index]! })),
  );
  for (let start = 0; start < citations.length; start += linkChunk) {
    await tx.execute(
      sql`insert into xapi_statement_attachments (tenant_id, sha2, seq)
          select ${tenantId}::uuid, r.sha2, r.seq
          from json_to_recordset(${jsonRecords(citations.slice(start, start + linkChunk))})
            as r(sha2 text, seq bigint)`,
    );
  }
}

async function voidTargets(tx: JejakTransaction, tenantId: string, fresh: StatementRows[]) {
  const targets = fresh.flatMap((row) => (row.voidsId === null ? [] : [row.voidsId.toLowerCase()]));
  if (targets.length === 0) return;
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
