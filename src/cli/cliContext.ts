// What every CLI command shares: configuration from the same environment as the server,
// a logger on stderr (stdout carries the command's results), the database, and the tenant.
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createTenantDirectory, type Tenant } from '../domain/tenants/tenantDirectory.js';
import type { Page } from '../lib/cursor.js';
import { NotFoundError } from '../lib/errors.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { openReadyDatabase } from '../startup.js';

export class UsageError extends Error {}

export interface CliOutput {
  out(line: string): void;
}

export const stdoutOutput: CliOutput = { out: (line) => process.stdout.write(`${line}\n`) };

export function cliConfig(): { config: Config; logger: Logger } {
  const config = loadConfig();
  // Quiet by default: a CLI user wants the result, not the migration log.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
  return { config, logger };
}

/** Opens the database (applying migrations, so a first CLI run works on an empty one). */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const { config, logger } = cliConfig();
  const database = await openReadyDatabase(config, logger);
  try {
    await createTenantDirectory(database.db).ensureDefault();
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function requireTenant(database: Database, idOrSlug: string): Promise<Tenant> {
  const tenant = await createTenantDirectory(database.db).find(idOrSlug);
  if (tenant === undefined) {
    throw new NotFoundError(`no tenant "${idOrSlug}" (see: npm run jejak -- tenants list)`);
  }
  return tenant;
}

/** Left-aligned columns for terminal tables. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Every item of a keyset-paginated list, page after page (for commands that print all). */
export async function allPages<T>(
  list: (page: { after?: string; limit: number }) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await list({ after, limit: 200 });
    items.push(...page.items);
    after = page.nextCursor;
  } while (after !== undefined);
  return items;
}
