// The analytics facilitators and management read, checked figure by figure against values
// worked out by hand from a small cohort: four learners, Moodle statements for the online
// module, two face-to-face sessions, pre- and post-tests and a reaction survey, coaching,
// action plans, TNA gaps and outcome indicators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeOf,
  dataOf,
  graphqlAs,
  tokenFor,
  type GraphQLAnswer,
} from './support/graphqlClient.js';
import { moodle, person, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const quizUrl = `${moodle}/mod/quiz/view.php?id=7`;
const pageUrl = `${moodle}/mod/page/view.php?id=1`;
const courseUrl = `${moodle}/course/view.php?id=2`;
const dayMs = 86_400_000;

function moodleStatement(
  nip: string,
  verb: string,
  objectId: string,
  at: string,
  result?: object,
  parents = [quizUrl, courseUrl],
) {
  return {
    actor: { account: { homePage: moodle, name: nip } },
    verb: { id: verb },
    object: { id: objectId, objectType: 'Activity' },
    context: {
      contextActivities: {
        parent: parents.filter((parent) => parent !== objectId).map((id) => ({ id })),
      },
    },
    ...(result ? { result } : {}),
    timestamp: at,
  };
}

describe('analytics', () => {
  let t: TestApp;
  let s: Setup;
  let facilitator: ReturnType<typeof graphqlAs>;
  let modules: { id: string; title: string }[];
  let nips: string[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    s = await setup(t, 4);
    facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const read = dataOf(
      await s.admin(
        `query ($c: ID!, $p: ID!) { cohort(id: $c) { enrollments { nodes { id person { nip } } } }
           program(id: $p) { modules { id title } } }`,
        { c: s.cohortId, p: s.programId },
      ),
    );
    modules = read.program.modules;
    nips = read.cohort.enrollments.nodes.map(
      (node: { person: { nip: string } }) => node.person.nip,
    );
    const enrollmentIds = read.cohort.enrollments.nodes.map((node: { id: string }) => node.id);
    const [online, faceToFace] = modules as unknown as [{ id: string }, { id: string }];

    const must = (answer: GraphQLAnswer) => dataOf(answer);
    must(
      await s.admin(
        `mutation ($p: ID!) { updateProgram(input: { id: $p, activityIris: ["${courseUrl}"] }) { id } }`,
        { p: s.programId },
      ),
    );
    must(
      await s.admin(
        `mutation ($m: ID!) { updateModule(input: { id: $m, dueOffsetDays: 7 }) { id } }`,
        {
          m: online.id,
        },
      ),
    );
    const assessment = async (
      moduleId: string,
      kind: string,
      title: string,
      max: number,
      iris: string[] = [],
    ) =>
      must(
        await s.admin(
          `mutation ($m: ID!, $k: AssessmentKind!, $t: String!, $max: Float!, $iris: [String!]) {
             createAssessment(input: { moduleId: $m, kind: $k, title: $t, maxScore: $max, activityIris: $iris }) { id } }`,
          { m: moduleId, k: kind, t: title, max, iris },
        ),
      ).createAssessment.id as string;
    await assessment(online.id, 'FORMATIVE_QUIZ', 'Kuis anggaran', 100, [quizUrl]);
    ids.pre = await assessment(faceToFace.id, 'PRE_TEST', 'Pre-test', 100);
    ids.post = await assessment(faceToFace.id, 'POST_TEST', 'Post-test', 100);
    ids.survey = await assessment(faceToFace.id, 'REACTION_SURVEY', 'Survei kepuasan', 5);

    // Moodle, the online phase.
    const lrs = await xapiClient(t, { tenant: s.tenant, version: '1.0.3' });
    const [l0, l1] = nips as [string, string];
    const v = {
      viewed: 'http://id.tincanapi.com/verb/viewed',
      completed: 'http://adlnet.gov/expapi/verbs/completed',
      replied: 'http://id.tincanapi.com/verb/replied',
      created: 'http://activitystrea.ms/create',
    };
    const attempt = `${moodle}/mod/quiz/attempt.php?attempt=1&cmid=7`;
    const forum = `${moodle}/mod/forum/discuss.php?d=3`;
    await lrs
      .post([
        moodleStatement(l0, v.viewed, pageUrl, '2026-01-06T01:00:00Z'),
        moodleStatement(l0, v.completed, attempt, '2026-01-07T02:00:00Z', {
          score: { raw: 85, min: 0, max: 100 },
          success: true,
          duration: 'PT10M',
        }),
        moodleStatement(l0, v.completed, pageUrl, '2026-01-08T03:00:00Z'),
        moodleStatement(l0, v.created, forum, '2026-01-08T04:00:00Z'),
        moodleStatement(l0, v.replied, forum, '2026-01-09T05:00:00Z'),
        moodleStatement(l0, v.replied, forum, '2026-01-09T05:30:00Z'),
        moodleStatement(l1, v.viewed, pageUrl, '2026-01-06T06:00:00Z'),
        moodleStatement(l1, v.completed, attempt.replace('=1&', '=2&'), '2026-01-07T07:00:00Z', {
          score: { raw: 40, min: 0, max: 100 },
          success: false,
          duration: 'PT10M',
        }),
        moodleStatement(l1, v.replied, forum, '2026-01-09T08:00:00Z'),
        // Learning outside any programme: counts toward the JP ledger only.
        moodleStatement(
          l0,
          v.completed,
          `${moodle}/course/view.php?id=99`,
          new Date().toISOString(),
          { duration: 'PT90M' },
          [],
        ),
      ])
      .expect(200);

    // The bootcamp: two sessions of the face-to-face module.
    const session = async (day: string) =>
      must(
        await facilitator(
          `mutation ($c: ID!, $m: ID!, $from: DateTime!, $to: DateTime!) { createSession(input: { cohortId: $c,
             moduleId: $m, title: "Bootcamp", startsAt: $from, endsAt: $to }) { id } }`,
          { c: s.cohortId, m: faceToFace.id, from: `${day}T01:00:00Z`, to: `${day}T09:00:00Z` },
        ),
      ).createSession.id as string;
    const sessions = [await session('2026-02-02'), await session('2026-02-03')];
    const attend = async (sessionId: string, learner: number, status: string) =>
      must(
        await facilitator(
          `mutation ($s: ID!, $p: ID!, $st: AttendanceStatus!) { recordAttendance(input: { sessionId: $s, personId: $p, status: $st }) { status } }`,
          { s: sessionId, p: s.learnerIds[learner], st: status },
        ),
      );
    await attend(sessions[0]!, 0, 'PRESENT');
    await attend(sessions[1]!, 0, 'PRESENT');
    await attend(sessions[0]!, 1, 'LATE');
    await attend(sessions[1]!, 1, 'ABSENT');
    await attend(sessions[0]!, 2, 'EXCUSED');

    const score = async (assessmentId: string, learner: number, value: number) =>
      must(
        await facilitator(
          `mutation ($a: ID!, $c: ID!, $p: ID!, $v: Float!) { recordAssessmentResult(input: { assessmentId: $a,
             cohortId: $c, personId: $p, score: $v }) { id } }`,
          { a: assessmentId, c: s.cohortId, p: s.learnerIds[learner], v: value },
        ),
      );
    await score(ids.pre, 0, 50);
    await score(ids.post, 0, 90);
    await score(ids.pre, 1, 30);
    await score(ids.post, 1, 60);
    await score(ids.survey, 0, 4);
    await score(ids.survey, 1, 5);

    // Learner 3 withdraws: out of the cohort's figures.
    must(
      await facilitator(
        `mutation ($e: ID!) { updateEnrollmentStatus(input: { enrollmentId: $e, status: WITHDRAWN }) { status } }`,
        { e: enrollmentIds[3] },
      ),
    );

    // Coaching: learner 0's mentor, two rated check-ins.
    const mentor = await person(s.admin, 'Atasan Langsung', 'sso-mentor');
    const assignment = must(
      await facilitator(
        `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e,
           startsOn: "2026-02-02", endsOn: "2026-03-29" }) { id } }`,
        { c: s.cohortId, m: mentor.id, e: s.learnerIds[0] },
      ),
    ).assignMentor.id;
    const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor'));
    for (const [day, rating] of [
      ['2026-02-16', 4],
      ['2026-03-02', 5],
    ] as const) {
      must(
        await asMentor(
          `mutation ($a: ID!, $d: LocalDate!, $r: Int) { recordCheckIn(input: { assignmentId: $a, heldOn: $d, channel: VIDEO, rating: $r }) { id } }`,
          { a: assignment, d: day, r: rating },
        ),
      );
    }

    // Action plans: learner 0 with three steps, two done; learner 1 with one to do.
    const plan = async (learner: number, steps: string[]) => {
      const planId = must(
        await s.admin(
          `mutation ($c: ID!, $p: ID!) { createActionPlan(input: { cohortId: $c, personId: $p, goal: "Rencana" }) { id } }`,
          { c: s.cohortId, p: s.learnerIds[learner] },
        ),
      ).createActionPlan.id;
      for (const status of steps) {
        const stepId = must(
          await s.admin(
            `mutation ($p: ID!) { addActionPlanStep(input: { planId: $p, description: "Langkah" }) { id } }`,
            { p: planId },
          ),
        ).addActionPlanStep.id;
        if (status !== 'TODO') {
          must(
            await s.admin(
              `mutation ($s: ID!, $st: ActionPlanStepStatus!) { updateActionPlanStep(input: { stepId: $s, status: $st }) { id } }`,
              { s: stepId, st: status },
            ),
          );
        }
      }
    };
    await plan(0, ['DONE', 'DONE', 'IN_PROGRESS']);
    await plan(1, ['TODO']);
  });
  afterAll(async () => t?.close());

  it('shows the cohort dashboard with the figures worked out by hand', async () => {
    const answer = await facilitator(
      `query ($c: ID!) { cohortDashboard(cohortId: $c) { cohort { name } enrolled byStatus { status count }
         modules { module { title } started completed completionRate medianScaledScore scoreBands averageTimeSpentSeconds }
         forumPosts forumReplies learnersInForums sessionsHeld attendanceRate checkInsHeld checkInsPlanned
         actionPlanStepsDone actionPlanSteps atRisk } }`,
      { c: s.cohortId },
    );
    const dashboard = dataOf(answer).cohortDashboard;
    expect(dashboard).toEqual({
      cohort: { name: 'Angkatan I' },
      enrolled: 4,
      byStatus: expect.arrayContaining([
        { status: 'ACTIVE', count: 3 },
        { status: 'WITHDRAWN', count: 1 },
      ]),
      modules: [
        {
          module: { title: 'Micro-learning anggaran' },
          // Learners counted: 0, 1 and 2 (3 withdrew). 0 and 1 started; 0 completed.
          started: 2,
          completed: 1,
          completionRate: 1 / 3,
          medianScaledScore: (0.85 + 0.4) / 2,
          scoreBands: [0, 0, 0, 0, 1, 0, 0, 0, 1, 0],
          averageTimeSpentSeconds: 600,
        },
        {
          module: { title: 'Bootcamp RKA' },
          // Attendance started it for 0 and 1; their best: max(0.5, 0.9, 0.8) and max(0.3, 0.6, 1).
          started: 2,
          completed: 0,
          completionRate: 0,
          medianScaledScore: 0.95,
          scoreBands: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
          averageTimeSpentSeconds: 0,
        },
        {
          module: { title: 'Coaching di OPD' },
          started: 0,
          completed: 0,
          completionRate: 0,
          medianScaledScore: null,
          scoreBands: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
          averageTimeSpentSeconds: null,
        },
      ],
      forumPosts: 1,
      forumReplies: 3,
      learnersInForums: 2,
      sessionsHeld: 2,
      // PRESENT or LATE: 0 twice, 1 once, over 2 sessions × 3 learners.
      attendanceRate: 0.5,
      checkInsHeld: 2,
      // Every 14 days from 2 February to 29 March: the 2nd, 16th, 2 March and 16 March.
      checkInsPlanned: 4,
      actionPlanStepsDone: 2,
      actionPlanSteps: 4,
      atRisk: 2,
    });
    expect(byStatusTotal(dashboard.byStatus)).toBe(4);
  });

  it('lists the learners at risk with their reasons, and keeps the list to who may see it', async () => {
    const query = `query ($c: ID!, $after: String) { atRiskLearners(cohortId: $c, first: 1, after: $after) {
      nodes { person { name } enrollment { status } reasons { kind modules { title } lowestScaledScore daysInactive lastActivityAt } }
      pageInfo { hasNextPage endCursor } } }`;
    const first = dataOf(await facilitator(query, { c: s.cohortId })).atRiskLearners;
    const second = dataOf(
      await facilitator(query, { c: s.cohortId, after: first.pageInfo.endCursor }),
    ).atRiskLearners;
    expect(first.nodes).toEqual([
      {
        person: { name: 'Peserta 01' },
        enrollment: { status: 'ACTIVE' },
        reasons: [
          {
            kind: 'BEHIND_ON_DUE_MODULES',
            modules: [{ title: 'Micro-learning anggaran' }],
            lowestScaledScore: null,
            daysInactive: null,
            lastActivityAt: null,
          },
          {
            kind: 'LOW_SCORE',
            modules: [{ title: 'Micro-learning anggaran' }],
            lowestScaledScore: 0.4,
            daysInactive: null,
            lastActivityAt: null,
          },
        ],
      },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // Learner 2 never took part: inactive since the cohort started on 5 January.
    const sinceStart = Math.floor((Date.now() - Date.parse('2026-01-05T00:00:00Z')) / dayMs);
    expect(second.nodes).toHaveLength(1);
    expect(second.nodes[0].person).toEqual({ name: 'Peserta 02' });
    expect(second.nodes[0].reasons[0]).toMatchObject({ kind: 'BEHIND_ON_DUE_MODULES' });
    expect(second.nodes[0].reasons[1]).toMatchObject({ kind: 'INACTIVE', lastActivityAt: null });
    expect(second.nodes[0].reasons[1].daysInactive).toBeGreaterThanOrEqual(sinceStart);
    expect(second.nodes[0].reasons[1].daysInactive).toBeLessThanOrEqual(sinceStart + 1);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(query, { c: s.cohortId }))).toBe('FORBIDDEN');
    const stranger = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-other'));
    expect(codeOf(await stranger(query, { c: s.cohortId }))).toBe('NOT_FOUND');
  });

  it("gives a learner's timeline and JP ledger against the year's target", async () => {
    const year = new Date().getUTCFullYear();
    dataOf(
      await s.admin(
        `mutation ($y: Int!) { setJpTarget(input: { year: $y, targetJp: 24, minutesPerJp: 45 }) { year } }`,
        {
          y: year,
        },
      ),
    );
    const enrollmentOfFirst = dataOf(
      await s.admin(
        `query ($c: ID!) { cohort(id: $c) { enrollments(first: 1) { nodes { id } } } }`,
        {
          c: s.cohortId,
        },
      ),
    ).cohort.enrollments.nodes[0].id;
    dataOf(
      await facilitator(
        `mutation ($e: ID!) { updateEnrollmentStatus(input: { enrollmentId: $e, status: COMPLETED }) { status } }`,
        { e: enrollmentOfFirst },
      ),
    );
    const record = `query ($p: ID!, $after: String) { learnerRecord(personId: $p) { person { name }
      timeline(first: 3, after: $after) { nodes { verb occurredAt takesPart statement } pageInfo { hasNextPage endCursor } }
      jpLedger { year programmeMinutes otherMinutes minutes jp targetJp minutesPerJp onTrack } } }`;
    const own = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    const mine = dataOf(await own(record, { p: s.learnerIds[0] })).learnerRecord;
    expect(mine.person).toEqual({ name: 'Peserta 00' });
    // The newest first: the enrollment completed just now.
    expect(mine.timeline.nodes[0]).toMatchObject({
      verb: 'http://adlnet.gov/expapi/verbs/completed',
      statement: { object: { id: `urn:jejak:cohort:${s.cohortId}` } },
    });
    expect(mine.timeline.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(
      await own(record, { p: s.learnerIds[0], after: mine.timeline.pageInfo.endCursor }),
    ).learnerRecord.timeline.nodes as { occurredAt: string }[];
    expect(rest).toHaveLength(3);
    // The programme's 40 JP, and 90 minutes of learning outside it, this year.
    expect(mine.jpLedger).toEqual([
      {
        year,
        programmeMinutes: 1800,
        otherMinutes: 90,
        minutes: 1890,
        jp: 42,
        targetJp: 24,
        minutesPerJp: 45,
        onTrack: true,
      },
    ]);
    const other = dataOf(await s.admin(record, { p: s.learnerIds[2] })).learnerRecord.jpLedger;
    const share =
      (Date.now() - Date.UTC(year, 0, 1)) / (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1));
    expect(other).toEqual([
      {
        year,
        programmeMinutes: 0,
        otherMinutes: 0,
        minutes: 0,
        jp: 0,
        targetJp: 24,
        minutesPerJp: 45,
        onTrack: share <= 0,
      },
    ]);
    expect(codeOf(await own(record, { p: s.learnerIds[1] }))).toBe('NOT_FOUND');
  });

  it("evaluates the programme on Kirkpatrick's four levels", async () => {
    const unit = dataOf(
      await s.admin(`mutation { createAgency(input: { name: "Pemprov" }) { id } }`),
    ).createAgency.id;
    const opd = dataOf(
      await s.admin(
        `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, name: "BPKAD" }) { id } }`,
        { a: unit },
      ),
    ).createOrgUnit.id;
    const indicator = dataOf(
      await s.admin(
        `mutation ($p: ID!, $o: ID!) { createOutcomeIndicator(input: { programId: $p, orgUnitId: $o, name: "Hari menyusun RKA",
           unit: "hari", better: LOWER, baselineValue: 20, baselineOn: "2025-12-01" }) { id change improved } }`,
        { p: s.programId, o: opd },
      ),
    ).createOutcomeIndicator;
    expect(indicator).toMatchObject({ change: null, improved: null });
    dataOf(
      await s.admin(
        `mutation ($i: ID!) { updateOutcomeIndicator(input: { id: $i, followUpValue: 15, followUpOn: "2026-09-01" }) { id } }`,
        { i: indicator.id },
      ),
    );
    expect(
      codeOf(
        await s.admin(
          `mutation ($i: ID!) { updateOutcomeIndicator(input: { id: $i, followUpOn: "2025-01-01" }) { id } }`,
          {
            i: indicator.id,
          },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const evaluation = dataOf(
      await facilitator(
        `query ($p: ID!) { evaluation(programId: $p) { program { title }
           reaction { assessment { title } responses averageScaledScore }
           learning { learners averagePreScaled averagePostScaled averageGain }
           behaviour { ratings averageRating actionPlanSteps actionPlanStepsDone }
           results { name baselineValue followUpValue change improved orgUnit { name } } } }`,
        { p: s.programId },
      ),
    ).evaluation;
    expect(evaluation.program).toEqual({ title: 'Pengelolaan Keuangan Daerah' });
    expect(evaluation.reaction).toEqual([
      { assessment: { title: 'Survei kepuasan' }, responses: 2, averageScaledScore: 0.9 },
    ]);
    expect(evaluation.learning.learners).toBe(2);
    expect(evaluation.learning.averagePreScaled).toBeCloseTo(0.4);
    expect(evaluation.learning.averagePostScaled).toBeCloseTo(0.75);
    expect(evaluation.learning.averageGain).toBeCloseTo(0.35);
    expect(evaluation.behaviour).toEqual({
      ratings: 2,
      averageRating: 4.5,
      actionPlanSteps: 4,
      actionPlanStepsDone: 2,
    });
    expect(evaluation.results).toEqual([
      {
        name: 'Hari menyusun RKA',
        baselineValue: 20,
        followUpValue: 15,
        change: -5,
        improved: true,
        orgUnit: { name: 'BPKAD' },
      },
    ]);
  });

  it('maps competencies of an org unit and the units under it, by latest TNA', async () => {
    const agency = dataOf(
      await s.admin(`mutation { createAgency(input: { name: "Pemkab" }) { id } }`),
    ).createAgency.id;
    const parent = dataOf(
      await s.admin(
        `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, name: "Setda" }) { id } }`,
        { a: agency },
      ),
    ).createOrgUnit.id;
    const child = dataOf(
      await s.admin(
        `mutation ($a: ID!, $p: ID!) { createOrgUnit(input: { agencyId: $a, parentId: $p, name: "Bagian Anggaran" }) { id } }`,
        {
          a: agency,
          p: parent,
        },
      ),
    ).createOrgUnit.id;
    for (const [learner, unit] of [
      [0, child],
      [1, child],
      [2, parent],
    ] as const) {
      dataOf(
        await s.admin(
          `mutation ($id: ID!, $u: ID!) { updatePerson(input: { id: $id, orgUnitId: $u }) { id } }`,
          {
            id: s.learnerIds[learner],
            u: unit,
          },
        ),
      );
    }
    const competency = dataOf(
      await s.admin(
        `mutation { createCompetency(input: { kind: TEKNIS, name: "Penyusunan RKA" }) { id } }`,
      ),
    ).createCompetency.id;
    const gap = async (learner: number, current: number, required: number, on: string) =>
      dataOf(
        await s.admin(
          `mutation ($c: ID!, $p: ID!, $cur: Int!, $req: Int!, $on: LocalDate!) { recordCompetencyGap(input: {
             competencyId: $c, personId: $p, currentLevel: $cur, requiredLevel: $req, assessedOn: $on }) { id } }`,
          { c: competency, p: s.learnerIds[learner], cur: current, req: required, on },
        ),
      );
    await gap(0, 2, 3, '2026-01-01');
    await gap(0, 3, 3, '2026-06-01');
    await gap(1, 1, 3, '2026-01-01');
    await gap(2, 2, 4, '2026-01-01');
    const map = dataOf(
      await s.admin(
        `query ($u: ID!) { competencyMap(orgUnitId: $u) { competency { name } orgUnit { name } open closed } }`,
        {
          u: parent,
        },
      ),
    ).competencyMap;
    expect(map).toHaveLength(2);
    expect(map).toEqual(
      expect.arrayContaining([
        {
          competency: { name: 'Penyusunan RKA' },
          orgUnit: { name: 'Bagian Anggaran' },
          open: 1,
          closed: 1,
        },
        { competency: { name: 'Penyusunan RKA' }, orgUnit: { name: 'Setda' }, open: 1, closed: 0 },
      ]),
    );
    const onlyChild = dataOf(
      await s.admin(`query ($u: ID!) { competencyMap(orgUnitId: $u) { open closed } }`, {
        u: child,
      }),
    ).competencyMap;
    expect(onlyChild).toEqual([{ open: 1, closed: 1 }]);
  });

  it('shows the participation trend per day and per week', async () => {
    const trend = dataOf(
      await s.admin(`{ daily: participationTrend(from: "2026-01-05", to: "2026-01-11") { start learners statements }
         weekly: participationTrend(from: "2026-01-05", to: "2026-01-18", interval: WEEK) { start learners statements } }`),
    );
    expect(trend.daily).toEqual([
      { start: '2026-01-05', learners: 0, statements: 0 },
      { start: '2026-01-06', learners: 2, statements: 2 },
      { start: '2026-01-07', learners: 2, statements: 2 },
      { start: '2026-01-08', learners: 1, statements: 2 },
      { start: '2026-01-09', learners: 2, statements: 3 },
      { start: '2026-01-10', learners: 0, statements: 0 },
      { start: '2026-01-11', learners: 0, statements: 0 },
    ]);
    expect(trend.weekly).toEqual([
      { start: '2026-01-05', learners: 2, statements: 9 },
      { start: '2026-01-12', learners: 0, statements: 0 },
    ]);
    expect(
      codeOf(
        await s.admin(`{ participationTrend(from: "2026-01-05", to: "2029-01-05") { start } }`),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

function byStatusTotal(entries: { count: number }[]): number {
  return entries.reduce((sum, entry) => sum + entry.count, 0);
}
