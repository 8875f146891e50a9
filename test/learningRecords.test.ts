// Statements from Moodle become learning records: resolved to people, enrollments, modules
// and assessments, folded into progress and counters as they are stored, never twice when
// Moodle re-sends a batch, corrected when a statement is voided, and claimed by a person
// once an admin gives them the identity of an actor nobody had.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { agentKey } from '../src/xapi/statements/agentKey.js';
import { dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { moodle, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient, type XapiClient } from './support/xapiClient.js';

const quizUrl = `${moodle}/mod/quiz/view.php?id=7`;
const pageUrl = `${moodle}/mod/page/view.php?id=1`;
const courseUrl = `${moodle}/course/view.php?id=2`;

/** A statement as Moodle's logstore_xapi sends it: no id, a timestamp, context activities. */
function moodleStatement(
  nip: string,
  verb: string,
  objectId: string,
  at: string,
  extra: { parents?: string[]; result?: Record<string, unknown> } = {},
) {
  return {
    actor: { name: `ASN ${nip}`, account: { homePage: moodle, name: nip } },
    verb: { id: verb, display: { en: verb.split('/').pop() } },
    object: { id: objectId, objectType: 'Activity' },
    context: {
      platform: 'Moodle',
      contextActivities: {
        parent: [...(extra.parents ?? []), courseUrl].map((id) => ({ id, objectType: 'Activity' })),
        category: [{ id: moodle, objectType: 'Activity' }],
      },
    },
    ...(extra.result ? { result: extra.result } : {}),
    timestamp: at,
  };
}

const verb = {
  viewed: 'http://id.tincanapi.com/verb/viewed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  replied: 'http://id.tincanapi.com/verb/replied',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};

interface ProgressRow {
  status: string;
  startedAt: string | null;
  completedAt: string | null;
  success: boolean | null;
  bestScaledScore: number | null;
  timeSpentSeconds: number;
}

describe('learning records from statements', () => {
  let t: TestApp;
  let s: Setup;
  let lrs: XapiClient;
  let nips: string[];
  let ids: string[];
  const progress = async () => {
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const answer = await facilitator(
      `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { person { name }
        status percentComplete currentPhase
        moduleProgress { status startedAt completedAt success bestScaledScore timeSpentSeconds }
        activity { statements forumPosts forumReplies timeSpentSeconds lastActivityAt } } } } }`,
      { c: s.cohortId },
    );
    return dataOf(answer).cohort.enrollments.nodes as {
      person: { name: string };
      status: string;
      percentComplete: number;
      currentPhase: string | null;
      moduleProgress: ProgressRow[];
      activity: Record<string, unknown>;
    }[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = await setup(t, 2);
    const people = dataOf(
      await s.admin(
        `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { person { nip } } } } }`,
        {
          c: s.cohortId,
        },
      ),
    ).cohort.enrollments.nodes as { person: { nip: string } }[];
    nips = people.map((node) => node.person.nip);
    const modules = dataOf(
      await s.admin(`query ($p: ID!) { program(id: $p) { modules { id } } }`, { p: s.programId }),
    ).program.modules as { id: string }[];
    dataOf(
      await s.admin(
        `mutation ($p: ID!, $iris: [String!]) { updateProgram(input: { id: $p, activityIris: $iris }) { id } }`,
        { p: s.programId, iris: [courseUrl] },
      ),
    );
    dataOf(
      await s.admin(
        `mutation ($m: ID!, $iris: [String!]) { createAssessment(input: { moduleId: $m, kind: FORMATIVE_QUIZ,
           title: "Kuis anggaran", maxScore: 100, passingScore: 70, activityIris: $iris }) { id } }`,
        { m: modules[0]!.id, iris: [quizUrl] },
      ),
    );
    lrs = await xapiClient(t, { tenant: s.tenant, version: '1.0.3' });
    const [a, b] = nips as [string, string];
    const attempt = (n: number) => `${moodle}/mod/quiz/attempt.php?attempt=${n}&cmid=7`;
    const batch = [
      moodleStatement(a, verb.viewed, pageUrl, '2026-01-06T01:00:00.000Z'),
      moodleStatement(a, verb.completed, attempt(1), '2026-01-07T02:00:00.000Z', {
        parents: [quizUrl],
        // Moodle's scaled is not always right: raw within min..max is what counts.
        result: {
          score: { raw: 60, min: 0, max: 100, scaled: 0 },
          success: false,
          completion: true,
          duration: 'PT10M',
        },
      }),
      moodleStatement(a, verb.completed, attempt(2), '2026-01-08T02:00:00.000Z', {
        parents: [quizUrl],
        result: {
          score: { raw: 85, min: 0, max: 100, scaled: 0 },
          success: true,
          completion: true,
          duration: 'PT5M',
        },
      }),
      // One question answered right is not a passed quiz.
      moodleStatement(
        a,
        verb.answered,
        `${moodle}/mod/quiz/review.php?attempt=1&slot=1`,
        '2026-01-07T01:59:00.000Z',
        {
          parents: [attempt(1), quizUrl],
          result: { success: true, completion: true, response: 'b' },
        },
      ),
      moodleStatement(a, verb.completed, pageUrl, '2026-01-09T03:00:00.000Z'),
      moodleStatement(
        a,
        verb.replied,
        `${moodle}/mod/forum/discuss.php?d=3`,
        '2026-01-10T04:00:00.000Z',
      ),
      moodleStatement(b, verb.viewed, pageUrl, '2026-01-06T03:00:00.000Z'),
      moodleStatement('199912312020121999', verb.viewed, pageUrl, '2026-01-06T05:00:00.000Z'),
    ];
    const stored = await lrs.post(batch).expect(200);
    ids = stored.body as string[];
    // Moodle re-sends a batch it thinks failed: the same ids, and nothing counted twice.
    const again = await lrs.post(batch).expect(200);
    expect(again.body).toEqual(ids);
  });
  afterAll(async () => t?.close());

  it('folds Moodle statements into module progress and activity counts, once', async () => {
    const [first, second] = await progress();
    expect(first!.moduleProgress[0]).toEqual({
      status: 'COMPLETED',
      startedAt: '2026-01-06T01:00:00.000Z',
      completedAt: '2026-01-09T03:00:00.000Z',
      success: true,
      bestScaledScore: 0.85,
      timeSpentSeconds: 900,
    });
    expect(first!.moduleProgress.slice(1).map((row) => row.status)).toEqual([
      'NOT_STARTED',
      'NOT_STARTED',
    ]);
    // One module of three done: the learner is in the face-to-face phase.
    expect(first).toMatchObject({
      status: 'ACTIVE',
      percentComplete: 33.3,
      currentPhase: 'FACE_TO_FACE',
    });
    expect(second).toMatchObject({ percentComplete: 0, currentPhase: 'ONLINE_SELF_PACED' });
    expect(first!.activity).toEqual({
      statements: 6,
      forumPosts: 0,
      forumReplies: 1,
      timeSpentSeconds: 900,
      lastActivityAt: '2026-01-10T04:00:00.000Z',
    });
    expect(second!.moduleProgress[0]).toEqual({
      status: 'IN_PROGRESS',
      startedAt: '2026-01-06T03:00:00.000Z',
      completedAt: null,
      success: null,
      bestScaledScore: null,
      timeSpentSeconds: 0,
    });
    expect(second!.activity).toMatchObject({ statements: 1, forumReplies: 0 });
  });

  it('corrects progress and counts when a statement is voided', async () => {
    await lrs
      .post([
        {
          actor: { account: { homePage: moodle, name: 'admin' } },
          verb: { id: verb.voided, display: { en: 'voided' } },
          object: { objectType: 'StatementRef', id: ids[2] },
        },
      ])
      .expect(200);
    const [first] = await progress();
    expect(first!.moduleProgress[0]).toMatchObject({
      status: 'COMPLETED',
      success: false,
      bestScaledScore: 0.6,
      timeSpentSeconds: 600,
    });
    expect(first!.activity).toMatchObject({ statements: 5, timeSpentSeconds: 600 });
  });

  it('lists the actor nobody has, and gives their statements to the person who gets the identity', async () => {
    const unknown = `{ unknownActors { nodes { kind homePage name statements lastSeenAt } } }`;
    expect(dataOf(await s.admin(unknown)).unknownActors.nodes).toEqual([
      {
        kind: 'account',
        homePage: moodle,
        name: '199912312020121999',
        statements: 1,
        lastSeenAt: '2026-01-06T05:00:00.000Z',
      },
    ]);
    const created = dataOf(
      await s.admin(
        `mutation ($nip: String!) { createPerson(input: { nip: $nip, employmentType: PNS, name: "Peserta Baru",
           xapiAccounts: [{ homePage: "${moodle}", name: $nip }] }) { id } }`,
        { nip: '199912312020121999' },
      ),
    ).createPerson.id;
    expect(dataOf(await s.admin(unknown)).unknownActors.nodes).toEqual([]);
    // Claimed, but not in the cohort yet: no progress to show until they are enrolled.
    dataOf(
      await s.admin(
        `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
        {
          c: s.cohortId,
          p: created,
        },
      ),
    );
    const third = (await progress()).find((row) => row.person.name === 'Peserta Baru')!;
    expect(third.moduleProgress[0]).toMatchObject({
      status: 'IN_PROGRESS',
      startedAt: '2026-01-06T05:00:00.000Z',
    });
    expect(third.activity).toMatchObject({ statements: 1 });
  });

  it('merges later batches into stored progress as if they had come together, in any order', async () => {
    const b = nips[1]!;
    const attempt = (n: number) => `${moodle}/mod/quiz/attempt.php?attempt=${n}&cmid=7`;
    const graded = (n: number, raw: number, success: boolean | undefined, at: string) =>
      moodleStatement(b, verb.completed, attempt(n), at, {
        parents: [quizUrl],
        result: {
          score: { raw, min: 0, max: 100 },
          ...(success === undefined ? {} : { success }),
          duration: 'PT3M',
        },
      });
    // Newest first, one batch at a time, then two batches at once: the stored row already
    // holds a start (the view of 6 January) that each merge must keep or move earlier.
    await lrs.post([graded(20, 90, true, '2026-01-20T02:00:00.000Z')]).expect(200);
    await lrs.post([graded(21, 40, false, '2026-01-12T02:00:00.000Z')]).expect(200);
    await Promise.all([
      lrs
        .post([moodleStatement(b, verb.completed, pageUrl, '2026-01-15T03:00:00.000Z')])
        .expect(200),
      lrs
        .post([
          moodleStatement(b, verb.viewed, pageUrl, '2026-01-05T23:00:00.000Z'),
          graded(22, 75, undefined, '2026-01-25T02:00:00.000Z'),
          moodleStatement(b, verb.completed, pageUrl, '2026-01-14T03:00:00.000Z'),
        ])
        .expect(200),
    ]);
    const second = (await progress())[1]!;
    expect(second).toMatchObject({ percentComplete: 33.3, currentPhase: 'FACE_TO_FACE' });
    expect(second.moduleProgress[0]).toEqual({
      status: 'COMPLETED',
      startedAt: '2026-01-05T23:00:00.000Z',
      completedAt: '2026-01-14T03:00:00.000Z',
      success: true,
      bestScaledScore: 0.9,
      timeSpentSeconds: 540,
    });
    expect(second.activity).toMatchObject({
      statements: 7,
      timeSpentSeconds: 540,
      lastActivityAt: '2026-01-25T02:00:00.000Z',
    });
  });

  it('resolves what another instance changed since the last batch, without being told', async () => {
    // What a batch resolved is remembered for the next ones; a change made straight in the
    // database (as another instance would make it) must be seen all the same.
    const other = await setup(t, 1);
    const otherLrs = await xapiClient(t, { tenant: other.tenant, version: '1.0.3' });
    const modules = dataOf(
      await other.admin(`query ($p: ID!) { program(id: $p) { modules { id } } }`, {
        p: other.programId,
      }),
    ).program.modules as { id: string }[];
    const actor = { account: { homePage: moodle, name: 'login.lain' } };
    const newPage = `${moodle}/mod/page/view.php?id=99`;
    const statement = (verbId: string, timestamp: string) => ({
      actor,
      verb: { id: verbId },
      object: { id: newPage, objectType: 'Activity' },
      timestamp,
    });
    // First: the login is nobody's and the page is no module's.
    await otherLrs.post([statement(verb.viewed, '2026-02-01T01:00:00.000Z')]).expect(200);
    await t.database.db.execute(
      sql`insert into person_xapi_identities (tenant_id, person_id, agent_key, kind, home_page, name)
          values (${other.tenant.id}, ${other.learnerIds[0]}, ${agentKey(actor)}, 'account',
                  ${moodle}, 'login.lain')`,
    );
    await t.database.db.execute(
      sql`update modules set activity_iris = array[${newPage}] where id = ${modules[1]!.id}`,
    );
    await otherLrs.post([statement(verb.completed, '2026-02-02T01:00:00.000Z')]).expect(200);
    const facilitator = graphqlAs(
      t,
      await tokenFor(other.tenant, ['FACILITATOR'], 'sso-facilitator'),
    );
    const [learner] = dataOf(
      await facilitator(
        `query ($c: ID!) { cohort(id: $c) { enrollments { nodes {
          moduleProgress { module { id } status startedAt completedAt } activity { statements } } } } }`,
        { c: other.cohortId },
      ),
    ).cohort.enrollments.nodes;
    // The first view stays nobody's (only Jejak's own claim back-fills); the completion counts.
    expect(learner.moduleProgress[1]).toEqual({
      module: { id: modules[1]!.id },
      status: 'COMPLETED',
      startedAt: '2026-02-02T01:00:00.000Z',
      completedAt: '2026-02-02T01:00:00.000Z',
    });
    expect(learner.activity).toEqual({ statements: 1 });
  });

  it('keeps the learning records of 1.0.3 timestamps Date cannot read, and of a century-long duration', async () => {
    const client = await xapiClient(t, { version: '1.0.3' });
    const at = [
      '2026-03-01T08:00:00,5Z',
      '2026-03-01T15:00+07',
      '2026-03-01 08:00:00+0700',
      '2026-03-01t08:00z',
      '2026-03-01T08:00:00',
      '0000-01-01T00:00:00Z',
    ];
    const sent = at.map((timestamp) =>
      moodleStatement(nips[1]!, verb.viewed, pageUrl, timestamp, {
        result: { duration: 'P100Y' },
      }),
    );
    await client.post(sent).expect(200);
    const events = await rawRows<{ at: string; duration_seconds: number; at_stored: boolean }>(
      t.database.db,
      sql`select to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at,
                 e.duration_seconds, s.stored = e.occurred_at as at_stored
          from learning_events e join xapi_statements s on s.tenant_id = e.tenant_id and s.seq = e.seq
          where e.tenant_id = ${client.tenant.id} order by e.seq`,
    );
    expect(events.slice(0, 5).map((row) => row.at)).toEqual([
      '2026-03-01T08:00:00.500',
      '2026-03-01T08:00:00.000',
      '2026-03-01T01:00:00.000',
      '2026-03-01T08:00:00.000',
      '2026-03-01T08:00:00.000',
    ]);
    // No year 0 in PostgreSQL: the event is dated when it was stored.
    expect(events[5]!.at_stored).toBe(true);
    // About 68 years, the most an integer of seconds holds.
    expect(events.map((row) => row.duration_seconds)).toEqual(Array(6).fill(2 ** 31 - 1));
  });
});
