// Action plans through GraphQL: the learner writes their own plan and steps, the mentor and
// facilitators review it, and step updates write xAPI statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { person, setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

describe('GraphQL: action plans', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('is written by its learner, reviewed by their mentor, and recorded step by step', async () => {
    const s = await setup(t, 2);
    const mentor = await person(s.admin, 'Atasan Langsung', 'sso-mentor');
    await person(s.admin, 'Mentor Lain', 'sso-mentor-2');
    await s.admin(
      `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e }) { id } }`,
      { c: s.cohortId, m: mentor.id, e: s.learnerIds[0] },
    );
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    const forOther = await learner(
      `mutation ($c: ID!, $p: ID!) { createActionPlan(input: { cohortId: $c, personId: $p, goal: "x" }) { id } }`,
      { c: s.cohortId, p: s.learnerIds[1] },
    );
    expect(codeOf(forOther)).toBe('FORBIDDEN');
    const plan = await learner(
      `mutation ($c: ID!) { createActionPlan(input: { cohortId: $c, goal: "Memangkas waktu penyusunan RKA 25%" }) { id status } }`,
      { c: s.cohortId },
    );
    expect(plan.errors).toBeUndefined();
    const planId = (plan.data!.createActionPlan as { id: string }).id;
    expect(
      codeOf(
        await learner(
          `mutation ($c: ID!) { createActionPlan(input: { cohortId: $c, goal: "lagi" }) { id } }`,
          { c: s.cohortId },
        ),
      ),
    ).toBe('CONFLICT');

    const step = await learner(
      `mutation ($p: ID!) { addActionPlanStep(input: { planId: $p, description: "Template RKA bersama", dueOn: "2026-04-15" }) { id position status } }`,
      { p: planId },
    );
    expect(step.data!.addActionPlanStep).toMatchObject({ position: 1, status: 'TODO' });
    const stepId = (step.data!.addActionPlanStep as { id: string }).id;
    const update = `mutation ($s: ID!, $status: ActionPlanStepStatus!, $links: [String!]) {
      updateActionPlanStep(input: { stepId: $s, status: $status, evidenceLinks: $links }) { status evidenceLinks } }`;
    await learner(update, { s: stepId, status: 'IN_PROGRESS' });
    expect(codeOf(await learner(update, { s: stepId, status: 'DONE', links: ['bukan url'] }))).toBe(
      'BAD_USER_INPUT',
    );
    const done = await learner(update, {
      s: stepId,
      status: 'DONE',
      links: ['https://drive.example.go.id/rka-v2'],
    });
    expect(done.data!.updateActionPlanStep).toEqual({
      status: 'DONE',
      evidenceLinks: ['https://drive.example.go.id/rka-v2'],
    });

    const review = `mutation ($p: ID!) { reviewActionPlan(input: { planId: $p, comment: "Bagus, lanjutkan ke bidang lain" }) { comment reviewer { name } } }`;
    const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor'));
    expect((await asMentor(review, { p: planId })).data!.reviewActionPlan).toEqual({
      comment: 'Bagus, lanjutkan ke bidang lain',
      reviewer: { name: 'Atasan Langsung' },
    });
    expect(
      codeOf(
        await graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor-2'))(review, {
          p: planId,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(codeOf(await learner(review, { p: planId }))).toBe('FORBIDDEN');

    const mine = await learner(
      `{ me { actionPlans { goal steps { status } reviews { comment } } } }`,
    );
    expect(mine.data!.me).toEqual({
      actionPlans: [
        {
          goal: 'Memangkas waktu penyusunan RKA 25%',
          steps: [{ status: 'DONE' }],
          reviews: [{ comment: 'Bagus, lanjutkan ke bidang lain' }],
        },
      ],
    });
    const seenByMentor = await asMentor(
      `{ mentorAssignments { nodes { mentee { actionPlans { goal } } } } }`,
    );
    expect(seenByMentor.data!.mentorAssignments).toEqual({
      nodes: [{ mentee: { actionPlans: [{ goal: 'Memangkas waktu penyusunan RKA 25%' }] } }],
    });

    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const verbs = (
      await lrs.get({ activity: `urn:jejak:action-plan-step:${stepId}`, ascending: 'true' })
    ).body.statements.map((st: { verb: { id: string } }) => st.verb.id);
    expect(verbs).toEqual([
      'http://adlnet.gov/expapi/verbs/progressed',
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
  });

  it('moves a plan through its statuses, approved only by a review, and keeps done steps', async () => {
    const s = await setup(t, 1);
    const mentor = await person(s.admin, 'Atasan Langsung', 'sso-mentor');
    dataOf(
      await s.admin(
        `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e }) { id } }`,
        { c: s.cohortId, m: mentor.id, e: s.learnerIds[0] },
      ),
    );
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    const planId = dataOf(
      await learner(
        `mutation ($c: ID!) { createActionPlan(input: { cohortId: $c, goal: "Audit internal tanpa temuan" }) { id } }`,
        { c: s.cohortId },
      ),
    ).createActionPlan.id;
    const update = `mutation ($p: ID!, $goal: String, $status: ActionPlanStatus) {
      updateActionPlan(input: { planId: $p, goal: $goal, status: $status }) { goal status } }`;
    expect(
      dataOf(
        await learner(update, { p: planId, goal: 'Temuan audit turun 40%', status: 'SUBMITTED' }),
      ).updateActionPlan,
    ).toEqual({ goal: 'Temuan audit turun 40%', status: 'SUBMITTED' });
    expect(codeOf(await learner(update, { p: planId, status: 'APPROVED' }))).toBe('CONFLICT');
    expect(codeOf(await learner(update, { p: planId, goal: null }))).toBe('BAD_USER_INPUT');
    const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor'));
    expect(codeOf(await asMentor(update, { p: planId, goal: 'x' }))).toBe('FORBIDDEN');
    dataOf(
      await asMentor(
        `mutation ($p: ID!) { reviewActionPlan(input: { planId: $p, comment: "Disetujui", approve: true }) { id } }`,
        { p: planId },
      ),
    );

    const add = `mutation ($p: ID!, $d: String!) { addActionPlanStep(input: { planId: $p, description: $d }) { id } }`;
    const first = dataOf(await learner(add, { p: planId, d: 'Checklist SPJ' })).addActionPlanStep
      .id;
    const second = dataOf(await learner(add, { p: planId, d: 'Reviu berjenjang' }))
      .addActionPlanStep.id;
    const change = `mutation ($s: ID!, $d: String, $due: LocalDate, $status: ActionPlanStepStatus) {
      updateActionPlanStep(input: { stepId: $s, description: $d, dueOn: $due, status: $status }) { description dueOn status } }`;
    expect(
      dataOf(await learner(change, { s: first, d: 'Checklist SPJ per bidang', due: '2026-05-01' }))
        .updateActionPlanStep,
    ).toEqual({ description: 'Checklist SPJ per bidang', dueOn: '2026-05-01', status: 'TODO' });
    expect(codeOf(await learner(change, { s: first, due: '2026-02-30' }))).toBe('BAD_USER_INPUT');
    dataOf(await learner(change, { s: first, status: 'DONE' }));
    const removeStep = `mutation ($id: ID!) { deleteActionPlanStep(id: $id) }`;
    expect(codeOf(await learner(removeStep, { id: first }))).toBe('CONFLICT');
    expect(dataOf(await learner(removeStep, { id: second })).deleteActionPlanStep).toBe(second);

    // The facilitator sees the cohort's plans; only the status change wrote a statement.
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const plans = dataOf(
      await facilitator(
        `query ($c: ID!) { cohort(id: $c) { actionPlans { nodes {
        goal status person { name } cohort { name } steps { description status } } } } }`,
        { c: s.cohortId },
      ),
    );
    expect(plans.cohort.actionPlans.nodes).toEqual([
      {
        goal: 'Temuan audit turun 40%',
        status: 'APPROVED',
        person: { name: 'Peserta 00' },
        cohort: { name: 'Angkatan I' },
        steps: [{ description: 'Checklist SPJ per bidang', status: 'DONE' }],
      },
    ]);
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const statements = (
      await lrs.get({ activity: `urn:jejak:action-plan-step:${first}` }).expect(200)
    ).body.statements as { verb: { id: string } }[];
    expect(statements.map((statement) => statement.verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
  });
});
