// A tenant's SIASN sync as one caller may use it: the connection (ADMIN; tokens go in sealed
// and never come out), queueing a completed enrollment again by hand, retrying a record,
// and the records with their calls (ADMIN, ANALYST), as pages or as a CSV stream.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  timestampKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
import {
  siasnAttempts,
  siasnRecords,
  siasnSettings,
  type SiasnAttemptRow,
  type SiasnRecordRow,
} from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireSecretsKey, sealSecret } from '../../lib/secretBox.js';
import { requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { queueSiasnRecord } from './queueSiasnRecord.js';
import { checkSiasnBaseUrl } from './siasnBaseUrl.js';
import { siasnCsvHeader, siasnCsvRow } from './siasnCsv.js';
import { siasnTokenPurpose } from './sendSiasnRecords.js';

export type SiasnRecord = SiasnRecordRow;
export type SiasnAttempt = SiasnAttemptRow;
export interface SiasnConnection {
  baseUrl: string;
  updatedAt: Date;
  updatedBy: string;
}

export const siasnStatuses = ['PENDING', 'SENT', 'FAILED'] as const;

/** Calls shown per record: the latest ones. */
export const attemptsShown = 20;

const recordOrder = keysetOrder<SiasnRecord>('siasnRecords', 'CREATED_AT', 'DESC', [
  timestampKey(siasnRecords.createdAt, (row) => row.createdAt),
  idKey(siasnRecords.id, (row) => row.id),
]);

/** The CSV export's order: oldest first, so a re-run appends at the end. */
const exportOrder = keysetOrder<SiasnRecord>('siasnExport', 'CREATED_AT', 'ASC', [
  timestampKey(siasnRecords.createdAt, (row) => row.createdAt),
  idKey(siasnRecords.id, (row) => row.id),
]);

export function createSiasnRepository(db: JejakDb, actor: Actor, secretsKey: string | undefined) {
  const t = actor.tenantId;
  const r = siasnRecords;

  const page = async (
    order: typeof recordOrder,
    filter: { status?: string },
    request: PageRequest,
  ): Promise<KeysetPage<SiasnRecord>> => {
    const rows = await db
      .select()
      .from(r)
      .where(
        and(
          eq(r.tenantId, t),
          filter.status !== undefined ? eq(r.status, filter.status) : undefined,
          keysetAfter(order, request.after),
        ),
      )
      .orderBy(...keysetOrderBy(order))
      .limit(request.first + 1);
    return keysetPageOf(order, rows, request.first);
  };

  return {
    async configure(input: {
      baseUrl: string;
      clientToken: string;
      ssoToken: string;
    }): Promise<SiasnConnection> {
      requireRole(actor, 'configuring SIASN', 'ADMIN');
      const serverKey = requireSecretsKey(secretsKey, 'SIASN tokens are');
      const baseUrl = checkSiasnBaseUrl(input.baseUrl);
      const clientToken = checkToken(input.clientToken, 'clientToken');
      const ssoToken = checkToken(input.ssoToken, 'ssoToken');
      const now = new Date();
      const values = {
        baseUrl,
        clientTokenSealed: sealSecret(serverKey, siasnTokenPurpose, t, clientToken),
        ssoTokenSealed: sealSecret(serverKey, siasnTokenPurpose, t, ssoToken),
        updatedAt: now,
        updatedBy: actor.subject,
      };
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(siasnSettings)
          .values({ tenantId: t, ...values })
          .onConflictDoUpdate({ target: siasnSettings.tenantId, set: values })
          .returning();
        // Fresh tokens, fresh start: records waiting (after a 401, say) go out at once.
        await tx
          .update(r)
          .set({
            attempts: 0,
            nextAttemptAt: sql`greatest(${now.toISOString()}::timestamptz, coalesce(${r.claimedUntil}, ${now.toISOString()}::timestamptz))`,
          })
          .where(and(eq(r.tenantId, t), eq(r.status, 'PENDING')));
        return connectionOf(row!);
      });
    },

    async connection(): Promise<SiasnConnection | undefined> {
      requireRole(actor, 'reading the SIASN connection', 'ADMIN');
      const [row] = await db.select().from(siasnSettings).where(eq(siasnSettings.tenantId, t));
      return row && connectionOf(row);
    },

    /** Builds the enrollment's record again from the database and queues it. */
    async sync(enrollmentId: string): Promise<SiasnRecord> {
      requireRole(actor, 'sending an enrollment to SIASN', 'ADMIN');
      const id = requireUuid(enrollmentId, 'enrollmentId');
      return db.transaction((tx) => queueSiasnRecord(tx, { tenantId: t, enrollmentId: id }));
    },

    /** Queues a PENDING or FAILED record again now, rebuilt from the database. */
    async retry(recordId: string): Promise<SiasnRecord> {
      requireRole(actor, 'retrying a SIASN record', 'ADMIN');
      const [record] = await db
        .select({ enrollmentId: r.enrollmentId, status: r.status })
        .from(r)
        .where(and(eq(r.tenantId, t), eq(r.id, requireUuid(recordId, 'id'))));
      if (record === undefined) throw new NotFoundError(`no SIASN record ${recordId}`);
      if (record.status === 'SENT') {
        throw new BadUserInputError(
          'id: the record is SENT; syncEnrollmentToSiasn sends it again as an update',
        );
      }
      return db.transaction((tx) =>
        queueSiasnRecord(tx, { tenantId: t, enrollmentId: record.enrollmentId }),
      );
    },

    /** Newest first. */
    async list(filter: { status?: string }, request: PageRequest) {
      requireRole(actor, 'reading SIASN records', 'ADMIN', 'ANALYST');
      return page(recordOrder, filter, request);
    },

    /** The records of enrollments; none for callers who may not read them. */
    async ofEnrollments(enrollmentIds: readonly string[]): Promise<SiasnRecord[]> {
      if (enrollmentIds.length === 0 || !hasRole(actor, 'ADMIN', 'ANALYST')) return [];
      return db
        .select()
        .from(r)
        .where(and(eq(r.tenantId, t), inArray(r.enrollmentId, [...enrollmentIds])));
    },

    /** The latest calls of several records, oldest first within each. */
    async attemptsOf(recordIds: readonly string[]): Promise<SiasnAttempt[]> {
      if (recordIds.length === 0) return [];
      const a = siasnAttempts;
      const latest = db
        .select({
          id: a.id,
          n: sql<number>`row_number() over (partition by ${a.recordId} order by ${a.at} desc, ${a.id} desc)`.as(
            'n',
          ),
        })
        .from(a)
        .where(and(eq(a.tenantId, t), inArray(a.recordId, [...recordIds])))
        .as('latest');
      const rows = await db
        .select({ attempt: a })
        .from(a)
        .innerJoin(latest, eq(latest.id, a.id))
        .where(sql`${latest.n} <= ${attemptsShown}`)
        .orderBy(asc(a.at), asc(a.id));
      return rows.map((row) => row.attempt);
    },

    /**
     * The records as CSV, header first, a keyset page per chunk. The caller's role is
     * checked now, before anything streams.
     */
    csv(filter: { status?: string }): AsyncGenerator<string> {
      requireRole(actor, 'exporting SIASN records', 'ADMIN', 'ANALYST');
      return (async function* () {
        yield `${siasnCsvHeader.join(',')}\r\n`;
        let after: string | undefined;
        do {
          const chunk = await page(exportOrder, filter, {
            first: 500,
            ...(after ? { after } : {}),
          });
          if (chunk.items.length > 0)
            yield chunk.items.map((row) => `${siasnCsvRow(row)}\r\n`).join('');
          after = chunk.hasNextPage ? chunk.cursors[chunk.cursors.length - 1] : undefined;
        } while (after !== undefined);
      })();
    },
  };
}

function connectionOf(row: typeof siasnSettings.$inferSelect): SiasnConnection {
  return { baseUrl: row.baseUrl, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

function checkToken(text: string, field: string): string {
  // Pasted with its scheme, as it appears in a header: keep the token only.
  const token = text.trim().replace(/^bearer\s+/i, '');
  if (token === '') throw new BadUserInputError(`${field}: must not be empty`);
  if (token.length > 16_384 || !/^[\x21-\x7e]+$/.test(token))
    throw new BadUserInputError(`${field}: must be one token of printable ASCII, without spaces`);
  return token;
}

export type SiasnRepository = ReturnType<typeof createSiasnRepository>;
