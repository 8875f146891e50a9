// Programmes, modules, cohorts and enrollments through GraphQL, and the xAPI statement an
// enrolment writes, read back through /xapi/statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';
import { moodle, person, setup } from './support/programmeFixture.js';

describe('GraphQL: programmes, cohorts, enrollments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('serves a programme with its modules in order, and a cohort with facilitators and enrollments', async () => {
    const s = await setup(t, 2);
    const answer = await s.admin(
      `query ($id: ID!) { cohort(id: $id) { name startDate program { title totalJp learningKind modules { position phase title } }
         facilitators { name } enrollments { nodes { status person { name } } } } }`,
      { id: s.cohortId },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.cohort).toEqual({
      name: 'Angkatan I',
      startDate: '2026-01-05',
      program: {
        title: 'Pengelolaan Keuangan Daerah',
        totalJp: 40,
        learningKind: 'NONKLASIKAL',
        modules: [
          { position: 1, phase: 'ONLINE_SELF_PACED', title: 'Micro-learning anggaran' },
          { position: 2, phase: 'FACE_TO_FACE', title: 'Bootcamp RKA' },
          { position: 3, phase: 'ON_THE_JOB', title: 'Coaching di OPD' },
        ],
      },
      facilitators: [{ name: 'Widyaiswara Wati' }],
      enrollments: {
        nodes: [
          { status: 'ACTIVE', person: { name: 'Peserta 00' } },
          { status: 'ACTIVE', person: { name: 'Peserta 01' } },
        ],
      },
    });
  });

  it('updates a programme and a cohort field by field', async () => {
    const s = await setup(t, 0);
    const program = await s.admin(
      `mutation ($id: ID!) { updateProgram(input: { id: $id, status: RUNNING, totalJp: 45 }) { title status totalJp } }`,
      { id: s.programId },
    );
    expect(program.data!.updateProgram).toEqual({
      title: 'Pengelolaan Keuangan Daerah',
      status: 'RUNNING',
      totalJp: 45,
    });
    const cohort = await s.admin(
      `mutation ($id: ID!) { updateCohort(input: { id: $id, name: "Angkatan I (revisi)", capacity: 40 }) { name capacity startDate } }`,
      { id: s.cohortId },
    );
    expect(cohort.data!.updateCohort).toEqual({
      name: 'Angkatan I (revisi)',
      capacity: 40,
      startDate: '2026-01-05',
    });
    const backwards = await s.admin(
      `mutation ($id: ID!) { updateCohort(input: { id: $id, endDate: "2025-01-01" }) { id } }`,
      {
        id: s.cohortId,
      },
    );
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
  });

  it('records each enrolment as an xAPI statement, once, in the cohort registration', async () => {
    const s = await setup(t, 1);
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const read = async () =>
      (await lrs.get({ registration: s.registration }).expect(200)).body.statements;
    const [statement] = await read();
    const learner = await s.admin(`query ($id: ID!) { person(id: $id) { nip } }`, {
      id: s.learnerIds[0],
    });
    const nip = (learner.data!.person as { nip: string }).nip;
    expect(statement).toMatchObject({
      actor: { account: { homePage: moodle, name: nip } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/registered' },
      object: { id: `urn:jejak:cohort:${s.cohortId}` },
      context: {
        registration: s.registration,
        contextActivities: { parent: [{ id: `urn:jejak:program:${s.programId}` }] },
      },
    });
    const again = await s.admin(
      `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
      { c: s.cohortId, p: s.learnerIds[0] },
    );
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await read()).toHaveLength(1);
  });

  it('completes, fails and withdraws enrollments, each with its xAPI statement', async () => {
    const s = await setup(t, 2);
    const enrollmentIds = (
      (
        await s.admin(`query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id } } } }`, {
          c: s.cohortId,
        })
      ).data!.cohort as { enrollments: { nodes: { id: string }[] } }
    ).enrollments.nodes.map((node) => node.id);
    const update = `mutation ($e: ID!, $status: EnrollmentStatus!) {
      updateEnrollmentStatus(input: { enrollmentId: $e, status: $status }) { status completedAt } }`;
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const completed = await facilitator(update, { e: enrollmentIds[0], status: 'COMPLETED' });
    expect(completed.data!.updateEnrollmentStatus).toMatchObject({ status: 'COMPLETED' });
    expect(
      (completed.data!.updateEnrollmentStatus as { completedAt: string | null }).completedAt,
    ).not.toBeNull();
    await s.admin(update, { e: enrollmentIds[1], status: 'WITHDRAWN' });
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(update, { e: enrollmentIds[0], status: 'ACTIVE' }))).toBe(
      'FORBIDDEN',
    );
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const verbs = (
      await lrs.get({ registration: s.registration, ascending: 'true' })
    ).body.statements.map((st: { verb: { id: string } }) => st.verb.id);
    expect(verbs).toEqual([
      'http://adlnet.gov/expapi/verbs/registered',
      'http://adlnet.gov/expapi/verbs/registered',
      'http://adlnet.gov/expapi/verbs/completed',
      'https://w3id.org/xapi/adl/verbs/abandoned',
    ]);
  });

  it('refuses a full cohort and bad programme data, writing nothing', async () => {
    const s = await setup(t, 1, 1);
    const extra = await person(s.admin, 'Terlambat');
    const full = await s.admin(
      `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
      { c: s.cohortId, p: extra.id },
    );
    expect(codeOf(full)).toBe('CONFLICT');
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    expect((await lrs.get({ registration: s.registration })).body.statements).toHaveLength(1);
    for (const input of [
      'title: "X", learningKind: KLASIKAL, totalJp: -1',
      'title: "X", learningKind: KLASIKAL, totalJp: 10, siasnJenisDiklatId: 30',
      'title: "X", learningKind: KLASIKAL, totalJp: 10, startDate: "2026-02-01", endDate: "2026-01-01"',
      'title: " ", learningKind: KLASIKAL, totalJp: 10',
    ]) {
      expect(codeOf(await s.admin(`mutation { createProgram(input: { ${input} }) { id } }`))).toBe(
        'BAD_USER_INPUT',
      );
    }
    const missing = await s.admin(
      `mutation { enrollPerson(input: { cohortId: "00000000-0000-4000-8000-000000000000", personId: "nope" }) { id } }`,
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  describe('role matrix', () => {
    const cases: [Role, string, boolean][] = [
      ['ADMIN', 'sso-admin', true],
      ['ANALYST', 'sso-analyst', true],
      ['FACILITATOR', 'sso-facilitator', true],
      ['LEARNER', 'sso-learner', true],
      ['MENTOR', 'sso-mentor', false],
      ['FACILITATOR', 'sso-someone-else', false],
      ['LEARNER', 'sso-not-enrolled', false],
    ];
    for (const [role, subject, seesCohort] of cases) {
      it(`${role} ${subject} ${seesCohort ? 'sees' : 'does not see'} the cohort; only ADMIN writes`, async () => {
        const s = await setup(t, 2);
        const as = graphqlAs(t, await tokenFor(s.tenant, [role], subject));
        const answer = await as(
          `query ($id: ID!) { cohort(id: $id) { name enrollments { nodes { person { name } } } facilitators { name } }
             cohorts { nodes { name } } programs { nodes { title } } }`,
          { id: s.cohortId },
        );
        expect(answer.errors).toBeUndefined();
        expect((answer.data!.programs as { nodes: unknown[] }).nodes).toHaveLength(1);
        expect((answer.data!.cohorts as { nodes: unknown[] }).nodes).toHaveLength(
          seesCohort ? 1 : 0,
        );
        if (!seesCohort) {
          expect(answer.data!.cohort).toBeNull();
        } else {
          const names = (
            answer.data!.cohort as { enrollments: { nodes: { person: { name: string } | null }[] } }
          ).enrollments.nodes.map((node) => node.person?.name ?? null);
          // A learner sees their own enrollment; the others every enrollment of the cohort.
          if (role === 'LEARNER') expect(names).toEqual(['Peserta 00']);
          else expect(names).toEqual(['Peserta 00', 'Peserta 01']);
          expect((answer.data!.cohort as { facilitators: unknown[] }).facilitators).toEqual([
            { name: 'Widyaiswara Wati' },
          ]);
        }
        const write = await as(
          `mutation ($p: ID!) { createCohort(input: { programId: $p, name: "II", startDate: "2026-04-01", endDate: "2026-05-01" }) { id } }`,
          { p: s.programId },
        );
        expect(codeOf(write)).toBe(role === 'ADMIN' ? undefined : 'FORBIDDEN');
      });
    }
  });

  it('loads a cohort page of enrollments with their people in a fixed number of queries', async () => {
    const s = await setup(t, 12);
    const page = `query ($id: ID!, $first: Int) { cohort(id: $id) { program { modules { title } }
      facilitators { name } enrollments(first: $first) { nodes { status person { name orgUnit { name } xapiIdentities { name } } } } } }`;
    const count = async (first: number) => {
      const before = t.queries.count;
      const answer = await s.admin(page, { id: s.cohortId, first });
      expect(answer.errors).toBeUndefined();
      return t.queries.count - before;
    };
    const forFour = await count(4);
    const forTwelve = await count(12);
    expect(forTwelve).toBeGreaterThanOrEqual(5);
    expect(forTwelve).toBeLessThanOrEqual(9);
    expect(forTwelve).toBe(forFour);
  });
});
