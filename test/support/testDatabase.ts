// A database of its own for each test file: an in-memory PGlite, or, when DATABASE_URL is
// set, a fresh database created on that PostgreSQL server and dropped afterwards.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseConfig } from '../../src/config.js';
import { inMemoryDataDir } from '../../src/db/client.js';

export interface TestDatabase {
  config: DatabaseConfig;
  /** Makes the database unreachable for anyone still connected (readiness tests). */
  destroy(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL?.trim() || undefined;
export const databaseKind = serverUrl === undefined ? 'pglite' : 'postgres';

export async function createTestDatabase(): Promise<TestDatabase> {
  if (serverUrl === undefined) {
    return { config: { kind: 'pglite', dataDir: inMemoryDataDir }, destroy: async () => {} };
  }
  const name = `jejak_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    config: { kind: 'postgres', url: url.toString(), poolSize: 5 },
    destroy: async () => {
      if (dropped) return;
      dropped = true;
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}
