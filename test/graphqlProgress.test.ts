// Module progress through GraphQL: kept from results, attendance and completions as they
// are recorded, read per enrollment, written to the LRS, and loaded for a page of 50
// enrollments in a fixed number of SQL statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

interface ModuleRef {
  id: string;
  title: string;
  phase: string;
}

describe('GraphQL: module progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  /** The fixture's programme with a quiz (pass mark 70) on its online module, due 7 days in. */
  async function withQuiz(learners: number) {
    const s = await setup(t, learners);
    const read = await s.admin(
      `query ($p: ID!) { program(id: $p) { modules { id title phase } } }`,
      {
        p: s.programId,
      },
    );
    const [online, faceToFace, onTheJob] = (read.data!.program as { modules: ModuleRef[] })
      .modules as [ModuleRef, ModuleRef, ModuleRef];
    expect([online.phase, faceToFace.phase, onTheJob.phase]).toEqual([
      'ONLINE_SELF_PACED',
      'FACE_TO_FACE',
      'ON_THE_JOB',
    ]);
    const due = await s.admin(
      `mutation ($m: ID!) { updateModule(input: { id: $m, dueOffsetDays: 7 }) { dueOffsetDays } }`,
      { m: online.id },
    );
    expect(due.errors).toBeUndefined();
    const quiz = await s.admin(
      `mutation ($m: ID!) { createAssessment(input: { moduleId: $m, kind: FORMATIVE_QUIZ,
         title: "Kuis anggaran", maxScore: 100, passingScore: 70 }) { id } }`,
      { m: online.id },
    );
    expect(quiz.errors).toBeUndefined();
    const quizId = (quiz.data!.createAssessment as { id: string }).id;
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const score = async (learner: number, value: number) => {
      const answer = await facilitator(
        `mutation ($a: ID!, $c: ID!, $p: ID!, $v: Float!) { recordAssessmentResult(
           input: { assessmentId: $a, cohortId: $c, personId: $p, score: $v }) { id } }`,
        { a: quizId, c: s.cohortId, p: s.learnerIds[learner], v: value },
      );
      expect(answer.errors).toBeUndefined();
    };
    return { ...s, online, faceToFace, onTheJob, quizId, facilitator, score };
  }

  async function enrollmentIds(s: Setup) {
    const answer = await s.admin(
      `query ($c: ID!) { cohort(id: $c) { enrollments(first: 100) { nodes { id person { id } } } } }`,
      { c: s.cohortId },
    );
    const nodes = (
      answer.data!.cohort as { enrollments: { nodes: { id: string; person: { id: string } }[] } }
    ).enrollments.nodes;
    return new Map(nodes.map((node) => [node.person.id, node.id]));
  }

  it('follows results, attendance and completions, and records each in the LRS', async () => {
    const s = await withQuiz(2);
    await s.score(0, 60);
    await s.score(0, 85);
    await s.score(1, 40);
    const session = await s.facilitator(
      `mutation ($c: ID!, $m: ID!) { createSession(input: { cohortId: $c, moduleId: $m, title: "Bootcamp hari 1",
         startsAt: "2026-02-02T01:00:00Z", endsAt: "2026-02-02T09:00:00Z" }) { id module { title } } }`,
      { c: s.cohortId, m: s.faceToFace.id },
    );
    expect(session.data!.createSession).toMatchObject({ module: { title: 'Bootcamp RKA' } });
    const sessionId = (session.data!.createSession as { id: string }).id;
    for (const [learner, status] of [
      [0, 'PRESENT'],
      [1, 'ABSENT'],
    ] as const) {
      const attended = await s.facilitator(
        `mutation ($s: ID!, $p: ID!, $st: AttendanceStatus!) {
           recordAttendance(input: { sessionId: $s, personId: $p, status: $st }) { status } }`,
        { s: sessionId, p: s.learnerIds[learner], st: status },
      );
      expect(attended.errors).toBeUndefined();
    }
    const enrollments = await enrollmentIds(s);
    const first = enrollments.get(s.learnerIds[0]!)!;
    const completed = await s.facilitator(
      `mutation ($e: ID!, $m: ID!) { completeModule(input: { enrollmentId: $e, moduleId: $m }) {
         module { title } status success bestScaledScore overdue completedAt } }`,
      { e: first, m: s.online.id },
    );
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.completeModule).toMatchObject({
      module: { title: 'Micro-learning anggaran' },
      status: 'COMPLETED',
      success: true,
      bestScaledScore: 0.85,
      overdue: false,
    });

    const progress = await s.facilitator(
      `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { person { name }
         moduleProgress { module { phase } status success bestScaledScore dueOn overdue startedAt }
         results { nodes { score passed assessment { title } } } } } } }`,
      { c: s.cohortId },
    );
    expect(progress.errors).toBeUndefined();
    const rows = (
      progress.data!.cohort as {
        enrollments: {
          nodes: {
            person: { name: string };
            moduleProgress: Record<string, unknown>[];
            results: { nodes: unknown[] };
          }[];
        };
      }
    ).enrollments.nodes;
    const strip = (entries: Record<string, unknown>[]) =>
      entries.map(({ startedAt, ...rest }) => ({ ...rest, started: startedAt !== null }));
    // The quiz is due on 2026-01-12 (cohort start 2026-01-05 + 7 days), long past.
    expect(rows[0]!.person.name).toBe('Peserta 00');
    expect(strip(rows[0]!.moduleProgress)).toEqual([
      {
        module: { phase: 'ONLINE_SELF_PACED' },
        status: 'COMPLETED',
        success: true,
        bestScaledScore: 0.85,
        dueOn: '2026-01-12',
        overdue: false,
        started: true,
      },
      {
        module: { phase: 'FACE_TO_FACE' },
        status: 'IN_PROGRESS',
        success: null,
        bestScaledScore: null,
        dueOn: null,
        overdue: false,
        started: true,
      },
      {
        module: { phase: 'ON_THE_JOB' },
        status: 'NOT_STARTED',
        success: null,
        bestScaledScore: null,
        dueOn: null,
        overdue: false,
        started: false,
      },
    ]);
    expect(rows[0]!.results.nodes).toEqual([
      { score: 85, passed: true, assessment: { title: 'Kuis anggaran' } },
      { score: 60, passed: false, assessment: { title: 'Kuis anggaran' } },
    ]);
    expect(strip(rows[1]!.moduleProgress).slice(0, 2)).toEqual([
      {
        module: { phase: 'ONLINE_SELF_PACED' },
        status: 'IN_PROGRESS',
        success: false,
        bestScaledScore: 0.4,
        dueOn: '2026-01-12',
        overdue: true,
        started: true,
      },
      // Absent from the session: the face-to-face module has not started.
      {
        module: { phase: 'FACE_TO_FACE' },
        status: 'NOT_STARTED',
        success: null,
        bestScaledScore: null,
        dueOn: null,
        overdue: false,
        started: false,
      },
    ]);

    // The LRS holds the completion, the results under the module and the attendance grouped by it.
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const about = async (moduleId: string) =>
      (
        (
          await lrs
            .get({
              activity: `urn:jejak:module:${moduleId}`,
              related_activities: 'true',
              ascending: 'true',
            })
            .expect(200)
        ).body.statements as { verb: { id: string }; context: { registration: string } }[]
      ).map((statement) => {
        expect(statement.context.registration).toBe(s.registration);
        return statement.verb.id.split('/').pop();
      });
    expect(await about(s.online.id)).toEqual(['failed', 'passed', 'failed', 'completed']);
    expect(await about(s.faceToFace.id)).toEqual(['attended', 'was-absent']);
    // Every one of them, and the enrolments, carries the programme in its context.
    const ofProgramme = (
      await lrs
        .get({
          activity: `urn:jejak:program:${s.programId}`,
          related_activities: 'true',
          ascending: 'true',
        })
        .expect(200)
    ).body.statements.map((statement: { verb: { id: string } }) =>
      statement.verb.id.split('/').pop(),
    );
    expect(ofProgramme).toEqual([
      'registered',
      'registered',
      'failed',
      'passed',
      'failed',
      'attended',
      'was-absent',
      'completed',
    ]);
  });

  it('lets only the cohort facilitator or an ADMIN complete a module, and refuses bad input', async () => {
    const s = await withQuiz(1);
    const enrollment = (await enrollmentIds(s)).get(s.learnerIds[0]!)!;
    const complete = `mutation ($e: ID!, $m: ID!) { completeModule(input: { enrollmentId: $e, moduleId: $m }) { status } }`;
    const other = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-other'));
    expect(codeOf(await other(complete, { e: enrollment, m: s.onTheJob.id }))).toBe('NOT_FOUND');
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(complete, { e: enrollment, m: s.onTheJob.id }))).toBe('FORBIDDEN');
    const elsewhere = await s.admin(
      `mutation { createProgram(input: { title: "Lain", learningKind: KLASIKAL, totalJp: 2 }) { id } }`,
    );
    const foreign = await s.admin(
      `mutation ($p: ID!) { createModule(input: { programId: $p, phase: ON_THE_JOB, position: 1, title: "x", expectedMinutes: 5 }) { id } }`,
      { p: (elsewhere.data!.createProgram as { id: string }).id },
    );
    const foreignModule = (foreign.data!.createModule as { id: string }).id;
    expect(codeOf(await s.admin(complete, { e: enrollment, m: foreignModule }))).toBe('NOT_FOUND');
    expect(codeOf(await s.admin(complete, { e: 'nope', m: s.onTheJob.id }))).toBe('BAD_USER_INPUT');
    expect((await s.admin(complete, { e: enrollment, m: s.onTheJob.id })).data).toEqual({
      completeModule: { status: 'COMPLETED' },
    });
    // A module with progress cannot be deleted from the catalogue.
    expect(
      codeOf(await s.admin(`mutation ($m: ID!) { deleteModule(id: $m) }`, { m: s.onTheJob.id })),
    ).toBe('CONFLICT');
    // A learner reads their own progress; a mentor of nobody sees no enrollment.
    const own = await learner(
      `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { moduleProgress { status } } } } }`,
      { c: s.cohortId },
    );
    expect(own.data!.cohort).toEqual({
      enrollments: {
        nodes: [
          {
            moduleProgress: [
              { status: 'NOT_STARTED' },
              { status: 'NOT_STARTED' },
              { status: 'COMPLETED' },
            ],
          },
        ],
      },
    });
  });

  it('loads a page of 50 enrollments with person, module progress and results in a fixed number of queries', async () => {
    const s = await withQuiz(50);
    for (let learner = 0; learner < 50; learner += 5) await s.score(learner, 50 + learner);
    const page = `query ($c: ID!, $first: Int) { cohort(id: $c) { name
      enrollments(first: $first) { nodes { status
        person { name nip orgUnit { name } }
        moduleProgress { status bestScaledScore overdue module { title } }
        results { nodes { score passed } } } } } }`;
    const count = async (first: number) => {
      const before = t.queries.count;
      const answer = await s.facilitator(page, { c: s.cohortId, first });
      expect(answer.errors).toBeUndefined();
      const nodes = (answer.data!.cohort as { enrollments: { nodes: unknown[] } }).enrollments
        .nodes;
      expect(nodes).toHaveLength(first);
      return { queries: t.queries.count - before, nodes };
    };
    const ten = await count(10);
    const fifty = await count(50);
    // The token's tenant, the cohort, its enrollments, their people, the programme's modules,
    // their progress rows and their results: the same few statements for 10 or 50.
    expect(fifty.queries).toBe(ten.queries);
    expect(fifty.queries).toBeLessThanOrEqual(8);
    const scored = (
      fifty.nodes as {
        results: { nodes: { score: number }[] };
        moduleProgress: { bestScaledScore: number | null }[];
      }[]
    ).filter((node) => node.results.nodes.length > 0);
    expect(scored.map((node) => node.results.nodes[0]!.score)).toEqual(
      Array.from({ length: 10 }, (_, index) => 50 + index * 5),
    );
    expect(scored.map((node) => node.moduleProgress[0]!.bestScaledScore)).toEqual(
      Array.from({ length: 10 }, (_, index) => (50 + index * 5) / 100),
    );
  });
});
