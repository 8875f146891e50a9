// Mentoring through GraphQL: who assigns mentors, the mentor's check-ins, who reads their
// private notes, and the xAPI statement a check-in writes (without the notes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { moodle, person, setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const assign = `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e }) { id } }`;
const checkIn = `mutation ($a: ID!) { recordCheckIn(input: { assignmentId: $a, heldOn: "2026-03-02", channel: VIDEO,
  notes: "Rahasia: kendala dengan atasan", nextSteps: "Susun draf RKA", skpProgress: "2 dari 5 indikator" }) { id notes private } }`;
const read = `{ mentorAssignments { nodes { mentor { name } mentee { name } checkIns { notes nextSteps private } } } }`;

describe('GraphQL: mentoring', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('lets a facilitator assign a mentor and the mentor record check-ins, notes kept private', async () => {
    const s = await setup(t, 2);
    const mentor = await person(s.admin, 'Atasan Langsung', 'sso-mentor');
    await person(s.admin, 'Mentor Lain', 'sso-mentor-2');
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(assign, { c: s.cohortId, m: mentor.id, e: s.learnerIds[0] }))).toBe(
      'FORBIDDEN',
    );
    const assigned = await facilitator(assign, { c: s.cohortId, m: mentor.id, e: s.learnerIds[0] });
    expect(assigned.errors).toBeUndefined();
    const assignmentId = (assigned.data!.assignMentor as { id: string }).id;

    const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor'));
    const otherMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor-2'));
    expect(codeOf(await otherMentor(checkIn, { a: assignmentId }))).toBe('NOT_FOUND');
    const recorded = await asMentor(checkIn, { a: assignmentId });
    expect(recorded.data!.recordCheckIn).toMatchObject({
      notes: 'Rahasia: kendala dengan atasan',
      private: true,
    });

    const expectations: [Role, string, 'notes' | 'hidden' | 'none'][] = [
      ['MENTOR', 'sso-mentor', 'notes'],
      ['LEARNER', 'sso-learner', 'notes'],
      ['FACILITATOR', 'sso-facilitator', 'notes'],
      ['ANALYST', 'sso-analyst', 'hidden'],
      ['ADMIN', 'sso-admin', 'hidden'],
      ['MENTOR', 'sso-mentor-2', 'none'],
    ];
    for (const [role, subject, expected] of expectations) {
      const answer = await graphqlAs(t, await tokenFor(s.tenant, [role], subject))(read);
      expect(answer.errors, `${role} ${subject}`).toBeUndefined();
      const nodes = (
        answer.data!.mentorAssignments as {
          nodes: { mentee: { name: string } | null; checkIns: unknown[] }[];
        }
      ).nodes;
      if (expected === 'none') {
        expect(nodes).toEqual([]);
        continue;
      }
      expect(nodes[0]!.mentee).toEqual({ name: 'Peserta 00' });
      expect(nodes[0]!.checkIns, `${role} ${subject}`).toEqual([
        expected === 'notes'
          ? { notes: 'Rahasia: kendala dengan atasan', nextSteps: 'Susun draf RKA', private: true }
          : { notes: null, nextSteps: null, private: false },
      ]);
    }

    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const [statement] = (await lrs.get({ verb: 'https://w3id.org/xapi/jejak/verbs/was-coached' }))
      .body.statements;
    expect(statement).toMatchObject({
      actor: { account: { homePage: moodle } },
      context: { registration: s.registration, instructor: { name: 'Atasan Langsung' } },
    });
    expect(JSON.stringify(statement)).not.toContain('Rahasia');
  });

  it('changes the coaching period, lets the mentor correct a check-in, and keeps assignments with check-ins', async () => {
    const s = await setup(t, 2);
    const mentor = await person(s.admin, 'Atasan Langsung', 'sso-mentor');
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const assignmentFor = async (learner: number) =>
      dataOf(await facilitator(assign, { c: s.cohortId, m: mentor.id, e: s.learnerIds[learner] }))
        .assignMentor.id as string;
    const first = await assignmentFor(0);
    const second = await assignmentFor(1);
    expect(
      codeOf(await facilitator(assign, { c: s.cohortId, m: mentor.id, e: s.learnerIds[0] })),
    ).toBe('CONFLICT');
    const period = `mutation ($id: ID!, $from: LocalDate, $to: LocalDate) {
      updateMentorAssignment(input: { id: $id, startsOn: $from, endsOn: $to }) { startsOn endsOn } }`;
    expect(
      dataOf(await facilitator(period, { id: first, from: '2026-02-09', to: '2026-04-03' }))
        .updateMentorAssignment,
    ).toEqual({
      startsOn: '2026-02-09',
      endsOn: '2026-04-03',
    });
    expect(codeOf(await facilitator(period, { id: first, to: '2026-01-01' }))).toBe(
      'BAD_USER_INPUT',
    );
    const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor'));
    expect(codeOf(await asMentor(period, { id: first, to: '2026-05-01' }))).toBe('FORBIDDEN');

    const checkInId = dataOf(await asMentor(checkIn, { a: first })).recordCheckIn.id;
    const correct = `mutation ($id: ID!, $notes: String, $channel: CheckInChannel) {
      updateCheckIn(input: { id: $id, notes: $notes, channel: $channel }) { heldOn channel notes nextSteps } }`;
    expect(
      dataOf(
        await asMentor(correct, {
          id: checkInId,
          notes: 'Kendala sudah diatasi',
          channel: 'IN_PERSON',
        }),
      ).updateCheckIn,
    ).toEqual({
      heldOn: '2026-03-02',
      channel: 'IN_PERSON',
      notes: 'Kendala sudah diatasi',
      nextSteps: 'Susun draf RKA',
    });
    expect(codeOf(await asMentor(correct, { id: checkInId, channel: null }))).toBe(
      'BAD_USER_INPUT',
    );
    const otherMentor = await person(s.admin, 'Mentor Lain', 'sso-mentor-2');
    expect(otherMentor.id).toBeDefined();
    const asOther = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor-2'));
    expect(codeOf(await asOther(correct, { id: checkInId, notes: 'x' }))).toBe('NOT_FOUND');
    // The correction stays out of the LRS: still the one statement the check-in wrote.
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const coached = (await lrs.get({ activity: `urn:jejak:check-in:${checkInId}` }).expect(200))
      .body.statements as unknown[];
    expect(coached).toHaveLength(1);
    expect(JSON.stringify(coached)).not.toContain('Kendala');

    const remove = `mutation ($id: ID!) { deleteMentorAssignment(id: $id) }`;
    expect(codeOf(await facilitator(remove, { id: first }))).toBe('CONFLICT');
    expect(dataOf(await facilitator(remove, { id: second })).deleteMentorAssignment).toBe(second);
    const listed = dataOf(
      await s.admin(
        `query ($c: ID!, $e: ID!) { cohort(id: $c) { mentorAssignments { nodes { mentee { name } } } }
        mentorAssignments(menteeId: $e) { nodes { id } } }`,
        { c: s.cohortId, e: s.learnerIds[0] },
      ),
    );
    expect(listed).toEqual({
      cohort: { mentorAssignments: { nodes: [{ mentee: { name: 'Peserta 00' } }] } },
      mentorAssignments: { nodes: [{ id: first }] },
    });
  });
});
