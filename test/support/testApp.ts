// Builds the real app on a real, freshly migrated database for a test file, and helpers to
// reach it through HTTP with supertest.
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { createAppServices, type AppServices } from '../../src/appServices.js';
import type { XapiScope } from '../../src/auth/scopes.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createCredential } from '../../src/domain/credentials/createCredential.js';
import { createCredentialRepository } from '../../src/domain/credentials/credentialRepository.js';
import { createTenantDirectory, type Tenant } from '../../src/domain/tenants/tenantDirectory.js';
import { buildApp } from '../../src/http/buildApp.js';
import { createLogger } from '../../src/lib/logger.js';
import { openReadyDatabase } from '../../src/startup.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export interface TestApp {
  app: FastifyInstance;
  services: AppServices;
  database: Database;
  testDatabase: TestDatabase;
  http: () => supertest.Agent;
  /**
   * SQL statements sent through drizzle since the app started (for batching tests), and,
   * while `recording` is set, the statements themselves (for plan tests).
   */
  queries: { count: number; recording?: { sql: string; params: unknown[] }[] };
  close(): Promise<void>;
}

export const testJwtSecret = 'test-secret-0123456789-abcdefghijklmnop';

/** Configuration as the server would load it from this environment, plus overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      JEJAK_JWT_SECRET: testJwtSecret,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    }),
    ...overrides,
  };
}

/**
 * `onDatabase`: serve a database the caller owns (the CLI tests hand theirs over, then run the
 * CLI on it once the app is closed); closing the app then leaves it in place.
 */
export async function startTestApp(
  overrides: Partial<Config> = {},
  onDatabase?: TestDatabase['config'],
): Promise<TestApp> {
  const testDatabase: TestDatabase =
    onDatabase === undefined
      ? await createTestDatabase()
      : { config: onDatabase, destroy: async () => {} };
  const config = testConfig({ ...overrides, database: testDatabase.config });
  const logger = createLogger(config.logLevel);
  const queries: TestApp['queries'] = { count: 0 };
  const database = await openReadyDatabase(config, logger, {
    onQuery: (sql, params) => {
      queries.count += 1;
      queries.recording?.push({ sql, params });
    },
  });
  const services = createAppServices(config, database, logger);
  const app = await buildApp(services);
  await app.ready();
  return {
    app,
    services,
    database,
    testDatabase,
    http: () => supertest.agent(app.server),
    queries,
    close: async () => {
      await app.close();
      await database.close();
      await testDatabase.destroy();
    },
  };
}

let tenantCounter = 0;

/** A tenant of its own per test, so tests in one file never see each other's rows. */
export async function createTestTenant(database: Database): Promise<Tenant> {
  tenantCounter += 1;
  const slug = `t${tenantCounter}-${Math.random().toString(36).slice(2, 8)}`;
  return createTenantDirectory(database.db).create({ slug, name: `Test tenant ${slug}` });
}

export async function createTestCredential(
  database: Database,
  tenant: Tenant,
  scopes: XapiScope[] = ['all'],
) {
  const repository = createCredentialRepository(database.db, tenant.id);
  const { credential, secret } = await createCredential(repository, { name: 'test', scopes });
  return { key: credential.key, secret, credential };
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}
