// Face-to-face sessions and attendance through GraphQL: who may schedule and record, what
// each role sees, and the xAPI statement each attendance record writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { moodle, setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const createSession = `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Bootcamp hari 1",
  startsAt: "2026-02-02T01:00:00Z", endsAt: "2026-02-02T09:00:00Z", place: "Aula BPSDM" }) { id } }`;
const record = `mutation ($s: ID!, $p: ID!, $status: AttendanceStatus!) {
  recordAttendance(input: { sessionId: $s, personId: $p, status: $status }) { status person { name } } }`;

describe('GraphQL: sessions and attendance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('lets the cohort facilitator schedule and record attendance, stored as xAPI statements', async () => {
    const s = await setup(t, 2);
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const session = await facilitator(createSession, { c: s.cohortId });
    expect(session.errors).toBeUndefined();
    const sessionId = (session.data!.createSession as { id: string }).id;
    const present = await facilitator(record, {
      s: sessionId,
      p: s.learnerIds[0],
      status: 'PRESENT',
    });
    expect(present.data!.recordAttendance).toEqual({
      status: 'PRESENT',
      person: { name: 'Peserta 00' },
    });
    await facilitator(record, { s: sessionId, p: s.learnerIds[1], status: 'LATE' });
    await facilitator(record, { s: sessionId, p: s.learnerIds[1], status: 'EXCUSED' });

    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const statements = (
      await lrs.get({ activity: `urn:jejak:session:${sessionId}`, ascending: 'true' }).expect(200)
    ).body.statements as {
      actor: { account: { homePage: string } };
      verb: { id: string };
      result: { extensions: Record<string, string> };
      context: { registration: string };
    }[];
    expect(statements.map((st) => [st.verb.id, Object.values(st.result.extensions)[0]])).toEqual([
      ['http://adlnet.gov/expapi/verbs/attended', 'PRESENT'],
      ['http://adlnet.gov/expapi/verbs/attended', 'LATE'],
      ['https://w3id.org/xapi/jejak/verbs/was-absent', 'EXCUSED'],
    ]);
    expect(
      statements.every(
        (st) => st.context.registration === s.registration && st.actor.account.homePage === moodle,
      ),
    ).toBe(true);

    const seen = await facilitator(
      `query ($c: ID!) { cohort(id: $c) { sessions { nodes { title attendance { nodes { status person { name } } } } } } }`,
      { c: s.cohortId },
    );
    expect(seen.data!.cohort).toEqual({
      sessions: {
        nodes: [
          {
            title: 'Bootcamp hari 1',
            attendance: {
              nodes: expect.arrayContaining([
                { status: 'PRESENT', person: { name: 'Peserta 00' } },
                { status: 'EXCUSED', person: { name: 'Peserta 01' } },
              ]),
            },
          },
        ],
      },
    });
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    const own = await learner(
      `query ($c: ID!) { cohort(id: $c) { sessions { nodes { attendance { nodes { status } } } } } }`,
      { c: s.cohortId },
    );
    expect(own.data!.cohort).toEqual({
      sessions: { nodes: [{ attendance: { nodes: [{ status: 'PRESENT' }] } }] },
    });
  });

  it('refuses other facilitators, learners, people outside the cohort and bad times', async () => {
    const s = await setup(t, 1);
    const stranger = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-other'));
    expect(codeOf(await stranger(createSession, { c: s.cohortId }))).toBe('NOT_FOUND');
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(createSession, { c: s.cohortId }))).toBe('FORBIDDEN');

    const session = await s.admin(createSession, { c: s.cohortId });
    const sessionId = (session.data!.createSession as { id: string }).id;
    const outsider = await s.admin(
      `mutation { createPerson(input: { nip: "199505052020121001", employmentType: PNS, name: "Luar" }) { id } }`,
    );
    const outsiderId = (outsider.data!.createPerson as { id: string }).id;
    expect(codeOf(await s.admin(record, { s: sessionId, p: outsiderId, status: 'PRESENT' }))).toBe(
      'NOT_FOUND',
    );
    const backwards = await s.admin(
      `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "X", startsAt: "2026-02-02T09:00:00Z", endsAt: "2026-02-02T01:00:00Z" }) { id } }`,
      { c: s.cohortId },
    );
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    expect((await lrs.get({ activity: `urn:jejak:session:${sessionId}` })).body.statements).toEqual(
      [],
    );
  });
});
