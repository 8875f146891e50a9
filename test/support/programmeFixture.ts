// A programme ready to use in GraphQL tests: three modules, a cohort with a facilitator
// (subject sso-facilitator) and learners enrolled (the first with subject sso-learner).
import { expect } from 'vitest';
import type { Tenant } from '../../src/domain/tenants/tenantDirectory.js';
import { graphqlAs, tokenFor } from './graphqlClient.js';
import { createTestTenant, type TestApp } from './testApp.js';

export const moodle = 'https://lms.bpsdm.example.go.id';
let serial = 0;
const nextNip = () => {
  serial += 1;
  return `19900101201801${serial % 2 === 0 ? 2 : 1}${String(serial).padStart(3, '0')}`;
};

export interface Setup {
  tenant: Tenant;
  admin: ReturnType<typeof graphqlAs>;
  programId: string;
  cohortId: string;
  registration: string;
  facilitatorId: string;
  learnerIds: string[];
}

export async function person(admin: ReturnType<typeof graphqlAs>, name: string, subject?: string) {
  const nip = nextNip();
  const answer = await admin(
    `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
    {
      input: {
        nip,
        employmentType: 'PNS',
        name,
        subject: subject ?? null,
        xapiAccounts: [{ homePage: moodle, name: nip }],
      },
    },
  );
  expect(answer.errors).toBeUndefined();
  return { id: (answer.data!.createPerson as { id: string }).id, nip };
}

/** A programme with three modules, a cohort with a facilitator, and learners enrolled. */
export async function setup(
  t: TestApp,
  learners = 2,
  capacity: number | null = null,
): Promise<Setup> {
  const tenant = await createTestTenant(t.database);
  const admin = graphqlAs(t, await tokenFor(tenant, ['ADMIN']));
  const program = await admin(
    `mutation { createProgram(input: { title: "Pengelolaan Keuangan Daerah", learningKind: NONKLASIKAL,
        siasnJenisDiklatId: 3, totalJp: 40, status: OPEN, startDate: "2026-01-05", endDate: "2026-03-31" }) { id } }`,
  );
  expect(program.errors).toBeUndefined();
  const programId = (program.data!.createProgram as { id: string }).id;
  for (const [position, phase, title] of [
    [2, 'FACE_TO_FACE', 'Bootcamp RKA'],
    [1, 'ONLINE_SELF_PACED', 'Micro-learning anggaran'],
    [3, 'ON_THE_JOB', 'Coaching di OPD'],
  ] as const) {
    const module = await admin(
      `mutation ($input: CreateModuleInput!) { createModule(input: $input) { id } }`,
      {
        input: {
          programId,
          phase,
          position,
          title,
          expectedMinutes: 180,
          activityIris: [`${moodle}/mod/page/view.php?id=${position}`],
        },
      },
    );
    expect(module.errors).toBeUndefined();
  }
  const facilitator = await person(admin, 'Widyaiswara Wati', 'sso-facilitator');
  const cohort = await admin(
    `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { id registration } }`,
    {
      input: {
        programId,
        name: 'Angkatan I',
        startDate: '2026-01-05',
        endDate: '2026-03-31',
        capacity,
        facilitatorIds: [facilitator.id],
      },
    },
  );
  expect(cohort.errors).toBeUndefined();
  const { id: cohortId, registration } = cohort.data!.createCohort as {
    id: string;
    registration: string;
  };
  const learnerIds: string[] = [];
  for (let n = 0; n < learners; n += 1) {
    const learner = await person(
      admin,
      `Peserta ${String(n).padStart(2, '0')}`,
      n === 0 ? 'sso-learner' : undefined,
    );
    const enrolled = await admin(
      `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id status } }`,
      { c: cohortId, p: learner.id },
    );
    expect(enrolled.errors).toBeUndefined();
    learnerIds.push(learner.id);
  }
  return {
    tenant,
    admin,
    programId,
    cohortId,
    registration,
    facilitatorId: facilitator.id,
    learnerIds,
  };
}

export interface SingleCohortProgramme {
  title: string;
  learningKind?: 'KLASIKAL' | 'NONKLASIKAL';
  siasnJenisDiklatId?: number;
  organiser?: string;
  totalJp: number;
  cohortName?: string;
  startDate: string;
  endDate: string;
}

/** A programme of its own with one cohort, the person enrolled in it: the enrollment's id. */
export async function enrollInNewProgramme(
  admin: ReturnType<typeof graphqlAs>,
  personId: string,
  programme: SingleCohortProgramme,
): Promise<string> {
  const program = await admin(
    `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
    {
      input: {
        title: programme.title,
        learningKind: programme.learningKind ?? 'KLASIKAL',
        siasnJenisDiklatId: programme.siasnJenisDiklatId ?? null,
        organiser: programme.organiser ?? null,
        totalJp: programme.totalJp,
        status: 'OPEN',
      },
    },
  );
  expect(program.errors).toBeUndefined();
  const cohort = await admin(
    `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { id } }`,
    {
      input: {
        programId: (program.data!.createProgram as { id: string }).id,
        name: programme.cohortName ?? 'Angkatan I',
        startDate: programme.startDate,
        endDate: programme.endDate,
      },
    },
  );
  expect(cohort.errors).toBeUndefined();
  const enrolled = await admin(
    `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
    { c: (cohort.data!.createCohort as { id: string }).id, p: personId },
  );
  expect(enrolled.errors).toBeUndefined();
  return (enrolled.data!.enrollPerson as { id: string }).id;
}
