// Applies the drizzle-kit migrations in migrations/ at start, in one transaction under an
// advisory lock, so instances starting together apply each migration exactly once. The
// bookkeeping table is drizzle's own, so `drizzle-kit migrate` agrees with what ran here.
import { fileURLToPath } from 'node:url';
import { desc, sql } from 'drizzle-orm';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { JejakDb } from './client.js';
import { advisoryLockKeys, inTransactionWithAdvisoryLock } from './advisoryLock.js';

/** Resolves to the project's migrations/ from both src/db (tsx) and dist/db (built). */
export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

const drizzleSchema = pgSchema('drizzle');
const appliedMigrations = drizzleSchema.table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

let cachedMigrations: MigrationMeta[] | undefined;

function bundledMigrations(): MigrationMeta[] {
  cachedMigrations ??= readMigrationFiles({ migrationsFolder });
  return cachedMigrations;
}

export interface MigrationReport {
  /** Migrations this call applied (0 when the database was already current). */
  applied: number;
  total: number;
}

export async function applyMigrations(db: JejakDb): Promise<MigrationReport> {
  const migrations = bundledMigrations();
  return inTransactionWithAdvisoryLock(db, advisoryLockKeys.migrations, async (tx) => {
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key,
        hash text not null,
        created_at bigint
      )`);
    const [latest] = await tx
      .select({ createdAt: appliedMigrations.createdAt })
      .from(appliedMigrations)
      .orderBy(desc(appliedMigrations.createdAt))
      .limit(1);
    const pending = migrations.filter((m) => (latest?.createdAt ?? -1) < m.folderMillis);
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(sql.raw(statement));
      }
      await tx
        .insert(appliedMigrations)
        .values({ hash: migration.hash, createdAt: migration.folderMillis });
    }
    return { applied: pending.length, total: migrations.length };
  });
}

export interface MigrationStatus {
  current: boolean;
  applied: number;
  expected: number;
}

/** Whether every migration this build ships has been applied (for /readyz). */
export async function migrationStatus(db: JejakDb): Promise<MigrationStatus> {
  const expected = bundledMigrations();
  const rows = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(appliedMigrations)
    .where(sql`${appliedMigrations.createdAt} <= ${expected.at(-1)?.folderMillis ?? 0}`);
  const applied = rows[0]?.count ?? 0;
  return { current: applied >= expected.length, applied, expected: expected.length };
}
