// `jejak migrate`: applies pending migrations and exits (the server also does it at start).
import { UsageError, withDatabase, type CliOutput } from './cliContext.js';
import { migrationStatus } from '../db/migrate.js';

export const migrateUsage = `
  migrate`;

export async function migrateCommand(args: string[], output: CliOutput): Promise<void> {
  if (args.length > 0) throw new UsageError('migrate takes no arguments');
  await withDatabase(async (database) => {
    const status = await migrationStatus(database.db);
    output.out(`${database.location}: ${status.applied} of ${status.expected} migrations applied`);
  });
}
