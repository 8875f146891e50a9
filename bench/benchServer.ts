// What the analytics and exchange benchmarks share: Jejak serving on a free loopback port
// (on DATABASE_URL, else an in-memory PGlite), and fresh tenants with a credential.
import type { AddressInfo } from 'node:net';
import { createAppServices } from '../src/appServices.js';
import { loadConfig } from '../src/config.js';
import { inMemoryDataDir, type Database } from '../src/db/client.js';
import { createCredential } from '../src/domain/credentials/createCredential.js';
import { createCredentialRepository } from '../src/domain/credentials/credentialRepository.js';
import { createTenantDirectory } from '../src/domain/tenants/tenantDirectory.js';
import { buildApp } from '../src/http/buildApp.js';
import { createLogger } from '../src/lib/logger.js';
import { openReadyDatabase } from '../src/startup.js';

export const onPostgres = Boolean(process.env.DATABASE_URL);
export const benchJwtSecret = 'bench-secret-0123456789abcdefghijklmnop';
export const say = (line: string) => process.stdout.write(`${line}\n`);

export async function startBenchServer(name: string) {
  const environment = loadConfig({
    ...process.env,
    JEJAK_JWT_SECRET: benchJwtSecret,
    LOG_LEVEL: 'silent',
  });
  const config = {
    ...environment,
    database: onPostgres
      ? environment.database
      : { kind: 'pglite' as const, dataDir: inMemoryDataDir },
  };
  const logger = createLogger('silent');
  const database = await openReadyDatabase(config, logger);
  const app = await buildApp(createAppServices(config, database, logger));
  await app.listen({ port: 0, host: '127.0.0.1' });
  say(`Jejak ${name} bench on ${database.location}`);
  return {
    database,
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A credential (scope `all`) of the tenant, and its Basic authorization header. */
export async function benchCredential(database: Database, tenantId: string) {
  const { credential, secret } = await createCredential(
    createCredentialRepository(database.db, tenantId),
    { name: 'bench', scopes: ['all'] },
  );
  const basic = `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
  return { credential, secret, basic };
}

/** A new tenant (its slug made unique) with a credential. */
export async function newBenchTenant(database: Database, name: string) {
  const tenant = await createTenantDirectory(database.db).create({
    slug: `${name}-${Date.now().toString(36)}`,
    name,
  });
  return { tenant, ...(await benchCredential(database, tenant.id)) };
}
