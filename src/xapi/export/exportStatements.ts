// GET /xapi/export: every statement matching the Statement resource's filters, oldest
// first, as NDJSON (one statement, exactly as stored, per line) or CSV, streamed page by page so
// memory stays flat however many there are. Unlike a query it includes voided statements
// (and the statements that void them), so that another LRS importing the file in order
// ends with the same statements, voided alike. The export is a consistent cut: it stops at
// the last statement stored when it began.
import { sql } from 'drizzle-orm';
import { hasScope } from '../../auth/scopes.js';
import type { JejakDb } from '../../db/client.js';
import { rawRows } from '../../db/rawRows.js';
import type { AuthenticatedCredential } from '../../domain/credentials/authenticateCredential.js';
import { BadUserInputError } from '../../lib/errors.js';
import { queryStatements, type StatementPageQuery } from '../statements/queryStatements.js';
import { parseStatementGet } from '../statements/statementQueryParams.js';
import type { XapiVersion } from '../statements/validateStatement.js';
import { csvLine, statementCsvHeader, statementCsvRow } from './statementCsv.js';

/** Statements read per query: big enough to amortise a round trip, small enough to stream. */
export const exportPageSize = 1000;

const filters = new Set([
  'agent',
  'verb',
  'activity',
  'registration',
  'related_agents',
  'related_activities',
  'since',
  'until',
]);

export interface ExportInput {
  tenantId: string;
  /** Only the statements this credential wrote (the statements/read/mine scope). */
  writtenBy?: string;
  version: XapiVersion;
  /** The filters, as GET /statements takes them in its query string. */
  query: Record<string, unknown>;
  /** NDJSON (every statement whole), or CSV (the columns of statementCsv.ts). */
  as?: 'ndjson' | 'csv';
}

/** What a credential may export: its tenant's statements, or only its own. */
export function exportScopeOf(
  credential: AuthenticatedCredential,
): Pick<ExportInput, 'tenantId' | 'writtenBy'> {
  return {
    tenantId: credential.tenantId,
    writtenBy: hasScope(credential.scopes, 'statements/read') ? undefined : credential.id,
  };
}

/**
 * Checks the request and fixes the cut before anything is sent (so a mistake is a 400, not
 * a broken stream); the returned generator then yields NDJSON chunks, a page each.
 */
export async function prepareExport(
  db: JejakDb,
  input: ExportInput,
): Promise<() => AsyncGenerator<string>> {
  const unknown = Object.keys(input.query).find((name) => !filters.has(name));
  if (unknown !== undefined) {
    throw new BadUserInputError(
      `unknown query parameter ${unknown} for GET /export (it takes ${[...filters].join(', ')})`,
    );
  }
  const request = parseStatementGet(input.query, input.version);
  if (request.kind !== 'page') throw new BadUserInputError('GET /export takes filters only');
  const tenantId = input.tenantId;
  const [last] = await rawRows<{ seq: string | null }>(
    db,
    sql`select last_seq::text as seq from xapi_statement_clocks where tenant_id = ${tenantId}`,
  );
  const base: StatementPageQuery = {
    ...request,
    tenantId,
    writtenBy: input.writtenBy,
    ascending: true,
    limit: exportPageSize,
    includeVoided: true,
    throughSeq: Number(last?.seq ?? 0),
  };
  const csv = input.as === 'csv';
  return async function* () {
    if (csv) yield `${csvLine(statementCsvHeader)}\r\n`;
    let afterSeq: number | undefined;
    for (;;) {
      const page = await queryStatements(db, { ...base, afterSeq });
      const rows = page.slice(0, exportPageSize);
      if (rows.length === 0) return;
      yield csv
        ? rows.map((row) => `${statementCsvRow(JSON.parse(row.payload), row.voided)}\r\n`).join('')
        : rows.map((row) => `${row.payload}\n`).join('');
      if (page.length <= exportPageSize) return;
      afterSeq = rows[rows.length - 1]!.seq;
    }
  };
}

/** How many statements the tenant holds, voided ones included (an index-only count). */
export async function countStatements(db: JejakDb, tenantId: string): Promise<number> {
  const [row] = await rawRows<{ n: string }>(
    db,
    sql`select count(*)::text as n from xapi_statements where tenant_id = ${tenantId}`,
  );
  return Number(row!.n);
}
