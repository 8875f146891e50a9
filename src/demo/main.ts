// `npm run demo`: starts Jejak on a fresh embedded database (./data-demo, recreated on every
// run; or a new tenant of the PostgreSQL server in DATABASE_URL), loads the worked example
// through the public APIs, prints a token and queries to try, and keeps serving.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAppServices } from '../appServices.js';
import { mintDevelopmentToken } from '../auth/jwt.js';
import { startBackgroundWork } from '../background/backgroundWork.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createCredential } from '../domain/credentials/createCredential.js';
import { createCredentialRepository } from '../domain/credentials/credentialRepository.js';
import { createTenantDirectory } from '../domain/tenants/tenantDirectory.js';
import { buildApp } from '../http/buildApp.js';
import { createLogger } from '../lib/logger.js';
import { openReadyDatabase } from '../startup.js';
import { loadWorkedExample } from './loadWorkedExample.js';
import { exampleSizes } from './workedExample.js';

const started = Date.now();
const jwtSecret = process.env.JEJAK_JWT_SECRET ?? randomBytes(32).toString('hex');
let config: Config;
try {
  const environment = loadConfig({
    LOG_LEVEL: 'warn',
    JEJAK_DATA_DIR: './data-demo',
    JEJAK_WEBHOOK_KEY: randomBytes(32).toString('hex'),
    ...process.env,
    JEJAK_JWT_SECRET: jwtSecret,
  });
  config = environment;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`jejak demo: configuration error: ${error.message}\n`);
  process.exit(2);
}
if (config.database.kind === 'pglite' && config.database.dataDir !== 'memory://') {
  // The demo's own folder: a fresh database on every run.
  rmSync(path.resolve(config.database.dataDir), { recursive: true, force: true });
}

const logger = createLogger(config.logLevel);
const database = await openReadyDatabase(config, logger);
const slug = `bpsdm-provinsi-a-${Date.now().toString(36)}`;
const tenant = await createTenantDirectory(database.db).create({ slug, name: 'BPSDM Provinsi A' });
const { credential, secret } = await createCredential(
  createCredentialRepository(database.db, tenant.id),
  { name: 'Moodle BPSDM Provinsi A', scopes: ['all'] },
);
const services = createAppServices(config, database, logger);
const app = await buildApp(services);
await app.listen({ port: config.port, host: config.host });
const { port } = app.server.address() as AddressInfo;
const baseUrl = `http://${config.host}:${port}`;
const background = startBackgroundWork(services);

const token = (roles: Parameters<typeof mintDevelopmentToken>[0]['roles'], subject: string) =>
  mintDevelopmentToken({ secret: jwtSecret, subject, tenant: slug, roles, expiresIn: '7d' });

const adminToken = await token(['ADMIN'], 'demo-admin');
const facilitatorToken = await token(['FACILITATOR'], 'widyaiswara-1');

/** Printed as soon as the cohort exists: the dashboard fills up while the rest loads. */
function printHowToLook({ programId, cohortId }: { programId: string; cohortId: string }) {
  const query = `{ cohortDashboard(cohortId: "${cohortId}") { enrolled attendanceRate atRisk
    modules { module { title } completionRate medianScaledScore }
    checkInsHeld checkInsPlanned actionPlanStepsDone actionPlanSteps }
  atRiskLearners(cohortId: "${cohortId}", first: 5) { nodes { person { name } reasons { kind daysInactive modules { title } } } }
  evaluation(programId: "${programId}") { learning { averageGain } behaviour { averageRating } results { name change improved } } }`;
  process.stdout.write(`
Jejak is serving on ${baseUrl}; cohort ${cohortId} exists, and its dashboard fills up
as the rest of the example loads (Moodle's statements first, then the bootcamp, coaching and
action plans).

A facilitator's token (widyaiswara-1, 7 days):
  ${facilitatorToken}
An admin's token:
  ${adminToken}
The LRS, as Moodle uses it: ${baseUrl}/xapi  key ${credential.key}  secret ${secret}

Try the dashboard:
  curl -s ${baseUrl}/graphql -H "authorization: Bearer ${facilitatorToken.slice(0, 12)}…" \\
    -H 'content-type: application/json' -d '{"query": "<the query below>"}'

${query}

`);
}

process.stdout.write(`Loading the worked example into ${database.location} (tenant ${slug})…\n`);
const loaded = await loadWorkedExample(
  {
    baseUrl,
    token,
    xapiAuthorization: `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`,
    log: (line) =>
      process.stdout.write(`  ${((Date.now() - started) / 1000).toFixed(1)} s  ${line}\n`),
    onFirstCohort: printHowToLook,
  },
  { ...exampleSizes.demo, learners: demoLearners() },
);
process.stdout.write(`
Loaded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${loaded.learners} learners, ${loaded.statements} Moodle statements, and the
bootcamp, coaching and action plans of cohort ${loaded.cohortId}. Stop with Ctrl-C.
`);

/** JEJAK_DEMO_LEARNERS: a smaller (or larger) cohort than the worked example's 300. */
function demoLearners(): number {
  const value = process.env.JEJAK_DEMO_LEARNERS;
  if (value === undefined) return exampleSizes.demo.learners;
  if (!/^\d+$/.test(value) || Number(value) < 10 || Number(value) > 10_000) {
    process.stderr.write(
      'jejak demo: JEJAK_DEMO_LEARNERS must be a whole number from 10 to 10000\n',
    );
    process.exit(2);
  }
  return Number(value);
}

async function stop() {
  await app.close();
  await background.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (process.env.JEJAK_DEMO_EXIT === 'true') await stop();
