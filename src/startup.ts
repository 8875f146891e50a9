// Bringing a database to a servable state, shared by the server, the CLI and the tests:
// wait until it answers, apply migrations under a lock, then the credential bootstrap.
import type { Config } from './config.js';
import { openDatabase, waitForDatabase, type Database, type QueryObserver } from './db/client.js';
import { applyMigrations } from './db/migrate.js';
import {
  bootstrapCredentials,
  type BootstrapOutcome,
} from './domain/credentials/bootstrapCredentials.js';
import type { Logger } from './lib/logger.js';

export async function openReadyDatabase(
  config: Pick<Config, 'database' | 'databaseWaitSeconds'>,
  logger: Logger,
  observer?: QueryObserver,
): Promise<Database> {
  const database = await openDatabase(config.database, logger, observer);
  try {
    await waitForDatabase(database, config.databaseWaitSeconds, logger);
    const migrations = await applyMigrations(database.db);
    logger.info({ ...migrations, location: database.location }, 'database migrations checked');
    return database;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** Runs the bootstrap and logs what it did; a generated credential is shown this once. */
export async function bootstrap(
  database: Database,
  config: Pick<Config, 'bootstrapCredential'>,
  logger: Logger,
): Promise<BootstrapOutcome> {
  const outcome = await bootstrapCredentials(database.db, config.bootstrapCredential);
  if (outcome.configured === 'created') {
    logger.info(
      { key: config.bootstrapCredential?.key },
      'bootstrap credential created (scope all)',
    );
  }
  if (outcome.generated !== undefined) {
    const { key, secret, tenantSlug } = outcome.generated;
    // The one place a secret is written out: an operator needs it to connect an LMS, and it
    // cannot be recovered later. The field names avoid the logger's redaction on purpose.
    logger.warn(
      {
        firstStartCredential: {
          tenant: tenantSlug,
          scopes: ['all'],
          xapiKey: key,
          xapiSecret: secret,
        },
      },
      '*** FIRST START: xAPI credential created; store the secret now, it is not shown again ***',
    );
  }
  return outcome;
}
