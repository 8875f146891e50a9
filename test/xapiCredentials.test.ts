// xAPI credentials end to end: created through the domain, checked by Basic auth on /xapi,
// revoked, stored hashed, and confined to their tenant.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xapiCredentials } from '../src/db/schema/index.js';
import { createCredential } from '../src/domain/credentials/createCredential.js';
import { createCredentialRepository } from '../src/domain/credentials/credentialRepository.js';
import { revokeCredential } from '../src/domain/credentials/revokeCredential.js';
import { ConflictError, NotFoundError } from '../src/lib/errors.js';
import {
  basicAuth,
  createTestCredential,
  createTestTenant,
  startTestApp,
  type TestApp,
} from './support/testApp.js';

describe('xAPI credentials and Basic auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  // No resource behind /xapi needs a credential yet but unknown paths are authenticated
  // before they are answered: 404 means "authenticated", 401 "not".
  const probe = '/xapi/no-such-resource';

  it('lets a valid credential through', async () => {
    const tenant = await createTestTenant(t.database);
    const { key, secret } = await createTestCredential(t.database, tenant, ['statements/write']);
    const response = await t.http().get(probe).set('authorization', basicAuth(key, secret));
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('NOT_FOUND');
  });

  it('answers a key with control characters with 401, like any unknown key', async () => {
    const header = `Basic ${Buffer.from('jk_abc\u0000:secret').toString('base64')}`;
    await t.http().get(probe).set('authorization', header).expect(401);
  });

  it('answers a missing Authorization header with 401 and WWW-Authenticate', async () => {
    const response = await t.http().get(probe).expect(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="Jejak xAPI"/);
    expect(response.headers['x-experience-api-version']).toBeDefined();
    expect(response.body.error).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong secret, an unknown key and a malformed header with 401', async () => {
    const tenant = await createTestTenant(t.database);
    const { key, secret } = await createTestCredential(t.database, tenant);
    for (const authorization of [
      basicAuth(key, `${secret}x`),
      basicAuth(key, ''),
      basicAuth('jk_unknownunknownunknown', secret),
      `Bearer ${secret}`,
      'Basic !!!not-base64',
      `Basic ${Buffer.from(key).toString('base64')}`,
    ]) {
      const response = await t.http().post(probe).set('authorization', authorization).send({});
      expect(response.status, authorization).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic /);
    }
  });

  it('rejects a credential once it is revoked', async () => {
    const tenant = await createTestTenant(t.database);
    const { key, secret } = await createTestCredential(t.database, tenant);
    await t.http().get(probe).set('authorization', basicAuth(key, secret)).expect(404);
    const revoked = await revokeCredential(
      createCredentialRepository(t.database.db, tenant.id),
      key,
    );
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await t.http().get(probe).set('authorization', basicAuth(key, secret)).expect(401);
  });

  it('records when a credential was last used', async () => {
    const tenant = await createTestTenant(t.database);
    const { key, secret } = await createTestCredential(t.database, tenant);
    const before = await createCredentialRepository(t.database.db, tenant.id).findByKey(key);
    expect(before?.lastUsedAt).toBeNull();
    await t.http().get(probe).set('authorization', basicAuth(key, secret)).expect(404);
    const after = await createCredentialRepository(t.database.db, tenant.id).findByKey(key);
    expect(after?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('stores the secret only as a scrypt hash', async () => {
    const tenant = await createTestTenant(t.database);
    const { key, secret } = await createTestCredential(t.database, tenant);
    const [row] = await t.database.db
      .select({ secretHash: xapiCredentials.secretHash })
      .from(xapiCredentials)
      .where(eq(xapiCredentials.key, key));
    expect(row!.secretHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(row!.secretHash).not.toContain(secret);
    const [found] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(xapiCredentials)
      .where(sql`${xapiCredentials.secretHash} like ${'%' + secret + '%'}`);
    expect(found!.n).toBe(0);
  });

  it('keeps each tenant to its own credentials', async () => {
    const agencyA = await createTestTenant(t.database);
    const agencyB = await createTestTenant(t.database);
    const a = await createTestCredential(t.database, agencyA);
    await createTestCredential(t.database, agencyB);
    const repositoryB = createCredentialRepository(t.database.db, agencyB.id);

    const listedByB = await repositoryB.list({ limit: 100 });
    expect(listedByB.items.map((c) => c.tenantId)).toEqual([agencyB.id]);
    expect(await repositoryB.findByKey(a.key)).toBeUndefined();
    await expect(revokeCredential(repositoryB, a.key)).rejects.toBeInstanceOf(NotFoundError);
    // A's credential still works: B's attempt changed nothing.
    await t.http().get(probe).set('authorization', basicAuth(a.key, a.secret)).expect(404);
  });

  it('refuses a key that is already taken, in any tenant', async () => {
    const agencyA = await createTestTenant(t.database);
    const agencyB = await createTestTenant(t.database);
    await createCredential(createCredentialRepository(t.database.db, agencyA.id), {
      name: 'one',
      scopes: ['all'],
      key: 'shared-key',
      secret: 'first-secret',
    });
    await expect(
      createCredential(createCredentialRepository(t.database.db, agencyB.id), {
        name: 'two',
        scopes: ['all'],
        key: 'shared-key',
        secret: 'second-secret',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists credentials newest first in keyset pages', async () => {
    const tenant = await createTestTenant(t.database);
    const repository = createCredentialRepository(t.database.db, tenant.id);
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (await createCredential(repository, { name: `c${i}`, scopes: ['all'] })).credential,
      );
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await repository.list({ after, limit: 2 });
      seen.push(...page.items.map((c) => c.name));
      after = page.nextCursor;
      pages += 1;
    } while (after !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(['c4', 'c3', 'c2', 'c1', 'c0']);
  });
});
