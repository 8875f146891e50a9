// At start: make sure the default tenant exists and that someone can log in. With
// JEJAK_BOOTSTRAP_KEY/_SECRET set, that credential is created once; with neither set and no
// credential at all, one is generated and returned so the caller can show it once.
import { count, eq } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { advisoryLockKeys, inTransactionWithAdvisoryLock } from '../../db/advisoryLock.js';
import { xapiCredentials } from '../../db/schema/index.js';
import { createTenantDirectory, type Tenant } from '../tenants/tenantDirectory.js';
import { createCredential } from './createCredential.js';
import { createCredentialRepository } from './credentialRepository.js';

export interface BootstrapOutcome {
  defaultTenant: Tenant;
  /** What happened to the configured bootstrap credential, when one is configured. */
  configured?: 'created' | 'already-present';
  /** A credential generated on the very first start: its secret is shown once. */
  generated?: { key: string; secret: string; tenantSlug: string };
}

export async function bootstrapCredentials(
  db: JejakDb,
  configured: { key: string; secret: string } | undefined,
): Promise<BootstrapOutcome> {
  // Under a lock: two instances starting together must not both generate a credential.
  return inTransactionWithAdvisoryLock(db, advisoryLockKeys.bootstrap, async (tx) => {
    const defaultTenant = await createTenantDirectory(tx).ensureDefault();
    const repository = createCredentialRepository(tx, defaultTenant.id);

    if (configured !== undefined) {
      const [existing] = await tx
        .select({ id: xapiCredentials.id })
        .from(xapiCredentials)
        .where(eq(xapiCredentials.key, configured.key));
      if (existing !== undefined) return { defaultTenant, configured: 'already-present' };
      await createCredential(repository, {
        name: 'bootstrap',
        scopes: ['all'],
        key: configured.key,
        secret: configured.secret,
      });
      return { defaultTenant, configured: 'created' };
    }

    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(xapiCredentials);
    if (total > 0) return { defaultTenant };
    const { credential, secret } = await createCredential(repository, {
      name: 'first-start',
      scopes: ['all'],
    });
    return {
      defaultTenant,
      generated: { key: credential.key, secret, tenantSlug: defaultTenant.slug },
    };
  });
}
