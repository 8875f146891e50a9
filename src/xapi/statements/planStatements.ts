// A batch of statements made ready to store: prepared (id, stored, authority…) and turned
// into the rows that index it, written out as the parameters of its INSERTs. Everything Node computes for a batch happens here, before any
// write, so an import can plan its next batch while PostgreSQL writes the previous one
// (see storePlannedStatements). The plan is only as fresh as the tenant's statements it
// was made against; storing checks that under the tenant's lock and plans again if another
// writer came between.
import { sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import { BadUserInputError } from '../../lib/errors.js';
import { prepareStatement } from './prepareStatement.js';
import { statementRows, type StatementRows } from './statementRows.js';
import type { XapiVersion } from './validateStatement.js';
import type { AgentJson, StatementJson } from './xapiJson.js';

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

/** A statement of the batch to store, unless its id is stored already. */
export interface Candidate {
  /** Where it is in the request. */
  index: number;
  /** Its id, lower-cased as PostgreSQL returns uuids. */
  id: string;
  rows: StatementRows;
  /** Stored already voided: a stored voiding statement targets it (it arrived first). */
  voided: boolean;
  /** Sent without a timestamp: it gets `stored`, stamped with it under the lock. */
  timestampIsStored: boolean;
  /** Its `voided` was corrected under the lock (see storePlannedStatements). */
  voidedCorrected?: boolean;
}

/** Statements per INSERT: PostgreSQL writes a stage while Node reads the previous one's result. */
export const stageSize = 500;

/** One INSERT's worth of candidates, with its parameters as JSON text. */
export interface PlannedStage {
  candidates: Candidate[];
  /** The statements' columns, without their payloads. */
  statements: string;
  /**
   * The payloads, one JSON text per line (JSON.stringify escapes every newline in a string),
   * in the order of `statements`: PostgreSQL then parses each payload once, where inside
   * the records it would parse it three times (the document, the record, the column).
   * Written without `stored` (nor a timestamp that is `stored`): the INSERT appends them
   * from the time stamped under the tenant's lock (see stampStored).
   */
  payloads: string;
  agentLinks: string;
  activityLinks: string;
  attachmentCitations: string;
}

export interface StatementBatchPlan {
  input: StoreStatementsInput;
  /** The statements as stored, in request order (repeats of content-derived ids included). */
  prepared: StatementJson[];
  candidates: Candidate[];
  stages: PlannedStage[];
  /** The batch's `stored`: provisional until stamped under the lock (see restamp). */
  stored: Date;
  /** Lower-cased ids a stored voiding statement targeted when the plan was made. */
  voidedBefore: Set<string>;
}

/**
 * Plans under the tenant's write lock when `db` is a transaction holding it and `stored` was
 * stamped under it; otherwise `stored` is provisional (the INSERT writes the one stamped
 * under the lock) and storePlannedStatements corrects what the plan read.
 */
export async function planStatements(
  db: JejakDb,
  input: StoreStatementsInput,
  stored?: Date,
): Promise<StatementBatchPlan> {
  rejectDuplicateIds(input.statements);
  const batchStored = stored ?? new Date();
  const prepared = input.statements.map((statement) =>
    prepareStatement(statement, {
      version: input.version,
      stored: batchStored,
      authority: input.authority,
      writerId: input.credentialId,
    }),
  );
  // Only content-derived ids can repeat here (explicit ones were checked above), and then
  // the content is the same too: the repeat is the same statement, stored once.
  const firstOfId = new Map<string, number>();
  prepared.forEach((statement, index) => {
    const id = (statement.id as string).toLowerCase();
    if (!firstOfId.has(id)) firstOfId.set(id, index);
  });
  const ids = [...firstOfId.keys()];
  const voidedBefore = await findVoidedIds(db, input.tenantId, ids);
  const candidates: Candidate[] = [];
  const stages: PlannedStage[] = [];
  for (let start = 0; start < ids.length; start += stageSize) {
    // A stage at a time, letting the event loop in between: an import plans while it
    // stores, and the stored batch's replies must not wait for the whole plan.
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const stageCandidates = ids.slice(start, start + stageSize).map((id): Candidate => {
      const index = firstOfId.get(id)!;
      const rows = statementRows(prepared[index]!);
      return {
        index,
        id,
        rows,
        voided: storedVoided(rows, voidedBefore),
        timestampIsStored: input.statements[index]!.timestamp === undefined,
      };
    });
    candidates.push(...stageCandidates);
    stages.push(stageOf(stageCandidates));
  }
  return { input, prepared, candidates, stages, stored: batchStored, voidedBefore };
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

/**
 * The batch's `stored`, once the tenant's write lock is held: the database's clock, never
 * earlier than what is stored already (even if a server's clock steps back), to the
 * millisecond. Kept in the transaction's setting `jejak.stored`, which the INSERTs write
 * into the rows and payloads: stamped under the lock, a batch's `stored` is never before a
 * Consistent-Through given to a reader while the lock was free.
 */
export async function stampStored(db: JejakDb, tenantId: string): Promise<Date> {
  const [row] = await rawRows<{ stored: string }>(
    db,
    prepared(sql`select set_config('jejak.stored', to_char(
          greatest(date_trunc('milliseconds', clock_timestamp()), c.last_stored)
            at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), true) as stored
        from (select 1) as one
        left join xapi_statement_clocks c on c.tenant_id = ${tenantId}`),
  );
  return new Date(row!.stored);
}

/**
 * Gives a plan the `stored` stamped under the lock: in the prepared statements (and their
 * timestamp, where it is `stored`) and their rows, as the INSERT writes them.
 */
export function restamp(plan: StatementBatchPlan, stored: Date): void {
  if (stored.getTime() === plan.stored.getTime()) return;
  const iso = stored.toISOString();
  plan.stored = stored;
  plan.prepared.forEach((statement, index) => {
    statement.stored = iso;
    if (plan.input.statements[index]!.timestamp === undefined) statement.timestamp = iso;
  });
  for (const candidate of plan.candidates) candidate.rows.stored = stored;
}

/** Statements per id lookup. */
const lookupChunk = 1000;

/** Ids of the batch that a stored voiding statement already voids. */
export async function findVoidedIds(
  db: JejakDb,
  tenantId: string,
  ids: string[],
): Promise<Set<string>> {
  // Sent together: on a transaction's connection they go out ahead of whatever is sent next.
  const lookups: Promise<{ id: string }[]>[] = [];
  for (let start = 0; start < ids.length; start += lookupChunk) {
    lookups.push(
      rawRows<{ id: string }>(
        db,
        prepared(sql`select voids_id as id from xapi_statements
            where tenant_id = ${tenantId}
              and voids_id = any(${uuidArray(ids.slice(start, start + lookupChunk))})`),
      ),
    );
  }
  return new Set((await Promise.all(lookups)).flat().map((row) => row.id));
}

/** Ids are validated UUIDs: a comma-joined list is one safe text parameter. */
export function uuidArray(ids: string[]) {
  return sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
}

/**
 * Whether a statement is stored already voided: a stored voiding statement targets it, and
 * it is not itself a voiding statement (those are never voided, xAPI Data 2.3.2).
 */
export function storedVoided(row: StatementRows, voidedBefore: Set<string>): boolean {
  return voidedBefore.has(row.id.toLowerCase()) && row.voidsId === null;
}

/** The payload as JSON text, without `stored` nor a timestamp that is `stored`. */
function payloadWithoutStored({ rows, timestampIsStored }: Candidate): string {
  const { stored: _stored, ...payload } = rows.payload;
  if (timestampIsStored) delete payload.timestamp;
  return JSON.stringify(payload);
}

/**
 * Pure: a stage's rows as the JSON parameters of its INSERT. Link rows and citations name
 * their statement by its place in the stage (`ord`); the INSERT gives them its sequence
 * number and verb. Kept this short because PostgreSQL parses every byte of it twice: the
 * link records are as much JSON as the payloads.
 */
function stageOf(candidates: Candidate[]): PlannedStage {
  const linkRecords = (links: (row: StatementRows) => StatementRows['agents']) =>
    candidates.flatMap(({ rows }, ord) =>
      links(rows).map((link) => ({ ord, key: link.key, direct: link.direct, roles: link.roles })),
    );
  return {
    candidates,
    statements: JSON.stringify(
      candidates.map(({ rows, voided, timestampIsStored }, ord) => ({
        ord,
        id: rows.id,
        verb_iri: rows.verbIri,
        registration: rows.registration,
        timestamp_is_stored: timestampIsStored,
        voided,
        voids_id: rows.voidsId,
        object_statement_id: rows.objectStatementId,
      })),
    ),
    payloads: candidates.map(payloadWithoutStored).join('\n'),
    agentLinks: JSON.stringify(linkRecords((rows) => rows.agents)),
    activityLinks: JSON.stringify(linkRecords((rows) => rows.activities)),
    attachmentCitations: JSON.stringify(
      candidates.flatMap(({ rows }, ord) => rows.attachmentSha2s.map((sha2) => ({ ord, sha2 }))),
    ),
  };
}
