// Checks the key and secret of an xAPI request. The key names the tenant, so this lookup
// is the one credential read that is not tenant-scoped.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { xapiCredentials } from '../../db/schema/index.js';
import { verifySecret } from '../../auth/secretHash.js';
import type { XapiScope } from '../../auth/scopes.js';

export interface AuthenticatedCredential {
  id: string;
  tenantId: string;
  key: string;
  name: string;
  scopes: XapiScope[];
}

export interface CredentialAuthenticator {
  /** The credential, or null when the key is unknown, revoked or the secret is wrong. */
  authenticate(key: string, secret: string): Promise<AuthenticatedCredential | null>;
}

/** last_used_at is written at most this often per credential, not on every request. */
const lastUsedResolutionMs = 60_000;
const rememberedLimit = 10_000;

export function createCredentialAuthenticator(db: JejakDb): CredentialAuthenticator {
  // scrypt costs ~50 ms of CPU by design; an LRS client sends many requests with the same
  // secret. Remember which (key, secret) pairs matched which stored hash, keyed by a SHA-256
  // of the pair: the stored row is still read on every request, so a revocation or a new
  // secret written by any instance takes effect at once. Nothing here is needed by another
  // instance: it only saves CPU.
  const verified = new Map<string, string>();

  return {
    async authenticate(key, secret) {
      const [row] = await db
        .select({
          id: xapiCredentials.id,
          tenantId: xapiCredentials.tenantId,
          key: xapiCredentials.key,
          name: xapiCredentials.name,
          scopes: xapiCredentials.scopes,
          secretHash: xapiCredentials.secretHash,
          lastUsedAt: xapiCredentials.lastUsedAt,
          revokedAt: xapiCredentials.revokedAt,
        })
        .from(xapiCredentials)
        .where(eq(xapiCredentials.key, key));
      if (row === undefined || row.revokedAt !== null) return null;

      const fingerprint = createHash('sha256')
        .update(key)
        .update('\0')
        .update(secret)
        .digest('base64');
      if (verified.get(fingerprint) !== row.secretHash) {
        if (!(await verifySecret(secret, row.secretHash))) return null;
        if (verified.size >= rememberedLimit) verified.clear();
        verified.set(fingerprint, row.secretHash);
      }

      if (row.lastUsedAt === null || Date.now() - row.lastUsedAt.getTime() > lastUsedResolutionMs) {
        await db
          .update(xapiCredentials)
          .set({ lastUsedAt: sql`now()` })
          .where(eq(xapiCredentials.id, row.id));
      }
      return {
        id: row.id,
        tenantId: row.tenantId,
        key: row.key,
        name: row.name,
        scopes: row.scopes as XapiScope[],
      };
    },
  };
}
