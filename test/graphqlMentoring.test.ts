// Mentoring through GraphQL: who assigns mentors, the mentor's check-ins, who reads their
// private notes, and the xAPI statement a check-in writes (without the notes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
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
});
