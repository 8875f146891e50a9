// A client's mistake gets a client's error code, never INTERNAL_SERVER_ERROR: forged or
// foreign cursors, text PostgreSQL cannot store, empty ids, dates outside years 1–9999,
// nulls for fields that cannot be empty, offsets too far out, and moves a record's rules
// forbid. Each case here once failed its query or slipped through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { person, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';

/** A cursor as this server encodes them, with whatever values a client put in. */
const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const someId = '00000000-0000-4000-8000-000000000000';

describe('GraphQL: client mistakes', () => {
  let t: TestApp;
  let s: Setup;
  beforeAll(async () => {
    t = await startTestApp();
    s = await setup(t, 2);
  });
  afterAll(async () => t?.close());

  it('refuses forged cursors, and a bad nested cursor fails only its own list', async () => {
    const cases: [string, unknown[]][] = [
      [`{ programs(after: $c) { nodes { id } } }`, ['programs:TITLE:ASC', 'a', 'not-a-uuid']],
      [`{ cohorts(after: $c) { nodes { id } } }`, ['cohorts:START_DATE:ASC', 'xx', someId]],
      [`{ cohorts(after: $c) { nodes { id } } }`, ['cohorts:START_DATE:ASC', '0000-01-01', someId]],
      [`{ people(after: $c) { nodes { id } } }`, ['people:NAME:ASC', 'a\u0000', someId]],
      [`{ people(after: $c) { nodes { id } } }`, ['people:NAME:ASC', 7, someId]],
    ];
    for (const [query, values] of cases) {
      const answer = await s.admin(`query ($c: String) ${query}`, { c: forged(values) });
      expect(codeOf(answer), JSON.stringify(values)).toBe('BAD_USER_INPUT');
    }
    const nested = await s.admin(
      `query ($id: ID!, $c: String) { cohort(id: $id) {
         good: enrollments(first: 1) { nodes { person { name } } }
         bad: enrollments(first: 1, after: $c) { nodes { id } } } }`,
      { id: s.cohortId, c: forged([`enrollments:ENROLLED_AT:ASC@${s.cohortId}`, 'x', 'zz']) },
    );
    // Only the list with the bad cursor fails (its connection is non-null, so GraphQL nulls
    // the cohort above it); the sibling list's query ran and raised nothing.
    expect(
      nested.errors?.map((error) => [error.extensions?.code, (error as { path?: string[] }).path]),
    ).toEqual([['BAD_USER_INPUT', ['cohort', 'bad']]]);
  });

  it('refuses a cursor of one cohort’s enrollments in another cohort', async () => {
    const other = dataOf(
      await s.admin(
        `mutation ($p: ID!) { createCohort(input: { programId: $p, name: "Angkatan II", startDate: "2026-05-04", endDate: "2026-06-30" }) { id } }`,
        { p: s.programId },
      ),
    ).createCohort.id;
    dataOf(
      await s.admin(
        `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
        {
          c: other,
          p: s.learnerIds[0],
        },
      ),
    );
    const page = `query ($id: ID!, $c: String) { cohort(id: $id) { enrollments(first: 1, after: $c) {
      nodes { id } pageInfo { endCursor } } } }`;
    const cursor = dataOf(await s.admin(page, { id: s.cohortId })).cohort.enrollments.pageInfo
      .endCursor;
    expect(
      dataOf(await s.admin(page, { id: s.cohortId, c: cursor })).cohort.enrollments.nodes,
    ).toHaveLength(1);
    expect(codeOf(await s.admin(page, { id: other, c: cursor }))).toBe('BAD_USER_INPUT');
  });

  it('refuses text PostgreSQL cannot store, in literals and in variables', async () => {
    expect(codeOf(await s.admin(`{ programs(search: "a\\u0000") { nodes { id } } }`))).toBe(
      'BAD_USER_INPUT',
    );
    const variable = await s.admin(
      `mutation ($t: String!) { createProgram(input: { title: $t, learningKind: KLASIKAL, totalJp: 1 }) { id } }`,
      { t: 'Pelatihan \u0000' },
    );
    expect(codeOf(variable)).toBe('BAD_USER_INPUT');
    expect(variable.status).toBe(400);
    const surrogate = await s.admin(`query ($q: String) { people(search: $q) { nodes { id } } }`, {
      q: 'x\ud800',
    });
    expect(codeOf(surrogate)).toBe('BAD_USER_INPUT');
  });

  it('refuses empty ids, nulls for what cannot be empty, and dates outside years 1 to 9999', async () => {
    const competency = dataOf(
      await s.admin(
        `mutation { createCompetency(input: { kind: TEKNIS, name: "Penganggaran" }) { id } }`,
      ),
    ).createCompetency.id;
    const agency = dataOf(
      await s.admin(`mutation { createAgency(input: { name: "Pemda X" }) { id } }`),
    ).createAgency.id;
    const mistakes: [string, Record<string, unknown>][] = [
      [
        `mutation ($c: ID!) { recordCompetencyGap(input: { competencyId: $c, personId: "", position: "Analis",
           currentLevel: 1, requiredLevel: 3, assessedOn: "2026-01-01" }) { id } }`,
        { c: competency },
      ],
      [
        `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, parentId: "", name: "Bidang" }) { id } }`,
        { a: agency },
      ],
      [
        `mutation { createPerson(input: { nip: "198609262015051999", employmentType: PNS, name: "X", orgUnitId: "" }) { id } }`,
        {},
      ],
      [
        `mutation ($id: ID!) { updatePerson(input: { id: $id, name: null }) { id } }`,
        { id: s.learnerIds[0] },
      ],
      [
        `mutation ($id: ID!) { updatePerson(input: { id: $id, mboxes: ["mailto:a%zz@b.go.id"] }) { id } }`,
        { id: s.learnerIds[0] },
      ],
      [
        `mutation ($c: ID!) { createActionPlan(input: { cohortId: $c, personId: "", goal: "G" }) { id } }`,
        { c: s.cohortId },
      ],
      [
        `mutation ($id: ID!) { updateCohort(input: { id: $id, facilitatorIds: null }) { id } }`,
        { id: s.cohortId },
      ],
      [
        `mutation ($id: ID!) { updateCohort(input: { id: $id, startDate: "0000-01-01" }) { id } }`,
        { id: s.cohortId },
      ],
      [`{ cohorts(runningOn: "0000-12-31") { nodes { id } } }`, {}],
      [
        `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Kuno", startsAt: "0000-01-01T00:00:00Z",
           endsAt: "0000-01-01T02:00:00Z" }) { id } }`,
        { c: s.cohortId },
      ],
      [
        `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e,
           startsOn: "2026-03-01", endsOn: "2026-02-01" }) { id } }`,
        { c: s.cohortId, m: s.facilitatorId, e: s.learnerIds[1] },
      ],
    ];
    for (const [query, variables] of mistakes) {
      expect(codeOf(await s.admin(query, variables)), query).toBe('BAD_USER_INPUT');
    }
    const sessions = await s.admin(
      `query ($id: ID!) { cohort(id: $id) { sessions(from: "0000-06-01T00:00:00Z") { nodes { id } } } }`,
      { id: s.cohortId },
    );
    expect(codeOf(sessions)).toBe('BAD_USER_INPUT');
  });

  it('refuses a due offset beyond ten years, which would date a module past year 9999', async () => {
    const modules = dataOf(
      await s.admin(`query ($id: ID!) { program(id: $id) { modules { id } } }`, {
        id: s.programId,
      }),
    ).program.modules;
    const update = `mutation ($m: ID!, $d: Int) { updateModule(input: { id: $m, dueOffsetDays: $d }) { dueOffsetDays } }`;
    expect(codeOf(await s.admin(update, { m: modules[0].id, d: 3_000_000 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(dataOf(await s.admin(update, { m: modules[0].id, d: 3660 })).updateModule).toEqual({
      dueOffsetDays: 3660,
    });
    const read = await s.admin(
      `query ($id: ID!) { cohort(id: $id) { enrollments(first: 1) { nodes { moduleProgress { dueOn } } } } }`,
      { id: s.cohortId },
    );
    expect(dataOf(read).cohort.enrollments.nodes[0].moduleProgress[0]).toEqual({
      dueOn: '2036-01-13',
    });
    // A cohort at the end of year 9999: the module has no due day the API can carry.
    dataOf(
      await s.admin(
        `mutation ($id: ID!) { updateCohort(input: { id: $id, startDate: "9999-12-01", endDate: "9999-12-31" }) { id } }`,
        { id: s.cohortId },
      ),
    );
    const late = await s.admin(
      `query ($id: ID!) { cohort(id: $id) { enrollments(first: 1) { nodes { moduleProgress { dueOn overdue } } } } }`,
      { id: s.cohortId },
    );
    expect(dataOf(late).cohort.enrollments.nodes[0].moduleProgress[0]).toEqual({
      dueOn: null,
      overdue: false,
    });
    dataOf(
      await s.admin(
        `mutation ($id: ID!) { updateCohort(input: { id: $id, startDate: "2026-01-05", endDate: "2026-03-31" }) { id } }`,
        { id: s.cohortId },
      ),
    );
  });

  it('keeps a done step done, and a plan on its path', async () => {
    const own = await setup(t, 1);
    const learner = graphqlAs(t, await tokenFor(own.tenant, ['LEARNER'], 'sso-learner'));
    const planId = dataOf(
      await learner(
        `mutation ($c: ID!) { createActionPlan(input: { cohortId: $c, goal: "G" }) { id } }`,
        {
          c: own.cohortId,
        },
      ),
    ).createActionPlan.id;
    const stepId = dataOf(
      await learner(
        `mutation ($p: ID!) { addActionPlanStep(input: { planId: $p, description: "S" }) { id } }`,
        {
          p: planId,
        },
      ),
    ).addActionPlanStep.id;
    const status = `mutation ($s: ID!, $st: ActionPlanStepStatus!) { updateActionPlanStep(input: { stepId: $s, status: $st }) { status } }`;
    dataOf(await learner(status, { s: stepId, st: 'DONE' }));
    expect(codeOf(await learner(status, { s: stepId, st: 'TODO' }))).toBe('CONFLICT');
    expect(
      codeOf(await learner(`mutation ($s: ID!) { deleteActionPlanStep(id: $s) }`, { s: stepId })),
    ).toBe('CONFLICT');
    const move = `mutation ($p: ID!, $st: ActionPlanStatus, $g: String) { updateActionPlan(input: { planId: $p, status: $st, goal: $g }) { status } }`;
    expect(codeOf(await learner(move, { p: planId, st: 'DONE' }))).toBe('CONFLICT');
    expect(codeOf(await learner(move, { p: planId, st: 'APPROVED' }))).toBe('CONFLICT');
    expect(dataOf(await learner(move, { p: planId, st: 'SUBMITTED' })).updateActionPlan).toEqual({
      status: 'SUBMITTED',
    });
    const mentor = await person(own.admin, 'Atasan', 'sso-mentor');
    dataOf(
      await own.admin(
        `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e }) { id } }`,
        { c: own.cohortId, m: mentor.id, e: own.learnerIds[0] },
      ),
    );
    const asMentor = graphqlAs(t, await tokenFor(own.tenant, ['MENTOR'], 'sso-mentor'));
    const approve = `mutation ($p: ID!) { reviewActionPlan(input: { planId: $p, comment: "Setuju", approve: true }) { id } }`;
    dataOf(await asMentor(approve, { p: planId }));
    expect(codeOf(await learner(move, { p: planId, g: 'Tujuan lain' }))).toBe('CONFLICT');
    expect(dataOf(await learner(move, { p: planId, st: 'IN_PROGRESS' })).updateActionPlan).toEqual({
      status: 'IN_PROGRESS',
    });
    expect(codeOf(await asMentor(approve, { p: planId }))).toBe('CONFLICT');
  });

  it('shows a facilitator who is also a learner only their own attendance in a cohort they learn in', async () => {
    const own = await setup(t, 2);
    // Peserta 00 (sso-learner) also facilitates a second cohort.
    dataOf(
      await own.admin(
        `mutation ($p: ID!, $f: [ID!]) { createCohort(input: { programId: $p, name: "Angkatan II", startDate: "2026-06-01",
           endDate: "2026-07-01", facilitatorIds: $f }) { id } }`,
        { p: own.programId, f: [own.learnerIds[0]] },
      ),
    );
    const facilitator = graphqlAs(
      t,
      await tokenFor(own.tenant, ['FACILITATOR'], 'sso-facilitator'),
    );
    const session = dataOf(
      await facilitator(
        `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Hari 1", startsAt: "2026-02-02T01:00:00Z",
           endsAt: "2026-02-02T09:00:00Z" }) { id } }`,
        { c: own.cohortId },
      ),
    ).createSession.id;
    for (const [learner, status] of [
      [0, 'PRESENT'],
      [1, 'ABSENT'],
    ] as const) {
      dataOf(
        await facilitator(
          `mutation ($s: ID!, $p: ID!, $st: AttendanceStatus!) { recordAttendance(input: { sessionId: $s, personId: $p, status: $st }) { status } }`,
          { s: session, p: own.learnerIds[learner], st: status },
        ),
      );
    }
    const both = graphqlAs(
      t,
      await tokenFor(own.tenant, ['FACILITATOR', 'LEARNER'], 'sso-learner'),
    );
    const seen = dataOf(
      await both(
        `query ($c: ID!) { cohort(id: $c) { sessions { nodes { attendance { nodes { status person { name } } } } } } }`,
        { c: own.cohortId },
      ),
    );
    expect(seen.cohort.sessions.nodes[0].attendance.nodes).toEqual([
      { status: 'PRESENT', person: { name: 'Peserta 00' } },
    ]);
  });
});
