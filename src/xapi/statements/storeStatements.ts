// Stores a batch of valid statements, all or nothing: one transaction under the tenant's
// statement lock, so `stored` and the stored sequence rise together and a concurrent batch
// with the same ids cannot slip in between the conflict check and the insert.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { advisoryLockKeys, type JejakTransaction } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
import {
  xapiActivities,
  xapiAttachments,
  xapiStatementActivities,
  xapiStatementAgents,
  xapiStatements,
} from '../../db/schema/index.js';
import { BadUserInputError, ConflictError } from '../../lib/errors.js';
import { sameStatement } from './compareStatements.js';
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

/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters. */
const insertChunk = 1000;

export async function storeStatements(
  db: JejakDb,
  input: StoreStatementsInput,
): Promise<StoreStatementsResult> {
  rejectDuplicateIds(input.statements);
  return db.transaction(async (tx) => {
    const stored = await lockTenantStatements(tx, input.tenantId);
    const prepared = input.statements.map((statement) =>
      prepareStatement(statement, { version: input.version, stored, authority: input.authority }),
    );
    const ids = prepared.map((statement) => (statement.id as string).toLowerCase());

    const alreadyStored = await findStoredPayloads(tx, input.tenantId, ids);
    const fresh: StatementRows[] = [];
    input.statements.forEach((incoming, index) => {
      const existing = alreadyStored.get(ids[index]!);
      if (existing === undefined) {
        fresh.push(statementRows(prepared[index]!));
      } else if (!sameStatement(existing, incoming)) {
        throw new StatementConflictError(
          `statements[${index}].id: statement ${ids[index]} is already stored with different content`,
        );
      }
    });

    await rejectVoidingOfVoidingStatements(tx, input.tenantId, fresh);
    const voidedLater = await idsVoidedBeforeTheyArrived(tx, input.tenantId, fresh);
    const seqs = await insertStatements(tx, input, fresh, voidedLater);
    await insertLinks(tx, input.tenantId, fresh, seqs);
    await voidTargets(tx, input.tenantId, fresh);
    await mergeActivityDefinitions(tx, input.tenantId, fresh);
    await insertAttachments(tx, input.tenantId, input.attachments);
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
  await tx.execute(
    sql`select pg_advisory_xact_lock(${advisoryLockKeys.statementWrites}, hashtext(${tenantId}))`,
  );
  // Never earlier than what is stored already, even if a server's clock steps back.
  const [row] = await rawRows<{ now: string | Date }>(
    tx,
    sql`select greatest(clock_timestamp(),
          (select max(stored) from xapi_statements where tenant_id = ${tenantId})) as now`,
  );
  const now = new Date(row!.now);
  return new Date(Math.floor(now.getTime()));
}

async function findStoredPayloads(
  tx: JejakTransaction,
  tenantId: string,
  ids: string[],
): Promise<Map<string, JsonObject>> {
  const found = new Map<string, JsonObject>();
  for (let start = 0; start < ids.length; start += insertChunk) {
    const rows = await tx
      .select({ id: xapiStatements.id, payload: xapiStatements.payload })
      .from(xapiStatements)
      .where(
        and(
          eq(xapiStatements.tenantId, tenantId),
          inArray(xapiStatements.id, ids.slice(start, start + insertChunk)),
        ),
      );
    for (const row of rows) found.set(row.id, row.payload as JsonObject);
  }
  return found;
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
        inArray(xapiStatements.id, targets),
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

/** A voiding statement may arrive before its target: the target is then stored voided. */
async function idsVoidedBeforeTheyArrived(
  tx: JejakTransaction,
  tenantId: string,
  fresh: StatementRows[],
): Promise<Set<string>> {
  if (fresh.length === 0) return new Set();
  const rows = await tx
    .select({ voidsId: xapiStatements.voidsId })
    .from(xapiStatements)
    .where(
      and(
        eq(xapiStatements.tenantId, tenantId),
        inArray(
          xapiStatements.voidsId,
          fresh.map((row) => row.id.toLowerCase()),
        ),
      ),
    );
  return new Set(rows.map((row) => row.voidsId as string));
}

async function insertStatements(
  tx: JejakTransaction,
  input: StoreStatementsInput,
  fresh: StatementRows[],
  voidedLater: Set<string>,
): Promise<number[]> {
  const seqs: number[] = [];
  for (let start = 0; start < fresh.length; start += insertChunk) {
    const chunk = fresh.slice(start, start + insertChunk);
    const inserted = await tx
      .insert(xapiStatements)
      .values(
        chunk.map((row) => ({
          tenantId: input.tenantId,
          id: row.id,
          payload: row.payload,
          verbIri: row.verbIri,
          registration: row.registration,
          stored: row.stored,
          voided: voidedLater.has(row.id.toLowerCase()),
          voidsId: row.voidsId,
          objectStatementId: row.objectStatementId,
          credentialId: input.credentialId,
        })),
      )
      .returning({ id: xapiStatements.id, seq: xapiStatements.seq });
    const seqById = new Map(inserted.map((row) => [row.id, row.seq]));
    for (const row of chunk) seqs.push(seqById.get(row.id.toLowerCase())!);
  }
  return seqs;
}

async function insertLinks(
  tx: JejakTransaction,
  tenantId: string,
  fresh: StatementRows[],
  seqs: number[],
) {
  const agentRows = fresh.flatMap((row, index) =>
    row.agents.map((link) => ({
      tenantId,
      agentKey: link.key,
      seq: seqs[index]!,
      verbIri: row.verbIri,
      direct: link.direct,
      roles: link.roles,
    })),
  );
  const activityRows = fresh.flatMap((row, index) =>
    row.activities.map((link) => ({
      tenantId,
      activityIri: link.key,
      seq: seqs[index]!,
      verbIri: row.verbIri,
      direct: link.direct,
      roles: link.roles,
    })),
  );
  for (let start = 0; start < agentRows.length; start += insertChunk) {
    await tx.insert(xapiStatementAgents).values(agentRows.slice(start, start + insertChunk));
  }
  for (let start = 0; start < activityRows.length; start += insertChunk) {
    await tx.insert(xapiStatementActivities).values(activityRows.slice(start, start + insertChunk));
  }
}

async function voidTargets(tx: JejakTransaction, tenantId: string, fresh: StatementRows[]) {
  const targets = fresh.flatMap((row) => (row.voidsId === null ? [] : [row.voidsId.toLowerCase()]));
  if (targets.length === 0) return;
  await tx
    .update(xapiStatements)
    .set({ voided: true })
    .where(and(eq(xapiStatements.tenantId, tenantId), inArray(xapiStatements.id, targets)));
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
  for (const { iri, definition } of incoming) {
    current.set(iri, mergeDefinitions(current.get(iri), definition));
  }
  const rows = iris.map((iri) => ({ tenantId, iri, definition: current.get(iri)! }));
  for (let start = 0; start < rows.length; start += insertChunk) {
    await tx
      .insert(xapiActivities)
      .values(rows.slice(start, start + insertChunk))
      .onConflictDoUpdate({
        target: [xapiActivities.tenantId, xapiActivities.iri],
        set: { definition: sql`excluded.definition`, updatedAt: sql`now()` },
      });
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
