// `npm run bench:analytics`: what keeping learning records costs at ingest, and how fast the
// dashboards answer at scale. Figures only: nothing here passes or fails.
//
// 1. Ingest with and without the learning projection, into a database holding next to
//    nothing: Moodle-shaped batches of 100 statements (actors and activities that resolve)
//    stored in-process, with the projection and with a no-op in its place, alternating
//    batch by batch.
// 2. The worked example ×10 (10 cohorts of 300 learners, 3,000 in all) loaded through the
//    public APIs, with extra Moodle page views and answered questions so the tenant holds
//    about BENCH_STATEMENTS statements (1,000,000 on PostgreSQL, 100,000 on PGlite); then
//    cohortDashboard and atRiskLearners timed over HTTP, p50 and p95; then the ingest of 1
//    again, into that tenant (the target is stated at this scale).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { mintDevelopmentToken } from '../src/auth/jwt.js';
import type { Role } from '../src/auth/roles.js';
import { rawRows } from '../src/db/rawRows.js';
import { loadWorkedExample, moodleSite } from '../src/demo/loadWorkedExample.js';
import { exampleLearners } from '../src/demo/workedExample.js';
import { storeStatements } from '../src/xapi/statements/storeStatements.js';
import { validateStatements } from '../src/xapi/statements/validateStatements.js';
import { authorityOf } from '../src/xapi/statements/authority.js';
import {
  benchCredential,
  benchJwtSecret,
  newBenchTenant,
  onPostgres,
  say,
  startBenchServer,
} from './benchServer.js';

const targetStatements = Number(process.env.BENCH_STATEMENTS ?? (onPostgres ? 1_000_000 : 100_000));
const cohorts = Number(process.env.BENCH_COHORTS ?? (onPostgres ? 10 : 1));
const learnersPerCohort = 300;
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const ingestBatches = Number(process.env.BENCH_INGEST_BATCHES ?? (onPostgres ? 300 : 150));

const { database, baseUrl, close } = await startBenchServer('analytics');

async function newTenant(name: string) {
  const { tenant, credential, basic } = await newBenchTenant(database, name);
  const token = (roles: Role[], subject: string) =>
    mintDevelopmentToken({
      secret: benchJwtSecret,
      subject,
      tenant: tenant.slug,
      roles,
      expiresIn: '2h',
    });
  return { tenant, credential, token, target: { baseUrl, token, xapiAuthorization: basic } };
}

/**
 * Ingest with and without the projection, into a tenant whose learners (by NIP) and Moodle
 * course are the worked example's, so every statement resolves to a person, an enrollment
 * and a module.
 */
async function measureIngest(
  label: string,
  tenant: { id: string },
  credential: { id: string; key: string; name: string },
  learners: { nip: string }[],
) {
  let n = 0;
  const batch = () =>
    Array.from({ length: 100 }, () => {
      n += 1;
      const learner = learners[n % learners.length]!;
      return {
        id: randomUUID(),
        actor: { account: { homePage: moodleSite, name: learner.nip } },
        verb: {
          id:
            n % 5 === 0
              ? 'http://adlnet.gov/expapi/verbs/completed'
              : 'http://id.tincanapi.com/verb/viewed',
        },
        object: {
          objectType: 'Activity',
          id: `${moodleSite}/mod/quiz/attempt.php?attempt=${n}&cmid=201`,
        },
        context: {
          contextActivities: {
            parent: [
              { id: `${moodleSite}/mod/quiz/view.php?id=201` },
              { id: `${moodleSite}/course/view.php?id=12` },
            ],
          },
        },
        ...(n % 5 === 0
          ? {
              result: {
                score: { raw: 70 + (n % 30), min: 0, max: 100 },
                success: true,
                completion: true,
                duration: 'PT5M',
              },
            }
          : {}),
        timestamp: new Date(Date.now() - (n % 86_400) * 1000).toISOString(),
      };
    });
  const authority = authorityOf({ ...credential, tenantId: tenant.id, scopes: ['all'] });
  // One batch at a time, alternating with and without the projection, so whatever drifts
  // (autovacuum, checkpoints, the table growing) weighs on both alike. Validation is left
  // out of the timing: it is the same work either way.
  const store = async (withProjection: boolean) => {
    const statements = batch();
    const valid = validateStatements(
      statements,
      '1.0.3',
      statements.map((_, i) => `statements[${i}]`),
    );
    const started = performance.now();
    await storeStatements(
      database.db,
      {
        tenantId: tenant.id,
        credentialId: credential.id,
        authority,
        version: '1.0.3',
        statements: valid,
      },
      ...(withProjection ? [] : [{ start: () => async () => {} }]),
    );
    return performance.now() - started;
  };
  for (let warmUp = 0; warmUp < 10; warmUp += 1) await store(warmUp % 2 === 0);
  const spent = { with: 0, without: 0 };
  for (let index = 0; index < ingestBatches; index += 1) {
    spent.with += await store(true);
    spent.without += await store(false);
  }
  const rate = (ms: number) => (ingestBatches * 100) / (ms / 1000);
  say(
    `ingest ${label}, ${ingestBatches} batches of 100 each way: ${rate(spent.with).toFixed(0)} statements/s ` +
      `with the learning projection, ${rate(spent.without).toFixed(0)} without: ` +
      `${((100 * spent.without) / spent.with).toFixed(0)}%`,
  );
}

// BENCH_TENANT=<slug>: only the ingest, into a tenant an earlier run loaded (no reload).
const reused = process.env.BENCH_TENANT;
if (reused !== undefined) {
  const [tenant] = await rawRows<{ id: string; learners: number }>(
    database.db,
    sql`select t.id, (select count(*)::int from enrollments e where e.tenant_id = t.id) as learners
          from tenants t where t.slug = ${reused}`,
  );
  if (tenant === undefined) throw new Error(`BENCH_TENANT: no tenant ${reused}`);
  const { credential } = await benchCredential(database, tenant.id);
  await measureIngest(
    `into tenant ${reused} (${tenant.learners} learners)`,
    tenant,
    credential,
    exampleLearners({ learners: learnersPerCohort, extraStatementsPerModule: 0 }),
  );
  await close();
  process.exit(0);
}

// 1. Ingest on a database holding next to nothing.
{
  const { tenant, credential, target } = await newTenant('ingest');
  await loadWorkedExample(target, { learners: 30, extraStatementsPerModule: 0 });
  await measureIngest(
    'into an empty database',
    tenant,
    credential,
    exampleLearners({ learners: 30, extraStatementsPerModule: 0 }),
  );
}

// 2. Dashboards at scale, then ingest again, into that tenant.
if (process.env.BENCH_SKIP_SCALE !== 'true') {
  const { tenant, credential, target, token } = await newTenant('dashboards');
  const perLearner = targetStatements / (cohorts * learnersPerCohort);
  // Each module a learner reaches gives 3 statements of its own, plus the extra ones.
  const extraStatementsPerModule = Math.max(0, Math.round((perLearner - 6) / 3.7 - 3));
  const started = performance.now();
  const loaded = await loadWorkedExample(
    {
      ...target,
      log: (line) => say(`  ${((performance.now() - started) / 1000).toFixed(0)} s  ${line}`),
    },
    { learners: learnersPerCohort, cohorts, extraStatementsPerModule },
  );
  const [row] = await rawRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from xapi_statements where tenant_id = ${tenant.id}`,
  );
  say(
    `loaded tenant ${tenant.slug}: ${loaded.learners} learners in ${cohorts} cohorts, ${loaded.statements} Moodle statements ` +
      `(${row?.n ?? '?'} statements in the database) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const facilitator = await token(['FACILITATOR'], 'widyaiswara-1');
  const time = async (name: string, query: (cohortId: string) => string) => {
    const latencies: number[] = [];
    for (let index = 0; index < requests; index += 1) {
      const cohortId = loaded.cohortIds[index % loaded.cohortIds.length]!;
      const begin = performance.now();
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: query(cohortId) }),
      });
      const body = (await response.json()) as { errors?: unknown };
      latencies.push(performance.now() - begin);
      if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    say(
      `${name.padEnd(52)} p50 ${at(0.5).padStart(6)} ms  p95 ${at(0.95).padStart(6)} ms  (${requests} requests over HTTP)`,
    );
  };
  await time(
    'cohortDashboard (300 learners, every figure)',
    (
      cohortId,
    ) => `{ cohortDashboard(cohortId: "${cohortId}") { enrolled byStatus { status count } attendanceRate atRisk
      forumPosts forumReplies learnersInForums sessionsHeld checkInsHeld checkInsPlanned actionPlanStepsDone actionPlanSteps
      modules { module { title } started completed completionRate medianScaledScore scoreBands averageTimeSpentSeconds } } }`,
  );
  await time(
    'atRiskLearners (first 50, with people and modules)',
    (
      cohortId,
    ) => `{ atRiskLearners(cohortId: "${cohortId}", first: 50) { nodes { person { name nip }
      reasons { kind daysInactive lowestScaledScore modules { title } } } pageInfo { hasNextPage } } }`,
  );
  await measureIngest(
    `into a tenant of ${row?.n ?? '?'} statements and ${loaded.learners} learners`,
    tenant,
    credential,
    exampleLearners({ learners: learnersPerCohort, extraStatementsPerModule: 0 }),
  );
}

await close();
