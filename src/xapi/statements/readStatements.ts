// The GET /statements use case: one statement by id or a page of a query, in the format
// asked for, with attachments as multipart/mixed when asked, and the consistency marks
// the spec wants on every answer.
import { and, eq, sql } from 'drizzle-orm';
import { textList } from '../../db/sqlLists.js';
import { hasScope } from '../../auth/scopes.js';
import type { JejakDb } from '../../db/client.js';
import { xapiActivities, xapiAttachments } from '../../db/schema/index.js';
import type { AuthenticatedCredential } from '../../domain/credentials/authenticateCredential.js';
import { NotFoundError } from '../../lib/errors.js';
import {
  acceptedLanguages,
  activityIdsOf,
  canonicalFormat,
  idsFormat,
  type StatementFormat,
} from './formatStatements.js';
import { writeMultipart, type OutgoingPart } from './multipart.js';
import {
  consistentThrough,
  findStatement,
  queryStatements,
  type StoredStatement,
} from './queryStatements.js';
import { encodeMore, parseStatementGet } from './statementQueryParams.js';
import type { XapiVersion } from './validateStatement.js';
import type { JsonObject, StatementJson } from './xapiJson.js';

export interface ReadStatementsInput {
  credential: AuthenticatedCredential;
  version: XapiVersion;
  query: Record<string, unknown>;
  acceptLanguage: string | undefined;
  /** Where `more` links point: the statements resource's own path. */
  path: string;
  /** Told the consistency mark as soon as it is known, so even a 404 can carry it. */
  onConsistentThrough?: (through: Date) => void;
}

export interface StatementsAnswer {
  status: number;
  contentType: string;
  body: string | Buffer;
  consistentThrough: Date;
  lastModified?: Date;
}

export async function readStatements(
  db: JejakDb,
  input: ReadStatementsInput,
): Promise<StatementsAnswer> {
  const request = parseStatementGet(input.query, input.version);
  const tenantId = input.credential.tenantId;
  // statements/read/mine: only what this credential wrote.
  const writtenBy = hasScope(input.credential.scopes, 'statements/read')
    ? undefined
    : input.credential.id;
  // Read before the statements: everything stored up to it is committed, so it is visible.
  const through = await consistentThrough(db, tenantId);
  input.onConsistentThrough?.(through);

  let rows: StoredStatement[];
  let json: (statements: string[]) => string;
  if (request.kind === 'single') {
    const row = await findStatement(db, tenantId, request.id, request.voided, writtenBy);
    if (row === undefined) {
      throw new NotFoundError(
        `no ${request.voided ? 'voided ' : ''}statement with id ${request.id} is stored`,
      );
    }
    rows = [row];
    json = (statements) => statements[0]!;
  } else {
    const found = await queryStatements(db, { ...request, tenantId, writtenBy });
    rows = found.slice(0, request.limit);
    if (request.attachments) rows = await withinAttachmentBudget(db, tenantId, rows);
    const more =
      found.length > rows.length
        ? `${input.path}?more=${encodeMore(request, rows[rows.length - 1]!.seq)}`
        : '';
    json = (statements) =>
      `{"statements":[${statements.join(',')}],"more":${JSON.stringify(more)}}`;
  }

  const payloads = await inFormat(db, tenantId, rows, request.format, input.acceptLanguage);
  const lastModified = rows.reduce<Date | undefined>(
    (latest, row) => (latest === undefined || row.stored > latest ? row.stored : latest),
    undefined,
  );
  const answer = { status: 200, consistentThrough: through, lastModified: lastModified ?? through };
  const text = json(payloads);
  if (!request.attachments) {
    return { ...answer, contentType: 'application/json; charset=utf-8', body: text };
  }
  const parts = await attachmentParts(db, tenantId, rows);
  const multipart = writeMultipart([{ contentType: 'application/json', body: text }, ...parts]);
  return { ...answer, contentType: multipart.contentType, body: multipart.body };
}

/** Attachment bytes one page carries at most (it always carries its first statement). */
export const attachmentBytesPerPage = 64 * 1024 * 1024;

/**
 * The answer is built in memory: a page with attachments=true stops before the statement
 * whose attachments would take it past the budget, and `more` continues from there.
 */
async function withinAttachmentBudget(
  db: JejakDb,
  tenantId: string,
  rows: StoredStatement[],
): Promise<StoredStatement[]> {
  const hashesOf = rows.map((row) => attachmentHashes(row));
  const all = [...new Set(hashesOf.flat())];
  if (all.length === 0) return rows;
  const sizes = new Map(
    (
      await db
        .select({ sha2: xapiAttachments.sha2, length: xapiAttachments.length })
        .from(xapiAttachments)
        .where(
          and(
            eq(xapiAttachments.tenantId, tenantId),
            sql`${xapiAttachments.sha2} in ${textList(all)}`,
          ),
        )
    ).map((row) => [row.sha2, row.length]),
  );
  const counted = new Set<string>();
  let total = 0;
  for (const [index, hashes] of hashesOf.entries()) {
    for (const hash of hashes) {
      if (counted.has(hash)) continue;
      counted.add(hash);
      total += sizes.get(hash) ?? 0;
    }
    if (total > attachmentBytesPerPage && index > 0) return rows.slice(0, index);
  }
  return rows;
}

function attachmentHashes(row: StoredStatement): string[] {
  const statement = JSON.parse(row.payload) as StatementJson;
  return (statement.attachments ?? []).map((attachment) => attachment.sha2.toLowerCase());
}

async function inFormat(
  db: JejakDb,
  tenantId: string,
  rows: StoredStatement[],
  format: StatementFormat,
  acceptLanguage: string | undefined,
): Promise<string[]> {
  if (format === 'exact') return rows.map((row) => row.payload);
  const statements = rows.map((row) => JSON.parse(row.payload) as StatementJson);
  if (format === 'ids') return statements.map((statement) => JSON.stringify(idsFormat(statement)));
  const ids = [...new Set(statements.flatMap(activityIdsOf))];
  const definitions = new Map<string, JsonObject>();
  if (ids.length > 0) {
    const found = await db
      .select({ iri: xapiActivities.iri, definition: xapiActivities.definition })
      .from(xapiActivities)
      .where(
        and(eq(xapiActivities.tenantId, tenantId), sql`${xapiActivities.iri} in ${textList(ids)}`),
      );
    for (const row of found) {
      if (row.definition !== null) definitions.set(row.iri, row.definition as JsonObject);
    }
  }
  const languages = acceptedLanguages(acceptLanguage);
  return statements.map((statement) =>
    JSON.stringify(canonicalFormat(statement, definitions, languages)),
  );
}

/** One part per distinct attachment the statements cite and the LRS holds the content of. */
async function attachmentParts(
  db: JejakDb,
  tenantId: string,
  rows: StoredStatement[],
): Promise<OutgoingPart[]> {
  const hashes = new Set(rows.flatMap(attachmentHashes));
  if (hashes.size === 0) return [];
  const found = await db
    .select({
      sha2: xapiAttachments.sha2,
      contentType: xapiAttachments.contentType,
      content: xapiAttachments.content,
    })
    .from(xapiAttachments)
    .where(
      and(
        eq(xapiAttachments.tenantId, tenantId),
        sql`${xapiAttachments.sha2} in ${textList([...hashes])}`,
      ),
    );
  return found.map((row) => ({
    contentType: row.contentType,
    body: Buffer.from(row.content),
    sha2: row.sha2,
  }));
}
