// Migrations on an empty database, re-runs, and instances starting together.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations, migrationStatus } from '../src/db/migrate.js';
import { rawRows } from '../src/db/rawRows.js';
import { createLogger } from '../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from './support/testDatabase.js';

const logger = createLogger('silent');
const opened: Database[] = [];
const created: TestDatabase[] = [];

async function emptyDatabase(): Promise<TestDatabase> {
  const testDatabase = await createTestDatabase();
  created.push(testDatabase);
  return testDatabase;
}

async function open(testDatabase: TestDatabase): Promise<Database> {
  const database = await openDatabase(testDatabase.config, logger);
  opened.push(database);
  return database;
}

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const testDatabase of created.splice(0)) await testDatabase.destroy();
});

async function publicTables(database: Database): Promise<string[]> {
  const rows = await rawRows<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrations', () => {
  it('build the schema on an empty database, and a second run changes nothing', async () => {
    const database = await open(await emptyDatabase());
    expect(await publicTables(database)).toEqual([]);

    const first = await applyMigrations(database.db);
    expect(first.applied).toBe(first.total);
    expect(first.total).toBeGreaterThan(0);
    expect(await publicTables(database)).toEqual(
      expect.arrayContaining(['tenants', 'xapi_credentials']),
    );
    expect(await migrationStatus(database.db)).toEqual({
      current: true,
      applied: first.total,
      expected: first.total,
    });

    const second = await applyMigrations(database.db);
    expect(second.applied).toBe(0);
    const [{ n }] = (await rawRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as [{ n: number }];
    expect(n).toBe(first.total);
  });

  it('apply each migration once when instances start together', async () => {
    const testDatabase = await emptyDatabase();
    // Separate connection pools act as separate instances (PGlite has one connection per
    // database, so there the calls share it).
    const instances =
      testDatabase.config.kind === 'postgres'
        ? await Promise.all([open(testDatabase), open(testDatabase), open(testDatabase)])
        : await open(testDatabase).then((database) => [database, database, database]);
    const reports = await Promise.all(instances.map((database) => applyMigrations(database.db)));
    const total = reports[0]!.total;
    expect(reports.map((report) => report.applied).sort()).toEqual([0, 0, total]);
    const [{ n }] = (await rawRows<{ n: number }>(
      instances[0]!.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as [{ n: number }];
    expect(n).toBe(total);
  });

  it('report a database without migrations as not current', async () => {
    const database = await open(await emptyDatabase());
    await expect(migrationStatus(database.db)).rejects.toThrow();
    await database.db.execute(sql`create schema drizzle`);
    await database.db.execute(
      sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    expect(await migrationStatus(database.db)).toMatchObject({ current: false, applied: 0 });
  });
});
