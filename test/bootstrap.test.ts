// The start-up bootstrap: the default tenant, the configured credential, and the
// credential generated on a first start, each exactly once, even with instances racing.
import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { xapiCredentials } from '../src/db/schema/index.js';
import { createCredentialAuthenticator } from '../src/domain/credentials/authenticateCredential.js';
import { bootstrapCredentials } from '../src/domain/credentials/bootstrapCredentials.js';
import { createCredentialRepository } from '../src/domain/credentials/credentialRepository.js';
import { createTenantDirectory } from '../src/domain/tenants/tenantDirectory.js';
import { createLogger } from '../src/lib/logger.js';
import { openReadyDatabase } from '../src/startup.js';
import { createTestDatabase, type TestDatabase } from './support/testDatabase.js';

const logger = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function migratedDatabase(): Promise<{ database: Database; testDatabase: TestDatabase }> {
  const testDatabase = await createTestDatabase();
  cleanups.push(() => testDatabase.destroy());
  const database = await openReadyDatabase(
    { database: testDatabase.config, databaseWaitSeconds: 5 },
    logger,
  );
  cleanups.push(() => database.close());
  return { database, testDatabase };
}

async function credentialCount(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(xapiCredentials);
  return row!.n;
}

describe('credential bootstrap', () => {
  it('generates one credential with scope all on the very first start, and only then', async () => {
    const { database } = await migratedDatabase();
    const first = await bootstrapCredentials(database.db, undefined);
    expect(first.defaultTenant.slug).toBe('default');
    expect(first.generated).toMatchObject({ tenantSlug: 'default' });

    const { key, secret } = first.generated!;
    const authenticated = await createCredentialAuthenticator(database.db).authenticate(
      key,
      secret,
    );
    expect(authenticated).toMatchObject({ key, scopes: ['all'], tenantId: first.defaultTenant.id });

    const second = await bootstrapCredentials(database.db, undefined);
    expect(second.generated).toBeUndefined();
    expect(second.defaultTenant.id).toBe(first.defaultTenant.id);
    expect(await credentialCount(database)).toBe(1);
  });

  it('creates the configured credential once and leaves it alone afterwards', async () => {
    const { database } = await migratedDatabase();
    const configured = { key: 'moodle-bpsdm', secret: 'a-long-bootstrap-secret' };
    expect((await bootstrapCredentials(database.db, configured)).configured).toBe('created');
    const again = await bootstrapCredentials(database.db, configured);
    expect(again.configured).toBe('already-present');
    expect(again.generated).toBeUndefined();
    expect(await credentialCount(database)).toBe(1);

    const credential = await createCredentialRepository(
      database.db,
      again.defaultTenant.id,
    ).findByKey('moodle-bpsdm');
    expect(credential).toMatchObject({ scopes: ['all'], revokedAt: null });
    const authenticator = createCredentialAuthenticator(database.db);
    expect(await authenticator.authenticate(configured.key, configured.secret)).not.toBeNull();
    expect(await authenticator.authenticate(configured.key, 'wrong')).toBeNull();
  });

  it('generates a single credential when instances start together', async () => {
    const { database, testDatabase } = await migratedDatabase();
    const instances = [database];
    if (testDatabase.config.kind === 'postgres') {
      for (let i = 0; i < 2; i++) {
        const other = await openReadyDatabase(
          { database: testDatabase.config, databaseWaitSeconds: 5 },
          logger,
        );
        cleanups.push(() => other.close());
        instances.push(other);
      }
    } else {
      instances.push(database, database);
    }
    // With the default tenant already there, nothing but the lock orders the racers.
    await createTenantDirectory(database.db).ensureDefault();
    const outcomes = await Promise.all(
      instances.map((instance) => bootstrapCredentials(instance.db, undefined)),
    );
    expect(outcomes.filter((outcome) => outcome.generated !== undefined)).toHaveLength(1);
    expect(await credentialCount(database)).toBe(1);
  });
});
