// Jejak's entry point: configuration → database → HTTP server, and an orderly shutdown.
import { createAppServices } from './appServices.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildApp } from './http/buildApp.js';
import { createLogger } from './lib/logger.js';
import { jejakVersion } from './lib/version.js';
import { startBackgroundWork } from './background/backgroundWork.js';
import { bootstrap, openReadyDatabase } from './startup.js';

const shutdownDeadlineMs = 10_000;

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`jejak: configuration error: ${error.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled promise rejection');
  process.exit(1);
});

let database;
try {
  database = await openReadyDatabase(config, logger);
  await bootstrap(database, config, logger);
} catch (error) {
  logger.fatal({ err: error }, 'cannot start: the database is not usable');
  process.exit(1);
}

const services = createAppServices(config, database, logger);
if (!services.tokenVerifier.configured) {
  logger.warn('no JEJAK_JWT_SECRET or JEJAK_JWT_JWKS_URL: GraphQL accepts no tokens');
}
const app = await buildApp(services);
const address = await app.listen({ port: config.port, host: config.host });
logger.info({ address, version: jejakVersion, database: database.location }, 'jejak listening');
const background = startBackgroundWork(services);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  services.lifecycle.shuttingDown = true;
  const deadline = setTimeout(() => {
    logger.error('shutdown took longer than 10 s; exiting anyway');
    process.exit(1);
  }, shutdownDeadlineMs);
  deadline.unref();
  try {
    await app.close();
    await background.stop();
    await database!.close();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
    process.exit(1);
  }
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
