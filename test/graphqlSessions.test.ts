// Face-to-face sessions and attendance through GraphQL: who may schedule and record, what
// each role sees, and the xAPI statement each attendance record writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
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
    // Recording another status voids the statement of the one it replaces (LATE): one live
    // statement per attendance row; the voiding itself is listed, as it refers to the session's.
    const voided = 'http://adlnet.gov/expapi/verbs/voided';
    expect(
      statements.map((st) =>
        st.verb.id === voided ? [voided] : [st.verb.id, Object.values(st.result.extensions)[0]],
      ),
    ).toEqual([
      ['http://adlnet.gov/expapi/verbs/attended', 'PRESENT'],
      [voided],
      ['https://w3id.org/xapi/jejak/verbs/was-absent', 'EXCUSED'],
    ]);
    expect(
      statements
        .filter((st) => st.verb.id !== voided)
        .every(
          (st) =>
            st.context.registration === s.registration && st.actor.account.homePage === moodle,
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

  it('reschedules and deletes sessions until attendance is recorded, and pages them', async () => {
    const s = await setup(t, 2);
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const ids: string[] = [];
    for (const day of [4, 2, 3]) {
      const created = await facilitator(
        `mutation ($c: ID!, $from: DateTime!, $to: DateTime!, $t: String!) { createSession(input: { cohortId: $c,
           title: $t, startsAt: $from, endsAt: $to }) { id } }`,
        {
          c: s.cohortId,
          t: `Hari ${day}`,
          from: `2026-02-0${day}T01:00:00Z`,
          to: `2026-02-0${day}T09:00:00Z`,
        },
      );
      ids.push(dataOf(created).createSession.id);
    }
    const [fourth, second] = ids as [string, string, string];
    const update = `mutation ($id: ID!, $from: DateTime, $to: DateTime, $place: String, $title: String) {
      updateSession(input: { id: $id, startsAt: $from, endsAt: $to, place: $place, title: $title }) { title startsAt endsAt place } }`;
    expect(
      dataOf(
        await facilitator(update, {
          id: fourth,
          from: '2026-02-05T01:00:00Z',
          to: '2026-02-05T05:00:00Z',
          place: 'Ruang Rapat 2',
        }),
      ).updateSession,
    ).toEqual({
      title: 'Hari 4',
      startsAt: '2026-02-05T01:00:00.000Z',
      endsAt: '2026-02-05T05:00:00.000Z',
      place: 'Ruang Rapat 2',
    });
    expect(codeOf(await facilitator(update, { id: fourth, to: '2026-02-04T00:00:00Z' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await facilitator(update, { id: fourth, title: null }))).toBe('BAD_USER_INPUT');
    const stranger = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-other'));
    expect(codeOf(await stranger(update, { id: fourth, place: 'x' }))).toBe('NOT_FOUND');

    const list = `query ($c: ID!, $after: String, $from: DateTime) { cohort(id: $c) {
      sessions(first: 2, after: $after, from: $from) { nodes { title } pageInfo { hasNextPage endCursor } } } }`;
    const first = dataOf(await facilitator(list, { c: s.cohortId })).cohort.sessions;
    const rest = dataOf(await facilitator(list, { c: s.cohortId, after: first.pageInfo.endCursor }))
      .cohort.sessions;
    expect([...first.nodes, ...rest.nodes]).toEqual([
      { title: 'Hari 2' },
      { title: 'Hari 3' },
      { title: 'Hari 4' },
    ]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const later = dataOf(await facilitator(list, { c: s.cohortId, from: '2026-02-03T00:00:00Z' }));
    expect(later.cohort.sessions.nodes).toEqual([{ title: 'Hari 3' }, { title: 'Hari 4' }]);

    dataOf(await facilitator(record, { s: second, p: s.learnerIds[0], status: 'PRESENT' }));
    const remove = `mutation ($id: ID!) { deleteSession(id: $id) }`;
    expect(codeOf(await facilitator(remove, { id: second }))).toBe('CONFLICT');
    expect(dataOf(await facilitator(remove, { id: fourth })).deleteSession).toBe(fourth);
    const attendance = dataOf(
      await facilitator(
        `query ($c: ID!) { cohort(id: $c) { sessions { nodes { title
        attendance(first: 1) { nodes { status recordedBy session { title } } pageInfo { hasNextPage } } } } } }`,
        {
          c: s.cohortId,
        },
      ),
    );
    expect(attendance.cohort.sessions.nodes).toEqual([
      {
        title: 'Hari 2',
        attendance: {
          nodes: [
            { status: 'PRESENT', recordedBy: 'sso-facilitator', session: { title: 'Hari 2' } },
          ],
          pageInfo: { hasNextPage: false },
        },
      },
      { title: 'Hari 3', attendance: { nodes: [], pageInfo: { hasNextPage: false } } },
    ]);
  });
});
