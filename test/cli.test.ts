// The operator CLI (`npm run jejak -- ...`) on the configured database: credentials,
// tenants and development tokens, with the results checked against the database itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../src/auth/jwt.js';
import type { DatabaseConfig } from '../src/config.js';
import { createCredentialAuthenticator } from '../src/domain/credentials/authenticateCredential.js';
import { createLogger } from '../src/lib/logger.js';
import { openReadyDatabase } from '../src/startup.js';
import { createCredential } from '../src/domain/credentials/createCredential.js';
import { createCredentialRepository } from '../src/domain/credentials/credentialRepository.js';
import { createTenantDirectory } from '../src/domain/tenants/tenantDirectory.js';
import { authorityOf } from '../src/xapi/statements/authority.js';
import { storeStatements } from '../src/xapi/statements/storeStatements.js';
import { validateStatements } from '../src/xapi/statements/validateStatements.js';
import { runCli } from './support/processes.js';
import { dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { startTestApp } from './support/testApp.js';
import { statement, verbs } from './support/xapiClient.js';
import { createTestDatabase, type TestDatabase } from './support/testDatabase.js';

describe('jejak CLI', () => {
  let testDatabase: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let databaseConfig: DatabaseConfig;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'jejak-cli-test-'));
    if (testDatabase.config.kind === 'postgres') {
      env = { DATABASE_URL: testDatabase.config.url };
      databaseConfig = testDatabase.config;
    } else {
      env = { JEJAK_DATA_DIR: dataDir };
      databaseConfig = { kind: 'pglite', dataDir };
    }
  });
  afterAll(async () => {
    await testDatabase?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens the CLI's database in this process (the CLI has exited, so PGlite is free). */
  async function authenticate(key: string, secret: string) {
    const database = await openReadyDatabase(
      { database: databaseConfig, databaseWaitSeconds: 5 },
      createLogger('silent'),
    );
    try {
      return await createCredentialAuthenticator(database.db).authenticate(key, secret);
    } finally {
      await database.close();
    }
  }

  let created: { key: string; secret: string; scopes: string[]; tenant: string };

  it('creates a credential and prints its key and secret once', async () => {
    const result = await runCli(
      [
        'credentials',
        'create',
        '--name',
        'moodle-bpsdm',
        '--scopes',
        'statements/write,statements/read/mine',
        '--json',
      ],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    created = JSON.parse(result.stdout);
    expect(created).toMatchObject({
      name: 'moodle-bpsdm',
      tenant: 'default',
      scopes: ['statements/write', 'statements/read/mine'],
      revokedAt: null,
    });
    expect(await authenticate(created.key, created.secret)).toMatchObject({
      key: created.key,
      scopes: ['statements/write', 'statements/read/mine'],
    });
  });

  it('lists credentials without their secrets', async () => {
    const table = await runCli(['credentials', 'list'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^KEY\s+NAME\s+SCOPES/);
    expect(table.stdout).toContain(created.key);
    expect(table.stdout).not.toContain(created.secret);
    const json = JSON.parse((await runCli(['credentials', 'list', '--json'], env)).stdout);
    expect(json).toEqual([
      expect.objectContaining({ key: created.key, name: 'moodle-bpsdm', revokedAt: null }),
    ]);
    expect(JSON.stringify(json)).not.toContain(created.secret);
  });

  it('revokes a credential, after which it no longer authenticates', async () => {
    const result = await runCli(['credentials', 'revoke', created.key], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Revoked ${created.key}`);
    expect(await authenticate(created.key, created.secret)).toBeNull();
    const unknown = await runCli(['credentials', 'revoke', 'jk_nothing'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no credential with key "jk_nothing"/);
  });

  it('creates tenants and credentials inside them', async () => {
    const tenant = await runCli(
      ['tenants', 'create', '--slug', 'bpsdm-jabar', '--name', 'BPSDM Jawa Barat'],
      env,
    );
    expect(tenant.code).toBe(0);
    const credential = JSON.parse(
      (
        await runCli(
          [
            'credentials',
            'create',
            '--tenant',
            'bpsdm-jabar',
            '--name',
            'lms',
            '--scopes',
            'all',
            '--json',
          ],
          env,
        )
      ).stdout,
    );
    expect(credential.tenant).toBe('bpsdm-jabar');
    const inDefault = JSON.parse((await runCli(['credentials', 'list', '--json'], env)).stdout);
    expect(inDefault.map((c: { key: string }) => c.key)).not.toContain(credential.key);
    const tenants = JSON.parse((await runCli(['tenants', 'list', '--json'], env)).stdout);
    expect(tenants.map((t: { slug: string }) => t.slug)).toEqual(['bpsdm-jabar', 'default']);
  });

  it('explains its mistakes with exit code 2', async () => {
    const badScope = await runCli(
      ['credentials', 'create', '--name', 'x', '--scopes', 'statements/delete'],
      env,
    );
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/unknown scope statements\/delete/);
    const noName = await runCli(['credentials', 'create', '--scopes', 'all'], env);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/needs --name/);
    const unknownTenant = await runCli(['credentials', 'list', '--tenant', 'nowhere'], env);
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toMatch(/no tenant "nowhere"/);
  });

  it('mints a development token the server accepts', async () => {
    const secret = 'cli-test-secret-0123456789abcdefghij';
    const result = await runCli(
      [
        'token',
        '--tenant',
        'bpsdm-jabar',
        '--roles',
        'ADMIN,facilitator',
        '--sub',
        '198609262015051001',
      ],
      { JEJAK_JWT_SECRET: secret },
    );
    expect(result.code).toBe(0);
    const claims = await createTokenVerifier({ secret }).verify(result.stdout.trim());
    expect(claims).toEqual({
      subject: '198609262015051001',
      tenant: 'bpsdm-jabar',
      roles: ['ADMIN', 'FACILITATOR'],
    });

    const withoutSecret = await runCli(
      ['token', '--tenant', 't', '--roles', 'ADMIN', '--sub', 's'],
      {},
    );
    expect(withoutSecret.code).toBe(2);
    expect(withoutSecret.stderr).toMatch(/JEJAK_JWT_SECRET must be set/);
    const badRole = await runCli(['token', '--tenant', 't', '--roles', 'ROOT', '--sub', 's'], {
      JEJAK_JWT_SECRET: secret,
    });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/unknown role ROOT/);
  });

  it("exports a tenant's statements as NDJSON, filtered as GET /xapi/export filters, and imports them back", async () => {
    const database = await openReadyDatabase(
      { database: databaseConfig, databaseWaitSeconds: 5 },
      createLogger('silent'),
    );
    const sent = [
      statement({ verb: { id: verbs.viewed } }),
      statement({ verb: { id: verbs.completed } }),
      statement({ verb: { id: verbs.viewed } }),
    ];
    try {
      const tenant = await createTenantDirectory(database.db).create({
        slug: 'bpsdm-ekspor',
        name: 'BPSDM Ekspor',
      });
      const { credential } = await createCredential(
        createCredentialRepository(database.db, tenant.id),
        { name: 'moodle', scopes: ['all'] },
      );
      await storeStatements(database.db, {
        tenantId: tenant.id,
        credentialId: credential.id,
        authority: authorityOf({ ...credential, tenantId: tenant.id, scopes: ['all'] }),
        version: '2.0.0',
        statements: validateStatements(
          sent,
          '2.0.0',
          sent.map((_, n) => `statements[${n}]`),
        ),
      });
    } finally {
      await database.close();
    }
    const all = await runCli(['export', '--tenant', 'bpsdm-ekspor'], env);
    expect(all.code).toBe(0);
    const ids = (text: string) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids(all.stdout)).toEqual(sent.map((one) => one.id));
    const viewed = await runCli(
      ['export', '--tenant', 'bpsdm-ekspor', '--verb', verbs.viewed],
      env,
    );
    const csv = await runCli(['export', '--tenant', 'bpsdm-ekspor', '--csv'], env);
    const csvRows = csv.stdout.split('\r\n').filter(Boolean);
    expect(csvRows.map((row) => row.split(',')[0])).toEqual(['id', ...sent.map((one) => one.id)]);
    expect(ids(viewed.stdout)).toEqual([sent[0]!.id, sent[2]!.id]);
    const mistaken = await runCli(['export', '--tenant', 'bpsdm-ekspor', '--verb', 'no iri'], env);
    expect(mistaken.code).toBe(1);
    expect(mistaken.stderr).toMatch(/verb/);
    expect((await runCli(['export'], env)).code).toBe(2);

    // The export, imported into another tenant, as written by one of its credentials.
    const file = path.join(dataDir, 'statements.ndjson');
    writeFileSync(file, all.stdout);
    const again = await openReadyDatabase(
      { database: databaseConfig, databaseWaitSeconds: 5 },
      createLogger('silent'),
    );
    let key: string;
    try {
      const tenant = await createTenantDirectory(again.db).create({
        slug: 'bpsdm-impor',
        name: 'BPSDM Impor',
      });
      key = (
        await createCredential(createCredentialRepository(again.db, tenant.id), {
          name: 'impor',
          scopes: ['statements/write'],
        })
      ).credential.key;
    } finally {
      await again.close();
    }
    const imported = await runCli(
      ['import', file, '--tenant', 'bpsdm-impor', '--credential', key],
      env,
    );
    expect(imported.stdout).toContain('Read 3 statements');
    expect(imported.stdout).toContain('3 stored, 0 already there');
    const reimported = await runCli(
      ['import', file, '--tenant', 'bpsdm-impor', '--credential', key],
      env,
    );
    expect(reimported.stdout).toContain('0 stored, 3 already there');
    const back = await runCli(['export', '--tenant', 'bpsdm-impor'], env);
    expect(ids(back.stdout)).toEqual(sent.map((one) => one.id));
    const missing = await runCli(
      ['import', path.join(dataDir, 'none.ndjson'), '--tenant', 'bpsdm-impor', '--credential', key],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no file/);
  });

  it('imports a Teams attendance report into a session', async () => {
    // A cohort with a session on the report's morning, served for the setup, then closed so
    // the CLI can open the database.
    const app = await startTestApp({}, databaseConfig);
    let sessionId: string;
    let s: Setup;
    try {
      s = await setup(app, 2);
      for (const [n, email] of [
        'siti.rahma@bpkad.jatimprov.go.id',
        'budi.santoso@bpkad.jatimprov.go.id',
      ].entries()) {
        dataOf(
          await s.admin(
            `mutation ($id: ID!, $e: String) { updatePerson(input: { id: $id, email: $e }) { id } }`,
            { id: s.learnerIds[n], e: email },
          ),
        );
      }
      sessionId = dataOf(
        await s.admin(
          `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Rapat koordinasi",
             startsAt: "2026-03-02T02:00:00Z", endsAt: "2026-03-02T05:00:00Z" }) { id } }`,
          { c: s.cohortId },
        ),
      ).createSession.id;
    } finally {
      await app.close();
    }
    const report = path.join('test', 'fixtures', 'meetings', 'teams-attendance-utf16.csv');
    const imported = await runCli(
      ['attendance', 'import', '--session', sessionId, '--format', 'teams', report],
      env,
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(
      '5 participants, 3 not matched to a learner, 2 attendance records written',
    );
    const malformed = await runCli(
      [
        'attendance',
        'import',
        '--session',
        sessionId,
        '--format',
        'GENERIC',
        '--mapping',
        'name=Participant Name,email=Participant Email,joinedAt=Joined at,leftAt=Left at',
        path.join('test', 'fixtures', 'meetings', 'meet-bad-date.csv'),
      ],
      env,
    );
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/line 4, column "Joined at"/);
    expect((await runCli(['attendance', 'import', report], env)).code).toBe(2);

    const reopened = await startTestApp({}, databaseConfig);
    try {
      const facilitator = graphqlAs(
        reopened,
        await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'),
      );
      const cohort = dataOf(
        await facilitator(
          `query ($c: ID!) { cohort(id: $c) { sessions { nodes { attendance { nodes { status minutesPresent } } } } } }`,
          { c: s.cohortId },
        ),
      ).cohort;
      expect(
        cohort.sessions.nodes[0].attendance.nodes
          .map((row: { status: string; minutesPresent: number }) => [
            row.status,
            row.minutesPresent,
          ])
          .sort(),
      ).toEqual([
        ['PRESENT', 172],
        ['PRESENT', 180],
      ]);
    } finally {
      await reopened.close();
    }
  });
});
