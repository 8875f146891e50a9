// Programmes, modules, cohorts and enrollments through GraphQL, and the xAPI statement an
// enrolment writes, read back through /xapi/statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
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

  it('updates and deletes programmes and modules while nothing depends on them', async () => {
    const s = await setup(t, 1);
    const draft = dataOf(
      await s.admin(
        `mutation { createProgram(input: { title: "Draf pelatihan", learningKind: KLASIKAL, totalJp: 8 }) { id status } }`,
      ),
    ).createProgram;
    expect(draft.status).toBe('DRAFT');
    const module = dataOf(
      await s.admin(
        `mutation ($p: ID!) { createModule(input: { programId: $p, phase: ONLINE_SELF_PACED, position: 1,
           title: "Modul 1", expectedMinutes: 30 }) { id program { title } } }`,
        { p: draft.id },
      ),
    ).createModule;
    expect(module.program).toEqual({ title: 'Draf pelatihan' });
    const updateModule = `mutation ($id: ID!, $iris: [String!], $due: Int) {
      updateModule(input: { id: $id, title: "Modul 1 (revisi)", activityIris: $iris, dueOffsetDays: $due })
      { title activityIris dueOffsetDays expectedMinutes phase } }`;
    expect(
      dataOf(
        await s.admin(updateModule, {
          id: module.id,
          iris: [`${moodle}/mod/quiz/view.php?id=42`],
          due: 14,
        }),
      ).updateModule,
    ).toEqual({
      title: 'Modul 1 (revisi)',
      activityIris: [`${moodle}/mod/quiz/view.php?id=42`],
      dueOffsetDays: 14,
      expectedMinutes: 30,
      phase: 'ONLINE_SELF_PACED',
    });
    expect(codeOf(await s.admin(updateModule, { id: module.id, iris: ['not an iri'] }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await s.admin(updateModule, { id: module.id, due: -1 }))).toBe('BAD_USER_INPUT');
    const updateProgram = `mutation ($id: ID!, $jp: Int, $status: ProgramStatus, $title: String) {
      updateProgram(input: { id: $id, totalJp: $jp, status: $status, title: $title }) { title totalJp status } }`;
    expect(
      dataOf(await s.admin(updateProgram, { id: draft.id, jp: 12, status: 'OPEN' })).updateProgram,
    ).toEqual({
      title: 'Draf pelatihan',
      totalJp: 12,
      status: 'OPEN',
    });
    expect(codeOf(await s.admin(updateProgram, { id: draft.id, title: null }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await s.admin(updateProgram, { id: draft.id, jp: -1 }))).toBe('BAD_USER_INPUT');

    const deleteProgram = `mutation ($id: ID!) { deleteProgram(id: $id) }`;
    expect(codeOf(await s.admin(deleteProgram, { id: s.programId }))).toBe('CONFLICT');
    expect(
      dataOf(await s.admin(`mutation ($id: ID!) { deleteModule(id: $id) }`, { id: module.id }))
        .deleteModule,
    ).toBe(module.id);
    expect(dataOf(await s.admin(deleteProgram, { id: draft.id })).deleteProgram).toBe(draft.id);
    expect(
      dataOf(await s.admin(`query ($id: ID!) { program(id: $id) { id } }`, { id: draft.id }))
        .program,
    ).toBeNull();
  });

  it('changes a cohort’s dates, capacity and facilitators, and deletes only an empty cohort', async () => {
    const s = await setup(t, 2);
    const other = await person(s.admin, 'Widyaiswara Baru', 'sso-new-facilitator');
    const update = `mutation ($id: ID!, $cap: Int, $f: [ID!], $end: LocalDate) {
      updateCohort(input: { id: $id, capacity: $cap, facilitatorIds: $f, endDate: $end }) { capacity endDate facilitators { name } } }`;
    expect(codeOf(await s.admin(update, { id: s.cohortId, cap: 1 }))).toBe('CONFLICT');
    expect(codeOf(await s.admin(update, { id: s.cohortId, end: '2025-12-31' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(
        await s.admin(update, { id: s.cohortId, f: ['00000000-0000-4000-8000-000000000000'] }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      dataOf(await s.admin(update, { id: s.cohortId, cap: 2, f: [other.id] })).updateCohort,
    ).toEqual({
      capacity: 2,
      endDate: '2026-03-31',
      facilitators: [{ name: 'Widyaiswara Baru' }],
    });
    // The facilitator list decides who sees the cohort.
    const cohorts = `{ cohorts { nodes { name } } }`;
    const before = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const after = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-new-facilitator'));
    expect(dataOf(await before(cohorts)).cohorts.nodes).toEqual([]);
    expect(dataOf(await after(cohorts)).cohorts.nodes).toEqual([{ name: 'Angkatan I' }]);

    const remove = `mutation ($id: ID!) { deleteCohort(id: $id) }`;
    expect(codeOf(await s.admin(remove, { id: s.cohortId }))).toBe('CONFLICT');
    const empty = dataOf(
      await s.admin(
        `mutation ($p: ID!, $f: [ID!]) { createCohort(input: { programId: $p, name: "Angkatan II", startDate: "2026-06-01",
           endDate: "2026-07-01", facilitatorIds: $f }) { id } }`,
        { p: s.programId, f: [other.id] },
      ),
    ).createCohort.id;
    expect(dataOf(await s.admin(remove, { id: empty })).deleteCohort).toBe(empty);
  });

  it('filters and sorts programmes and cohorts, and pages each cohort’s enrollments in one batch', async () => {
    const s = await setup(t, 3);
    const second = dataOf(
      await s.admin(
        `mutation ($p: ID!) { createCohort(input: { programId: $p, name: "Angkatan II", startDate: "2026-04-06", endDate: "2026-06-30" }) { id } }`,
        { p: s.programId },
      ),
    ).createCohort.id;
    for (const learner of s.learnerIds.slice(0, 2)) {
      dataOf(
        await s.admin(
          `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
          {
            c: second,
            p: learner,
          },
        ),
      );
    }
    const enrollmentIds = dataOf(
      await s.admin(`query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id } } } }`, {
        c: s.cohortId,
      }),
    ).cohort.enrollments.nodes.map((node: { id: string }) => node.id);
    dataOf(
      await s.admin(
        `mutation ($e: ID!) { updateEnrollmentStatus(input: { enrollmentId: $e, status: WITHDRAWN }) { status } }`,
        { e: enrollmentIds[1] },
      ),
    );
    dataOf(
      await s.admin(
        `mutation { createProgram(input: { title: "Bimtek SIPD", learningKind: KLASIKAL, totalJp: 16, status: RUNNING }) { id } }`,
      ),
    );

    const programs = dataOf(
      await s.admin(`{ newest: programs(orderBy: { field: CREATED_AT, direction: DESC }) { nodes { title } }
                       running: programs(status: RUNNING) { nodes { title } }
                       found: programs(search: "keuangan") { nodes { title } } }`),
    );
    expect(programs).toEqual({
      newest: { nodes: [{ title: 'Bimtek SIPD' }, { title: 'Pengelolaan Keuangan Daerah' }] },
      running: { nodes: [{ title: 'Bimtek SIPD' }] },
      found: { nodes: [{ title: 'Pengelolaan Keuangan Daerah' }] },
    });

    const cohorts = dataOf(
      await s.admin(`{ latest: cohorts(orderBy: { field: START_DATE, direction: DESC }) { nodes { name } }
                       inMay: cohorts(runningOn: "2026-05-15") { nodes { name } }
                       byName: cohorts(orderBy: { field: NAME, direction: ASC }, first: 1) { nodes { name } pageInfo { hasNextPage } } }`),
    );
    expect(cohorts).toEqual({
      latest: { nodes: [{ name: 'Angkatan II' }, { name: 'Angkatan I' }] },
      inMay: { nodes: [{ name: 'Angkatan II' }] },
      byName: { nodes: [{ name: 'Angkatan I' }], pageInfo: { hasNextPage: true } },
    });

    // Both cohorts' first pages come from one batched query; the next page continues after the cursor.
    const page = `query ($after: String) { cohorts { nodes { name
      enrollments(first: 1, after: $after) { nodes { person { name } } pageInfo { hasNextPage endCursor } }
      withdrawn: enrollments(status: WITHDRAWN) { nodes { person { name } } } } } }`;
    const first = dataOf(await s.admin(page)).cohorts.nodes;
    expect(first).toEqual([
      {
        name: 'Angkatan I',
        enrollments: {
          nodes: [{ person: { name: 'Peserta 00' } }],
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
        },
        withdrawn: { nodes: [{ person: { name: 'Peserta 01' } }] },
      },
      {
        name: 'Angkatan II',
        enrollments: {
          nodes: [{ person: { name: 'Peserta 00' } }],
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
        },
        withdrawn: { nodes: [] },
      },
    ]);
    const next = dataOf(
      await s.admin(
        `query ($c: ID!, $after: String) { cohort(id: $c) { enrollments(first: 5, after: $after) { nodes { person { name } } } } }`,
        {
          c: s.cohortId,
          after: first[0].enrollments.pageInfo.endCursor,
        },
      ),
    );
    expect(next.cohort.enrollments.nodes).toEqual([
      { person: { name: 'Peserta 01' } },
      { person: { name: 'Peserta 02' } },
    ]);
    expect(
      codeOf(
        await s.admin(`query ($after: String) { cohorts(after: $after) { nodes { name } } }`, {
          after: first[0].enrollments.pageInfo.endCursor,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
