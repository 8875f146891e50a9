// Reads and writes of one tenant's xAPI credentials. The tenant is fixed when the repository
// is built, and every query is AND-ed with it: a caller cannot reach another tenant's rows.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { xapiCredentials, type XapiCredentialRow } from '../../db/schema/index.js';
import type { XapiScope } from '../../auth/scopes.js';
import { decodeCursor, encodeCursor, type Page } from '../../lib/cursor.js';
import { BadUserInputError } from '../../lib/errors.js';

/** A credential as it may be shown: everything but the secret's hash. */
export interface Credential {
  id: string;
  tenantId: string;
  key: string;
  name: string;
  scopes: XapiScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewCredentialRow {
  key: string;
  secretHash: string;
  name: string;
  scopes: XapiScope[];
}

export interface CredentialRepository {
  readonly tenantId: string;
  /** Undefined when the key is taken (keys are unique across tenants). */
  insert(row: NewCredentialRow): Promise<Credential | undefined>;
  findByKey(key: string): Promise<Credential | undefined>;
  /** Newest first, by keyset on (created_at, id). */
  list(page: { after?: string; limit: number }): Promise<Page<Credential>>;
  /** Sets revoked_at once; returns the credential, or undefined when the key is not ours. */
  revoke(key: string): Promise<Credential | undefined>;
}

const publicColumns = {
  id: xapiCredentials.id,
  tenantId: xapiCredentials.tenantId,
  key: xapiCredentials.key,
  name: xapiCredentials.name,
  scopes: xapiCredentials.scopes,
  createdAt: xapiCredentials.createdAt,
  lastUsedAt: xapiCredentials.lastUsedAt,
  revokedAt: xapiCredentials.revokedAt,
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function toCredential(row: Omit<XapiCredentialRow, 'secretHash'>): Credential {
  return { ...row, scopes: row.scopes as XapiScope[] };
}

export function createCredentialRepository(db: JejakDb, tenantId: string): CredentialRepository {
  const ofTenant = eq(xapiCredentials.tenantId, tenantId);

  async function findByKey(key: string): Promise<Credential | undefined> {
    const [row] = await db
      .select(publicColumns)
      .from(xapiCredentials)
      .where(and(ofTenant, eq(xapiCredentials.key, key)));
    return row && toCredential(row);
  }

  return {
    tenantId,
    findByKey,

    async insert(row) {
      const [inserted] = await db
        .insert(xapiCredentials)
        .values({ ...row, tenantId })
        .onConflictDoNothing({ target: xapiCredentials.key })
        .returning(publicColumns);
      return inserted && toCredential(inserted);
    },

    async list({ after, limit }) {
      let keyset;
      if (after !== undefined) {
        const [createdAt, id] = decodeCursor(after, ['string', 'string']) as [string, string];
        const at = new Date(createdAt);
        if (Number.isNaN(at.getTime()) || !uuidPattern.test(id)) {
          throw new BadUserInputError('the cursor is not one this server issued');
        }
        keyset = or(
          lt(xapiCredentials.createdAt, at),
          and(eq(xapiCredentials.createdAt, at), lt(xapiCredentials.id, id)),
        );
      }
      const rows = await db
        .select(publicColumns)
        .from(xapiCredentials)
        .where(and(ofTenant, keyset))
        .orderBy(desc(xapiCredentials.createdAt), desc(xapiCredentials.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit).map(toCredential);
      const last = items.at(-1);
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor([last.createdAt.toISOString(), last.id]) }
        : { items };
    },

    async revoke(key) {
      await db
        .update(xapiCredentials)
        .set({ revokedAt: sql`now()` })
        .where(and(ofTenant, eq(xapiCredentials.key, key), isNull(xapiCredentials.revokedAt)));
      return findByKey(key);
    },
  };
}
