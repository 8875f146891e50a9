// Cluster-wide mutual exclusion for work that several instances may start at once
// (migrations, the first-start bootstrap): a transaction-scoped PostgreSQL advisory lock,
// released by COMMIT or ROLLBACK, so a crashed holder never leaves it behind.
import { sql } from 'drizzle-orm';
import type { JejakDb } from './client.js';
import { prepared } from './preparedStatements.js';

export const advisoryLockKeys = {
  migrations: 7_401_001,
  bootstrap: 7_401_002,
  /** With the tenant id's hash as second key: one writer of statements per tenant. */
  statementWrites: 7_401_003,
} as const;

export type JejakTransaction = Parameters<Parameters<JejakDb['transaction']>[0]>[0];

/**
 * The tenant's statement write lock: statements are stored, and the learning records kept
 * from them changed, one transaction at a time per tenant. Held until the transaction ends.
 */
export async function lockTenantStatementWrites(
  tx: JejakTransaction,
  tenantId: string,
): Promise<void> {
  await tx.execute(
    prepared(
      sql`select pg_advisory_xact_lock(${advisoryLockKeys.statementWrites}, hashtext(${tenantId}))`,
    ),
  );
}

export function inTransactionWithAdvisoryLock<T>(
  db: JejakDb,
  key: number,
  work: (tx: JejakTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
    return work(tx);
  });
}
