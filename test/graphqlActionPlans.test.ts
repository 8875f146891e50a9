// Action plans through GraphQL: the learner writes their own plan and steps, the mentor and
// facilitators review it, and step updates write xAPI statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
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
});
