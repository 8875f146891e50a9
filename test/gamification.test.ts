// Gamification through HTTP: Moodle statements posted to /xapi/statements score points by
// the default rules and by rules an admin sets (which rescores), voided statements stop
// scoring, badges are earned or not, cohort, programme and OPD leaderboards rank learners
// (ties the same way every time), a learner who opts out leaves them but keeps their own
// view, and each role reads and writes only what it may. Every figure is worked out by
// hand in the comments next to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { moodle, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient, type XapiClient } from './support/xapiClient.js';

const quizUrl = `${moodle}/mod/quiz/view.php?id=7`;
const courseUrl = `${moodle}/course/view.php?id=2`;
const forumUrl = `${moodle}/mod/forum/discuss.php?d=3`;
const page = (id: number) => `${moodle}/mod/page/view.php?id=${id}`;
const attempt = (n: number) => `${moodle}/mod/quiz/attempt.php?attempt=${n}&cmid=7`;
const forumReplyType = 'http://id.tincanapi.com/activitytype/forum-reply';

const verb = {
  viewed: 'http://id.tincanapi.com/verb/viewed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  replied: 'http://id.tincanapi.com/verb/replied',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};

/** A statement as Moodle's logstore_xapi sends it. */
function moodleStatement(
  nip: string,
  verbId: string,
  objectId: string,
  at: string,
  extra: { parents?: string[]; result?: object; type?: string } = {},
) {
  return {
    actor: { account: { homePage: moodle, name: nip } },
    verb: { id: verbId },
    object: {
      id: objectId,
      objectType: 'Activity',
      ...(extra.type ? { definition: { type: extra.type } } : {}),
    },
    context: {
      contextActivities: {
        parent: [...(extra.parents ?? []), courseUrl].map((id) => ({ id })),
      },
    },
    ...(extra.result ? { result: extra.result } : {}),
    timestamp: at,
  };
}

interface Entry {
  rank: number;
  points: number;
  person: { name: string } | null;
  badges: { kind: string; earnedAt: string }[];
}

const boardFields = `edges { cursor } pageInfo { hasNextPage endCursor }
  nodes { rank points person { name } badges { kind earnedAt } }`;

describe('gamification', () => {
  let t: TestApp;
  let s: Setup;
  let lrs: XapiClient;
  let nips: string[];
  let names: string[];
  let facilitator: ReturnType<typeof graphqlAs>;
  let learner: ReturnType<typeof graphqlAs>;
  let analyst: ReturnType<typeof graphqlAs>;
  const units: Record<'a' | 'b', string> = { a: '', b: '' };
  /** Statement ids to void later. */
  const toVoid: Record<string, string> = {};

  const board = async (cohortId: string, orgUnitId?: string, extra = '') =>
    dataOf(
      await s.admin(
        `query ($c: ID!, $o: ID) { cohortLeaderboard(cohortId: $c, orgUnitId: $o${extra}) { ${boardFields} } }`,
        { c: cohortId, o: orgUnitId ?? null },
      ),
    ).cohortLeaderboard as {
      nodes: Entry[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };

  /** The board as [name, points] in rank order (ranks checked to be 1, 2, 3…). */
  const standings = async (orgUnitId?: string) => {
    const { nodes } = await board(s.cohortId, orgUnitId);
    expect(nodes.map((node) => node.rank)).toEqual(nodes.map((_, index) => index + 1));
    return nodes.map((node) => [node.person!.name, node.points]);
  };

  const post = async (statements: object[]) => {
    const answer = await lrs.post(statements);
    expect(answer.status).toBe(200);
    return answer.body as string[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = await setup(t, 4);
    lrs = await xapiClient(t, { tenant: s.tenant, version: '1.0.3' });
    facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    analyst = graphqlAs(t, await tokenFor(s.tenant, ['ANALYST'], 'analyst'));
    const read = dataOf(
      await s.admin(
        `query ($c: ID!, $p: ID!) { cohort(id: $c) { enrollments { nodes { person { id nip name } } } }
           program(id: $p) { modules { id phase } } }`,
        { c: s.cohortId, p: s.programId },
      ),
    );
    const people = read.cohort.enrollments.nodes.map(
      (node: { person: { id: string; nip: string; name: string } }) => node.person,
    );
    nips = people.map((person: { nip: string }) => person.nip);
    names = people.map((person: { name: string }) => person.name);
    const online = read.program.modules.find(
      (module: { phase: string }) => module.phase === 'ONLINE_SELF_PACED',
    ).id;
    dataOf(
      await s.admin(
        `mutation ($p: ID!) { updateProgram(input: { id: $p, activityIris: ["${courseUrl}"] }) { id } }`,
        { p: s.programId },
      ),
    );
    // The online module is due 7 days after the cohort starts (2026-01-05): 2026-01-12.
    dataOf(
      await s.admin(
        `mutation ($m: ID!) { updateModule(input: { id: $m, dueOffsetDays: 7 }) { id } }`,
        {
          m: online,
        },
      ),
    );
    // A second online module, due 2026-01-19.
    dataOf(
      await s.admin(
        `mutation ($p: ID!, $iri: String!) { createModule(input: { programId: $p, phase: ONLINE_SELF_PACED,
           position: 4, title: "Video anggaran", expectedMinutes: 30, dueOffsetDays: 14, activityIris: [$iri] }) { id } }`,
        { p: s.programId, iri: page(4) },
      ),
    );
    dataOf(
      await s.admin(
        `mutation ($m: ID!, $iri: String!) { createAssessment(input: { moduleId: $m, kind: FORMATIVE_QUIZ,
           title: "Kuis anggaran", maxScore: 10, activityIris: [$iri] }) { id } }`,
        { m: online, iri: quizUrl },
      ),
    );
    // Two OPDs: learners 0 and 1 in A, 2 and 3 in B.
    const agency = dataOf(
      await s.admin(`mutation { createAgency(input: { name: "Pemprov Jabar" }) { id } }`),
    ).createAgency.id;
    for (const key of ['a', 'b'] as const) {
      units[key] = dataOf(
        await s.admin(
          `mutation ($a: ID!, $n: String!) { createOrgUnit(input: { agencyId: $a, name: $n }) { id } }`,
          { a: agency, n: key === 'a' ? 'Bappeda' : 'Dinas Pendidikan' },
        ),
      ).createOrgUnit.id;
    }
    for (const [index, person] of people.entries()) {
      dataOf(
        await s.admin(
          `mutation ($id: ID!, $o: ID) { updatePerson(input: { id: $id, orgUnitId: $o }) { id } }`,
          { id: person.id, o: index < 2 ? units.a : units.b },
        ),
      );
    }

    const [l0, l1, l2, l3] = nips as [string, string, string, string];
    const quizParents = { parents: [quizUrl] };
    const ids = await post([
      // Learner 0: both online modules on time (10 + 10), a perfect quiz passed (20), two
      // replies (2 + 2), the first module completed again (nothing more): 44.
      moodleStatement(l0, verb.completed, attempt(1), '2026-01-07T02:00:00Z', {
        ...quizParents,
        result: { score: { raw: 10, min: 0, max: 10 }, success: true },
      }),
      moodleStatement(l0, verb.completed, page(1), '2026-01-08T03:00:00Z'),
      moodleStatement(l0, verb.replied, forumUrl, '2026-01-09T04:00:00Z'),
      moodleStatement(l0, verb.replied, forumUrl, '2026-01-09T05:00:00Z'),
      moodleStatement(l0, verb.completed, page(4), '2026-01-15T06:00:00Z'),
      moodleStatement(l0, verb.completed, page(1), '2026-01-20T07:00:00Z'),
      // Learner 1: the same points, 44, reached later (the second module late, on 01-25).
      moodleStatement(l1, verb.completed, attempt(2), '2026-01-09T02:00:00Z', {
        ...quizParents,
        result: { score: { raw: 7, min: 0, max: 10 }, success: true },
      }),
      moodleStatement(l1, verb.completed, page(1), '2026-01-10T03:00:00Z'),
      moodleStatement(l1, verb.replied, forumUrl, '2026-01-11T04:00:00Z'),
      moodleStatement(l1, verb.replied, forumUrl, '2026-01-11T05:00:00Z'),
      moodleStatement(l1, verb.completed, page(4), '2026-01-25T06:00:00Z'),
      // Learner 2: the face-to-face module (10), a full score without a pass (no points, a
      // PERFECT_QUIZ badge), a reply typed as Moodle's forum-reply (2): 12.
      moodleStatement(l2, verb.completed, attempt(3), '2026-01-08T02:00:00Z', {
        ...quizParents,
        result: { score: { scaled: 1 } },
      }),
      moodleStatement(l2, verb.replied, `${forumUrl}#p9`, '2026-01-12T04:00:00Z', {
        type: forumReplyType,
      }),
      moodleStatement(l2, verb.completed, page(2), '2026-01-20T03:00:00Z'),
      // Learner 3: a page viewed (nothing) and a reply (2).
      moodleStatement(l3, verb.viewed, page(1), '2026-01-06T01:00:00Z'),
      moodleStatement(l3, verb.replied, forumUrl, '2026-01-13T04:00:00Z'),
    ]);
    toVoid.l0SecondModule = ids[4]!;
    toVoid.l3Reply = ids[15]!;
  });
  afterAll(async () => t?.close());

  it('scores statements by the default rules; ties rank by who reached the points first', async () => {
    const rules = dataOf(
      await s.admin(
        `{ pointRules { nodes { scope verbIri target success oncePerActivity points } } }`,
      ),
    ).pointRules.nodes;
    expect(rules).toEqual([
      {
        scope: 'DEFAULT',
        verbIri: verb.completed,
        target: 'MODULE',
        success: null,
        oncePerActivity: true,
        points: 10,
      },
      {
        scope: 'DEFAULT',
        verbIri: 'http://adlnet.gov/expapi/verbs/passed',
        target: null,
        success: null,
        oncePerActivity: true,
        points: 20,
      },
      {
        scope: 'DEFAULT',
        verbIri: verb.completed,
        target: 'ASSESSMENT',
        success: true,
        oncePerActivity: true,
        points: 20,
      },
      {
        scope: 'DEFAULT',
        verbIri: verb.replied,
        target: null,
        success: null,
        oncePerActivity: false,
        points: 2,
      },
    ]);
    // 44 and 44: learner 0 reached them on 01-15, learner 1 on 01-25.
    expect(await standings()).toEqual([
      [names[0], 44],
      [names[1], 44],
      [names[2], 12],
      [names[3], 2],
    ]);
  });

  it('awards each badge to whom it is due, with the day it was earned', async () => {
    const { nodes } = await board(s.cohortId);
    const badgesOf = (name: string) =>
      nodes
        .find((node) => node.person!.name === name)!
        .badges.map((badge) => [badge.kind, badge.earnedAt]);
    expect(badgesOf(names[0]!)).toEqual([
      ['PERFECT_QUIZ', '2026-01-07T02:00:00.000Z'],
      ['FIRST_MODULE', '2026-01-08T03:00:00.000Z'],
      // Both online modules by their due days (01-12, 01-19): earned with the last one.
      ['ALL_ONLINE_ON_TIME', '2026-01-15T06:00:00.000Z'],
    ]);
    // A quiz at 7/10, and the second online module six days late.
    expect(badgesOf(names[1]!)).toEqual([['FIRST_MODULE', '2026-01-10T03:00:00.000Z']]);
    // A scaled score of 1 (no pass needed); the face-to-face module is a first module too.
    expect(badgesOf(names[2]!)).toEqual([
      ['PERFECT_QUIZ', '2026-01-08T02:00:00.000Z'],
      ['FIRST_MODULE', '2026-01-20T03:00:00.000Z'],
    ]);
    expect(badgesOf(names[3]!)).toEqual([]);

    // The same through each enrollment, batched.
    const enrollments = dataOf(
      await s.admin(
        `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { points badges { kind } person { name } } } } }`,
        { c: s.cohortId },
      ),
    ).cohort.enrollments.nodes;
    expect(
      enrollments.map((node: { points: number; badges: { kind: string }[] }) => [
        node.points,
        node.badges.length,
      ]),
    ).toEqual([
      [44, 3],
      [44, 1],
      [12, 2],
      [2, 0],
    ]);
  });

  it('rescores when an admin changes the rules of the programme or of the tenant', async () => {
    const set = await s.admin(
      `mutation ($p: ID, $rules: [PointRuleInput!]!) { setPointRules(programId: $p, rules: $rules) {
         programId scope rules rescoredEnrollments } }`,
      {
        p: s.programId,
        rules: [
          { verbIri: verb.completed, target: 'MODULE', oncePerActivity: true, points: 5 },
          {
            verbIri: verb.completed,
            target: 'ASSESSMENT',
            minScaledScore: 0.8,
            oncePerActivity: true,
            points: 15,
          },
          { label: 'Forum', verbIri: verb.replied, iriPrefix: `${moodle}/mod/forum/`, points: 3 },
          { verbIri: verb.replied, activityType: forumReplyType, points: 100 },
        ],
      },
    );
    expect(dataOf(set).setPointRules).toEqual({
      programId: s.programId,
      scope: 'PROGRAM',
      rules: 4,
      rescoredEnrollments: 4,
    });
    // 0: modules 5 + 5, quiz at 1.0 15, replies 3 + 3 = 31. 1: 5 + 5, quiz at 0.7 nothing,
    // 3 + 3 = 16. 2: 5, full score 15, a forum-reply 3 + 100 = 123. 3: a reply 3.
    expect(await standings()).toEqual([
      [names[2], 123],
      [names[0], 31],
      [names[1], 16],
      [names[3], 3],
    ]);
    // A statement stored now scores by these rules: learner 3 completes the first module.
    await post([moodleStatement(nips[3]!, verb.completed, page(1), '2026-01-11T03:00:00Z')]);
    expect((await standings()).at(-1)).toEqual([names[3], 8]);

    // The tenant's rules do not reach a programme with rules of its own...
    const tenantRules = await s.admin(
      `mutation { setPointRules(rules: [{ verbIri: "${verb.replied}", points: 1 }]) { scope rescoredEnrollments } }`,
    );
    expect(dataOf(tenantRules).setPointRules).toEqual({ scope: 'TENANT', rescoredEnrollments: 0 });
    expect((await standings())[0]).toEqual([names[2], 123]);
    // ...until it is reset: then a reply is worth 1, and nothing else anything.
    const reset = await s.admin(
      `mutation ($p: ID) { resetPointRules(programId: $p) { scope rules rescoredEnrollments } }`,
      { p: s.programId },
    );
    expect(dataOf(reset).resetPointRules).toEqual({
      scope: 'TENANT',
      rules: 1,
      rescoredEnrollments: 4,
    });
    expect(await standings()).toEqual([
      [names[0], 2],
      [names[1], 2],
      [names[2], 1],
      [names[3], 1],
    ]);
    const programRules = dataOf(
      await s.admin(`query ($p: ID) { pointRules(programId: $p) { nodes { scope points } } }`, {
        p: s.programId,
      }),
    ).pointRules.nodes;
    expect(programRules).toEqual([{ scope: 'TENANT', points: 1 }]);

    // Back to the defaults: learner 3 now has a reply and a module, 12, reached on 01-13,
    // before learner 2 reached 12 (01-20).
    dataOf(await s.admin(`mutation { resetPointRules { scope } }`));
    expect(await standings()).toEqual([
      [names[0], 44],
      [names[1], 44],
      [names[3], 12],
      [names[2], 12],
    ]);
  });

  it('stops scoring a voided statement (and takes back the badge it earned)', async () => {
    const voiding = (id: string) => ({
      actor: { account: { homePage: moodle, name: 'admin' } },
      verb: { id: verb.voided },
      object: { objectType: 'StatementRef', id },
    });
    await post([voiding(toVoid.l0SecondModule!), voiding(toVoid.l3Reply!)]);
    // 0: 44 − 10 = 34; 3: 12 − 2 = 10.
    expect(await standings()).toEqual([
      [names[1], 44],
      [names[0], 34],
      [names[2], 12],
      [names[3], 10],
    ]);
    const { nodes } = await board(s.cohortId);
    expect(nodes[1]!.badges.map((badge) => badge.kind)).toEqual(['PERFECT_QUIZ', 'FIRST_MODULE']);
  });

  it('ranks within an OPD, across the programme, and pages by rank', async () => {
    expect(await standings(units.a)).toEqual([
      [names[1], 44],
      [names[0], 34],
    ]);
    expect(await standings(units.b)).toEqual([
      [names[2], 12],
      [names[3], 10],
    ]);
    const programBoard = async (orgUnitId: string | null, after?: string) =>
      dataOf(
        await analyst(
          `query ($p: ID!, $o: ID, $after: String) { programLeaderboard(programId: $p, orgUnitId: $o, first: 2, after: $after) {
             ${boardFields} } }`,
          { p: s.programId, o: orgUnitId, after: after ?? null },
        ),
      ).programLeaderboard as {
        nodes: Entry[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    const first = await programBoard(null);
    expect(first.nodes.map((node) => [node.rank, node.points])).toEqual([
      [1, 44],
      [2, 34],
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await programBoard(null, first.pageInfo.endCursor);
    expect(second.nodes.map((node) => [node.rank, node.points])).toEqual([
      [3, 12],
      [4, 10],
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ofB = await programBoard(units.b);
    expect(ofB.nodes.map((node) => [node.rank, node.person!.name])).toEqual([
      [1, names[2]],
      [2, names[3]],
    ]);
    // A cursor of one board is refused by another.
    const mixed = await analyst(
      `query ($p: ID!, $o: ID, $after: String) { programLeaderboard(programId: $p, orgUnitId: $o, after: $after) { nodes { rank } } }`,
      { p: s.programId, o: units.a, after: first.pageInfo.endCursor },
    );
    expect(codeOf(mixed)).toBe('BAD_USER_INPUT');
  });

  it('leaves a learner who opts out off leaderboards, but not out of their own points', async () => {
    const out = await learner(
      `mutation { setLeaderboardOptOut(optedOut: true) { optedOut optedOutAt } }`,
    );
    expect(dataOf(out).setLeaderboardOptOut.optedOut).toBe(true);
    expect(await standings()).toEqual([
      [names[1], 44],
      [names[2], 12],
      [names[3], 10],
    ]);
    expect(await standings(units.a)).toEqual([[names[1], 44]]);
    const mine = dataOf(
      await learner(
        `{ myPoints { nodes { points rank badges { kind } enrollment { id status } } }
           myLeaderboardPreference { optedOut } }`,
      ),
    );
    expect(mine.myLeaderboardPreference.optedOut).toBe(true);
    expect(mine.myPoints.nodes).toEqual([
      {
        points: 34,
        rank: null,
        badges: [{ kind: 'PERFECT_QUIZ' }, { kind: 'FIRST_MODULE' }],
        enrollment: { id: expect.any(String), status: expect.any(String) },
      },
    ]);

    dataOf(await learner(`mutation { setLeaderboardOptOut(optedOut: false) { optedOut } }`));
    expect((await standings()).map(([name]) => name)).toEqual([
      names[1],
      names[0],
      names[2],
      names[3],
    ]);
    const back = dataOf(await learner(`{ myPoints { nodes { points rank } } }`)).myPoints.nodes;
    expect(back).toEqual([{ points: 34, rank: 2 }]);
    // Their own, whatever roles the token carries (here one that sees no learner's records).
    const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-learner'));
    expect(
      dataOf(await asMentor(`{ myPoints { nodes { points rank badges { kind } } } }`)).myPoints
        .nodes,
    ).toEqual([
      { points: 34, rank: 2, badges: [{ kind: 'PERFECT_QUIZ' }, { kind: 'FIRST_MODULE' }] },
    ]);
  });

  it('lets each role read and change only what it may', async () => {
    // The cohort's facilitator reads its leaderboard; a learner may not; a facilitator of
    // other cohorts does not see the cohort.
    const asFacilitator = await facilitator(
      `query ($c: ID!) { cohortLeaderboard(cohortId: $c) { nodes { rank points person { name } } } }`,
      { c: s.cohortId },
    );
    expect(dataOf(asFacilitator).cohortLeaderboard.nodes[0]).toEqual({
      rank: 1,
      points: 44,
      person: { name: names[1] },
    });
    const query = `query ($c: ID!) { cohortLeaderboard(cohortId: $c) { nodes { rank } } }`;
    expect(codeOf(await learner(query, { c: s.cohortId }))).toBe('FORBIDDEN');
    const stranger = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'someone-else'));
    expect(codeOf(await stranger(query, { c: s.cohortId }))).toBe('NOT_FOUND');
    expect(
      codeOf(
        await facilitator(
          `query ($p: ID!) { programLeaderboard(programId: $p) { nodes { rank } } }`,
          {
            p: s.programId,
          },
        ),
      ),
    ).toBe('FORBIDDEN');
    // Only ADMIN sets rules; everyone may read them.
    const setRules = `mutation { setPointRules(rules: []) { rules } }`;
    expect(codeOf(await facilitator(setRules))).toBe('FORBIDDEN');
    expect(codeOf(await learner(setRules))).toBe('FORBIDDEN');
    expect(
      dataOf(await learner(`{ pointRules { nodes { points } } }`)).pointRules.nodes,
    ).toHaveLength(4);
    // A facilitator sees the points of the enrollments of their cohort.
    const points = dataOf(
      await facilitator(`query ($c: ID!) { cohort(id: $c) { enrollments { nodes { points } } } }`, {
        c: s.cohortId,
      }),
    ).cohort.enrollments.nodes.map((node: { points: number }) => node.points);
    expect(points).toEqual([34, 44, 12, 10]);
  });

  it('refuses rules that cannot be right with BAD_USER_INPUT and a clear message', async () => {
    const attemptRules = async (rules: object[], programId: string | null = null) =>
      s.admin(
        `mutation ($p: ID, $rules: [PointRuleInput!]!) { setPointRules(programId: $p, rules: $rules) { rules } }`,
        { p: programId, rules },
      );
    const cases: [object[], string][] = [
      [[{ verbIri: 'completed', points: 5 }], 'rules[0].verbIri: must be an absolute IRI'],
      [
        [{ verbIri: verb.completed, points: 0 }],
        'rules[0].points: must be a whole number from 1 to 1000',
      ],
      [
        [{ verbIri: verb.completed, minScaledScore: 1.5, points: 5 }],
        'rules[0].minScaledScore: must be from 0 to 1',
      ],
      [
        [
          { verbIri: verb.replied, points: 2 },
          { verbIri: verb.completed, points: 1 },
          { verbIri: verb.replied, points: 3 },
        ],
        'rules[2]: matches the same statements as rules[0]',
      ],
      [
        [{ verbIri: verb.replied, iriPrefix: 'forum', points: 2 }],
        'rules[0].iriPrefix: must be the start of an absolute IRI',
      ],
      [
        [{ verbIri: verb.replied, activityType: 'forum reply', points: 2 }],
        'rules[0].activityType: must be an absolute IRI',
      ],
    ];
    for (const [rules, message] of cases) {
      const answer = await attemptRules(rules);
      expect(codeOf(answer), message).toBe('BAD_USER_INPUT');
      expect(answer.errors![0]!.message).toContain(message);
    }
    const unknown = await attemptRules([], '00000000-0000-4000-8000-000000000000');
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(codeOf(await attemptRules([], 'programme'))).toBe('BAD_USER_INPUT');
    // Nothing changed: the tenant still scores by the defaults.
    expect(
      dataOf(await s.admin(`{ pointRules { nodes { scope } } }`)).pointRules.nodes[0].scope,
    ).toBe('DEFAULT');
  });

  it('leaves learners who withdrew off the leaderboard', async () => {
    const enrollments = dataOf(
      await s.admin(`query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id } } } }`, {
        c: s.cohortId,
      }),
    ).cohort.enrollments.nodes as { id: string }[];
    dataOf(
      await s.admin(
        `mutation ($e: ID!) { updateEnrollmentStatus(input: { enrollmentId: $e, status: WITHDRAWN }) { id } }`,
        { e: enrollments[2]!.id },
      ),
    );
    expect(await standings()).toEqual([
      [names[1], 44],
      [names[0], 34],
      [names[3], 10],
    ]);
  });
});
