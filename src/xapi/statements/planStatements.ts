// A batch of statements made ready to store: prepared (id, stored, authority…) and turned
// into the rows that index it, written out as the parameters of its INSERTs. Everything
// Node computes for a batch happens here, before any write, so an import can plan its next
// batch while PostgreSQL writes the previous one (see storePlannedStatements). What a plan
// made without the tenant's lock cannot know is settled under it: `stored` is stamped there,
// and which statements a stored voiding statement voids is read again and corrected.
import { sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import { bareArrayLiteral, booleanArrayLiteral, textArrayLiteral } from '../../db/sqlArrays.js';
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
  /**
   * The Agent of the credential `credentialId` (authorityOf): queries find a statement as
   * its authority's through the credential that wrote it (see statementRows.ts).
   */
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

/**
 * One INSERT's worth of candidates, with its parameters: each column of its rows as one
 * array literal (see db/sqlArrays.ts), in the order of `candidates`.
 */
export interface PlannedStage {
  candidates: Candidate[];
  /** The statements' columns, without their payloads. */
  statements: {
    ids: string;
    verbIris: string;
    registrations: string;
    timestampIsStored: string;
    voided: string;
    voidsIds: string;
    objectStatementIds: string;
  };
  /**
   * The payloads, one JSON text per line (JSON.stringify escapes every newline in a string):
   * read with string_to_array, which costs PostgreSQL less than unquoting them from a text[]
   * literal. Written without `stored` (nor a timestamp that is `stored`) and open, without
   * the closing brace: the INSERT appends them and the brace, from the time stamped under
   * the tenant's lock (see stampStored), where cutting a brace off would have PostgreSQL
   * count every character of every payload.
   */
  payloads: string;
  agentLinks: PlannedLinks;
  activityLinks: PlannedLinks;
  attachmentCitations: { ords: string; sha2s: string };
}

/**
 * Link rows as columns. `ords` names each row's statement by its place in the stage (from
 * 1); the INSERT gives the row that statement's sequence number and verb. `roles` are comma
 * joined: they come from a fixed vocabulary without commas (see statementRows.ts).
 */
export interface PlannedLinks {
  ords: string;
  keys: string;
  directs: string;
  roles: string;
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

/**
 * The payload as JSON text, without `stored` nor a timestamp that is `stored`, and without
 * its closing brace (see PlannedStage.payloads).
 */
function openPayloadWithoutStored({ rows, timestampIsStored }: Candidate): string {
  const payload = rows.payload;
  const { stored, timestamp } = payload;
  // Set aside while it is written rather than copied out: JSON.stringify leaves out what is
  // undefined, and a copy per statement (made slower still by `delete`) is garbage that an
  // import of millions of statements pays to collect.
  payload.stored = undefined;
  if (timestampIsStored) payload.timestamp = undefined;
  try {
    // A statement's JSON is an object, so it ends with its brace.
    return JSON.stringify(payload).slice(0, -1);
  } finally {
    payload.stored = stored;
    payload.timestamp = timestamp;
  }
}

/** Pure: a stage's rows as the array parameters of its INSERT. */
function stageOf(candidates: Candidate[]): PlannedStage {
  const rows = candidates.map((candidate) => candidate.rows);
  return {
    candidates,
    statements: {
      ids: bareArrayLiteral(rows.map((row) => row.id)),
      verbIris: textArrayLiteral(rows.map((row) => row.verbIri)),
      registrations: bareArrayLiteral(rows.map((row) => row.registration)),
      timestampIsStored: booleanArrayLiteral(candidates.map((c) => c.timestampIsStored)),
      voided: booleanArrayLiteral(candidates.map((candidate) => candidate.voided)),
      voidsIds: bareArrayLiteral(rows.map((row) => row.voidsId)),
      objectStatementIds: bareArrayLiteral(rows.map((row) => row.objectStatementId)),
    },
    payloads: candidates.map(openPayloadWithoutStored).join('\n'),
    agentLinks: linksOf(rows, (row) => row.agents),
    activityLinks: linksOf(rows, (row) => row.activities),
    attachmentCitations: citationsOf(rows),
  };
}

function linksOf(
  rows: StatementRows[],
  links: (row: StatementRows) => StatementRows['agents'],
): PlannedLinks {
  const ords: number[] = [];
  const keys: string[] = [];
  const directs: boolean[] = [];
  const roles: string[] = [];
  rows.forEach((row, index) => {
    for (const link of links(row)) {
      ords.push(index + 1);
      keys.push(link.key);
      directs.push(link.direct);
      roles.push(link.roles.join(','));
    }
  });
  return {
    ords: bareArrayLiteral(ords),
    keys: textArrayLiteral(keys),
    directs: booleanArrayLiteral(directs),
    roles: textArrayLiteral(roles),
  };
}

function citationsOf(rows: StatementRows[]): PlannedStage['attachmentCitations'] {
  const ords: number[] = [];
  const sha2s: string[] = [];
  rows.forEach((row, index) => {
    for (const sha2 of row.attachmentSha2s) {
      ords.push(index + 1);
      sha2s.push(sha2);
    }
  });
  return { ords: bareArrayLiteral(ords), sha2s: textArrayLiteral(sha2s) };
}
