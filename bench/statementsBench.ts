// Statement figures for `npm run bench`: HTTP ingest of Moodle-sized batches, then the
// xAPI queries over a tenant grown to BENCH_STATEMENTS statements (bulk-loaded by SQL,
// with the same link rows the LRS writes), so each filter is timed at scale.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { rawRows } from '../src/db/rawRows.js';

export type Measure = (
  name: string,
  request: () => Promise<Response>,
  expectStatus: number,
) => Promise<void>;

const site = 'https://lms.bpsdm.example.go.id';
const verbIris = [
  'http://adlnet.gov/expapi/verbs/completed',
  'http://id.tincanapi.com/verb/viewed',
  'http://adlnet.gov/expapi/verbs/answered',
  'http://adlnet.gov/expapi/verbs/attempted',
  'https://w3id.org/xapi/tla/verbs/scored',
];

/** Roughly the 1.3 KB of a Moodle quiz statement: actor, verb, object, context, result. */
function moodleStatement(learner: number, module: number) {
  return {
    actor: {
      name: `ASN ${learner}`,
      account: { homePage: site, name: String(198000000000000000 + learner) },
    },
    verb: { id: verbIris[module % verbIris.length], display: { en: 'completed' } },
    object: {
      id: `${site}/mod/quiz/view.php?id=${module}`,
      objectType: 'Activity',
      definition: {
        name: { en: `Kuis modul ${module}` },
        type: 'http://adlnet.gov/expapi/activities/assessment',
      },
    },
    context: {
      registration: randomUUID(),
      platform: 'Moodle',
      language: 'id',
      contextActivities: {
        parent: [{ id: `${site}/course/view.php?id=${module % 20}`, objectType: 'Activity' }],
        category: [
          {
            id: site,
            objectType: 'Activity',
            definition: { type: 'http://id.tincanapi.com/activitytype/lms' },
          },
        ],
      },
      extensions: {
        'http://lrs.learninglocker.net/define/extensions/info': {
          'https://moodle.org/': '4.3',
          event_name: '\\mod_quiz\\event\\attempt_submitted',
        },
      },
    },
    result: {
      score: { raw: 80, min: 0, max: 100, scaled: 0.8 },
      completion: true,
      success: true,
      duration: 'PT12M30S',
    },
    timestamp: new Date().toISOString(),
  };
}

export async function benchStatements(
  base: string,
  basic: string,
  database: Database,
  tenantId: string,
  measure: Measure,
) {
  const headers = {
    authorization: basic,
    'x-experience-api-version': '1.0.3',
    'content-type': 'application/json',
  };
  const batchSize = 100;
  let learner = 0;
  const post = (size: number) =>
    fetch(`${base}/xapi/statements`, {
      method: 'POST',
      headers,
      body: JSON.stringify(
        Array.from({ length: size }, () => moodleStatement((learner += 1) % 5000, learner % 300)),
      ),
    });

  const before = await countStatements(database, tenantId);
  const started = performance.now();
  await measure(`POST /statements, batches of ${batchSize}`, () => post(batchSize), 200);
  const ingested = (await countStatements(database, tenantId)) - before;
  const rate = ingested / ((performance.now() - started) / 1000);
  console.log(`  → ${rate.toFixed(0)} statements/s stored over HTTP (${ingested} statements)`);
  await measure('POST /statements, one statement (Moodle pace)', () => post(1), 200);

  const target = Number(
    process.env.BENCH_STATEMENTS ?? (database.kind === 'postgres' ? 1_000_000 : 100_000),
  );
  const loadStarted = performance.now();
  const current = await countStatements(database, tenantId);
  if (current < target) await bulkLoad(database, tenantId, target - current);
  console.log(
    `\nqueries over ${target.toLocaleString('en')} statements of one tenant (bulk load ${((performance.now() - loadStarted) / 1000).toFixed(0)} s)`,
  );

  const get = (query: string) =>
    fetch(`${base}/xapi/statements?${query}`, {
      headers: { authorization: basic, 'x-experience-api-version': '2.0.0' },
    });
  const agent = encodeURIComponent(
    JSON.stringify({ account: { homePage: site, name: String(198000000000000000 + 1234) } }),
  );
  const activity = encodeURIComponent(`${site}/mod/quiz/view.php?id=42`);
  const parent = encodeURIComponent(`${site}/course/view.php?id=2`);
  const verb = encodeURIComponent(verbIris[2]!);
  const [registration] = await rawRows<{ registration: string }>(
    database.db,
    sql`select registration from xapi_statements where tenant_id = ${tenantId} and registration is not null order by seq desc limit 1 offset 1000`,
  );
  await measure('GET latest 100, no filter', () => get('limit=100'), 200);
  await measure('GET agent, latest 100', () => get(`agent=${agent}&limit=100`), 200);
  await measure(
    'GET agent + verb, latest 100',
    () => get(`agent=${agent}&verb=${verb}&limit=100`),
    200,
  );
  await measure(
    'GET activity + verb, latest 100',
    () => get(`activity=${activity}&verb=${verb}&limit=100`),
    200,
  );
  await measure(
    'GET related_activities (course), latest 100',
    () => get(`activity=${parent}&related_activities=true&limit=100`),
    200,
  );
  await measure('GET verb, latest 100', () => get(`verb=${verb}&limit=100`), 200);
  await measure('GET registration', () => get(`registration=${registration!.registration}`), 200);
  const since = new Date(Date.now() - 3_600_000).toISOString();
  await measure('GET agent since an hour ago', () => get(`agent=${agent}&since=${since}`), 200);

  // A deep page: follow `more` 50 pages down once, then time that page.
  let more = `/xapi/statements?verb=${verb}&limit=100`;
  for (let page = 0; page < 50; page += 1) {
    const body = (await (
      await fetch(`${base}${more}`, {
        headers: { authorization: basic, 'x-experience-api-version': '2.0.0' },
      })
    ).json()) as { more: string };
    if (body.more === '') break;
    more = body.more;
  }
  await measure(
    'GET page 50 of a verb query (keyset)',
    () =>
      fetch(`${base}${more}`, {
        headers: { authorization: basic, 'x-experience-api-version': '2.0.0' },
      }),
    200,
  );
}

async function countStatements(database: Database, tenantId: string): Promise<number> {
  const [row] = await rawRows<{ n: string }>(
    database.db,
    sql`select count(*) as n from xapi_statements where tenant_id = ${tenantId}`,
  );
  return Number(row!.n);
}

/**
 * Grows the tenant by `count` statements in SQL (the rows the LRS would write for 5,000
 * learners, 300 quizzes in 20 courses, 5 verbs), in chunks, stored over the past day.
 */
export async function bulkLoad(database: Database, tenantId: string, count: number) {
  const [credential] = await rawRows<{ id: string }>(
    database.db,
    sql`select id from xapi_credentials where tenant_id = ${tenantId} limit 1`,
  );
  const chunk = 50_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`
        create temporary table bench_new on commit drop as
        select g, (g % 5000) as learner, (g % 300) as module, gen_random_uuid() as id,
               gen_random_uuid() as registration,
               now() - interval '1 day' + (${done}::int + g) * interval '1 microsecond' as stored
        from generate_series(1, ${n}::int) g`);
      await tx.execute(sql`
        insert into xapi_statements (tenant_id, id, payload, verb_iri, registration, stored, credential_id)
        select ${tenantId}::uuid, id,
          json_build_object(
            'id', id,
            'actor', json_build_object('account', json_build_object('homePage', ${site}::text, 'name', (198000000000000000 + learner)::text)),
            'verb', json_build_object('id', (string_to_array(${verbIris.join(' ')}::text, ' '))[1 + module % 5]),
            'object', json_build_object('id', ${site}::text || '/mod/quiz/view.php?id=' || module),
            'context', json_build_object('registration', registration,
              'contextActivities', json_build_object('parent', json_build_array(json_build_object('id', ${site}::text || '/course/view.php?id=' || (module % 20))))),
            'stored', to_char(stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
          (string_to_array(${verbIris.join(' ')}::text, ' '))[1 + module % 5], registration, stored, ${credential!.id}::uuid
        from bench_new order by g`);
      await tx.execute(sql`
        insert into xapi_statement_agents (tenant_id, agent_key, seq, verb_iri, direct, roles)
        select s.tenant_id, 'account:' || json_build_array(${site}::text, s.payload->'actor'->'account'->>'name')::text,
               s.seq, s.verb_iri, true, array['actor']
        from xapi_statements s join bench_new b on s.tenant_id = ${tenantId}::uuid and s.id = b.id`);
      await tx.execute(sql`
        insert into xapi_statement_activities (tenant_id, activity_iri, seq, verb_iri, direct, roles)
        select s.tenant_id, s.payload->'object'->>'id', s.seq, s.verb_iri, true, array['object']
        from xapi_statements s join bench_new b on s.tenant_id = ${tenantId}::uuid and s.id = b.id
        union all
        select s.tenant_id, s.payload->'context'->'contextActivities'->'parent'->0->>'id', s.seq, s.verb_iri, false, array['parent']
        from xapi_statements s join bench_new b on s.tenant_id = ${tenantId}::uuid and s.id = b.id`);
    });
  }
  // What storeStatements keeps as it stores: the tenant's newest sequence and time.
  await database.db.execute(sql`
    insert into xapi_statement_clocks (tenant_id, last_seq, last_stored)
    select tenant_id, max(seq), max(stored) from xapi_statements
    where tenant_id = ${tenantId} group by tenant_id
    on conflict (tenant_id) do update
      set last_seq = greatest(xapi_statement_clocks.last_seq, excluded.last_seq),
          last_stored = greatest(xapi_statement_clocks.last_stored, excluded.last_stored)`);
  // Vacuumed as well as analyzed, as the tables of an LRS that grew over months would be:
  // otherwise autovacuum takes the rows just grown in hand during the figures that follow,
  // on a machine with two cores.
  await database.db.execute(sql`vacuum (analyze)`);
}
