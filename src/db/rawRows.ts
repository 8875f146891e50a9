// Rows of a raw SQL query on either driver: postgres.js returns an array, PGlite an object
// with `rows`. For the few queries drizzle's builder cannot express.
import type { SQL } from 'drizzle-orm';
import type { JejakDb } from './client.js';

export async function rawRows<T>(db: JejakDb, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
