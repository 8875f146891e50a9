// Virtual sessions through HTTP and GraphQL: Zoom's signed webhook (handshake, forged and
// stale signatures, retried deliveries), the worker turning joins and leaves into attendance
// (rejoins merged, late and absent thresholds), an unmatched participant matched by the
// facilitator, and the attendance and xAPI statements read back; then a report import.
import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendance,
  cohorts,
  meetingEvents,
  meetingReportIntervals,
  programs,
  sessions,
} from '../src/db/schema/index.js';
import { processMeetingEvents } from '../src/domain/meetings/processMeetingEvents.js';
import { recordMeetingParticipation } from '../src/domain/meetings/recordMeetingParticipation.js';
import { writeAttendance } from '../src/domain/sessions/writeAttendance.js';
import { rawRows } from '../src/db/rawRows.js';
import { dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { databaseKind } from './support/testDatabase.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const secretsKey = 'secrets-key-for-tests-0123456789abcdef';
const secretToken = 'zoom-secret-token-abc123';
const meetingNumber = '85746065432';
const attended = 'http://adlnet.gov/expapi/verbs/attended';
const wasAbsent = 'https://w3id.org/xapi/jejak/verbs/was-absent';

/** Until another connection of this database waits for a lock (polled state, not a delay). */
async function someoneWaits(db: TestApp['database']['db']): Promise<void> {
  // Bounded (10 s) so a test that never blocks fails rather than hangs.
  for (const giveUp = Date.now() + 10_000; Date.now() < giveUp;) {
    const [row] = await rawRows<{ waiting: number }>(
      db,
      sql`select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((row?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('nobody waits for a lock');
}

describe('virtual sessions: attendance from meeting tools', () => {
  let t: TestApp;
  let s: Setup;
  let facilitator: ReturnType<typeof graphqlAs>;
  let webhookPath: string;
  let sessionId: string;

  const sign = (body: string, secret = secretToken, seconds = Math.floor(Date.now() / 1000)) => ({
    'x-zm-request-timestamp': String(seconds),
    'x-zm-signature': `v0=${createHmac('sha256', secret).update(`v0:${seconds}:${body}`).digest('hex')}`,
  });
  const post = (body: string, headers: Record<string, string>) =>
    t.http().post(webhookPath).set('content-type', 'application/json').set(headers).send(body);
  const participantEvent = (
    kind: 'joined' | 'left',
    who: { userId: string; name: string; email?: string },
    time: string,
    meetingUuid = 'instance-uuid-1==',
  ) =>
    JSON.stringify({
      event: `meeting.participant_${kind}`,
      event_ts: Date.parse(time),
      payload: {
        account_id: 'acc',
        object: {
          id: meetingNumber,
          uuid: meetingUuid,
          start_time: '2025-03-10T01:55:00Z',
          duration: 120,
          participant: {
            user_id: who.userId,
            user_name: who.name,
            email: who.email ?? '',
            [kind === 'joined' ? 'join_time' : 'leave_time']: time,
          },
        },
      },
    });
  const storedEvents = async () =>
    (
      await t.database.db
        .select()
        .from(meetingEvents)
        .where(
          and(eq(meetingEvents.tenantId, s.tenant.id), eq(meetingEvents.meetingId, meetingNumber)),
        )
    ).length;
  const attendanceOf = async (id: string) =>
    dataOf<{
      session: {
        attendance: {
          nodes: {
            status: string;
            minutesPresent: number;
            source: string;
            person: { name: string };
          }[];
        };
        meetingParticipants: {
          nodes: { participantKey: string; name: string; person: { id: string } | null }[];
        };
      };
    }>(
      await facilitator(
        `query ($c: ID!) { cohort(id: $c) { sessions { nodes { id
           attendance { nodes { status minutesPresent source person { name } } }
           meetingParticipants(unmatchedOnly: true) { nodes { participantKey name person { id } } } } } } }`,
        { c: s.cohortId },
      ).then((answer) => {
        const cohort = (answer.data as { cohort: { sessions: { nodes: { id: string }[] } } })
          .cohort;
        return {
          ...answer,
          data: { session: cohort.sessions.nodes.find((node) => node.id === id) },
        };
      }),
    ).session;

  beforeAll(async () => {
    t = await startTestApp({ secretsKey });
    s = await setup(t, 4);
    facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    // Three learners are known by their email; the fourth joins under a nickname.
    for (const [n, email] of [
      'ani@bpsdm.go.id',
      'Budi@BPSDM.go.id',
      'citra@bpsdm.go.id',
    ].entries()) {
      dataOf(
        await s.admin(
          `mutation ($id: ID!, $e: String) { updatePerson(input: { id: $id, email: $e }) { id } }`,
          { id: s.learnerIds[n], e: email },
        ),
      );
    }
  });
  afterAll(async () => t?.close());

  it('configures the Zoom webhook without ever showing its secret token', async () => {
    const configured = await s.admin(
      `mutation ($token: String!) { configureZoomWebhook(secretToken: $token) { path updatedBy } }`,
      { token: secretToken },
    );
    expect(dataOf(configured).configureZoomWebhook).toEqual({
      path: `/integrations/zoom/webhook/${s.tenant.slug}`,
      updatedBy: 'user-ADMIN',
    });
    expect(JSON.stringify(configured)).not.toContain(secretToken);
    webhookPath = dataOf(configured).configureZoomWebhook.path;

    const session = await facilitator(
      `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Bootcamp daring",
         startsAt: "2025-03-10T02:00:00Z", endsAt: "2025-03-10T04:00:00Z" }) { id } }`,
      { c: s.cohortId },
    );
    sessionId = dataOf(session).createSession.id;
    const linked = await facilitator(
      `mutation ($s: ID!) { setSessionMeeting(input: { sessionId: $s, provider: ZOOM,
         meetingId: "https://us02web.zoom.us/j/85746065432?pwd=abc" }) { meetingProvider meetingId } }`,
      { s: sessionId },
    );
    expect(dataOf(linked).setSessionMeeting).toEqual({
      meetingProvider: 'ZOOM',
      meetingId: meetingNumber,
    });
    const badLink = await facilitator(
      `mutation ($s: ID!) { setSessionMeeting(input: { sessionId: $s, provider: ZOOM, meetingId: "not a meeting" }) { id } }`,
      { s: sessionId },
    );
    expect(badLink.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers the URL validation handshake', async () => {
    const body = JSON.stringify({
      event: 'endpoint.url_validation',
      payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
    });
    const answer = await post(body, sign(body)).expect(200);
    expect(answer.body).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', secretToken)
        .update('qgg8vlvZRS6UYooatFL8Aw')
        .digest('hex'),
    });
  });

  it('refuses forged and stale signatures and stores nothing', async () => {
    const body = participantEvent(
      'joined',
      { userId: '1', name: 'Ani', email: 'ani@bpsdm.go.id' },
      '2025-03-10T01:55:00Z',
    );
    await post(body, sign(body, 'someone-elses-token')).expect(401);
    await post(body, { 'x-zm-request-timestamp': String(Math.floor(Date.now() / 1000)) }).expect(
      401,
    );
    await post(body, sign(body, secretToken, Math.floor(Date.now() / 1000) - 301)).expect(401);
    // Signed over another body.
    await post(body.replace('Ani', 'Eve'), sign(body)).expect(401);
    expect(await storedEvents()).toBe(0);
    // Another tenant's path, or none configured: not found.
    await t
      .http()
      .post('/integrations/zoom/webhook/no-such-tenant')
      .set('content-type', 'application/json')
      .set(sign(body))
      .send(body)
      .expect(404);
  });

  it('refuses before reading the body without a fresh signed request, and over 64 KiB', async () => {
    const padded = JSON.stringify({
      event: 'meeting.participant_joined',
      padding: 'x'.repeat(100 * 1024),
    });
    // No signature, or a stale timestamp: 401 from the headers alone, whatever the body.
    const now = Math.floor(Date.now() / 1000);
    const unsigned = await post(padded, { 'x-zm-request-timestamp': String(now) }).expect(401);
    expect(JSON.stringify(unsigned.body)).toMatch(/x-zm-signature: missing/);
    await post(padded, { 'x-zm-signature': 'v0=00' }).expect(401);
    await post(padded, sign(padded, secretToken, now - 301)).expect(401);
    // Signed, but larger than any participant event.
    await post(padded, sign(padded)).expect(413);
    expect(await storedEvents()).toBe(0);
  });

  it('acknowledges an event named after an Object property without storing it', async () => {
    const body = JSON.stringify({ event: 'toString', payload: {} });
    await post(body, sign(body)).expect(204);
    expect(await storedEvents()).toBe(0);
  });

  it('stores retried deliveries once and turns joins and leaves into attendance', async () => {
    const ani = { userId: '16778240', name: 'Ani', email: 'ani@bpsdm.go.id' };
    const aniAgain = { ...ani, userId: '16779264' };
    const budi = { userId: '16780288', name: 'Budi', email: 'budi@bpsdm.go.id' };
    const citra = { userId: '16781312', name: 'Citra', email: 'citra@bpsdm.go.id' };
    const nickname = { userId: '16782336', name: 'Pak Dedi HP' };
    const deliveries = [
      // Ani: early, drops at 02:40, rejoins at 02:45 under a new per-meeting id, stays past the end.
      participantEvent('joined', ani, '2025-03-10T01:55:00Z'),
      participantEvent('left', ani, '2025-03-10T02:40:00Z'),
      participantEvent('joined', aniAgain, '2025-03-10T02:45:00Z'),
      participantEvent('left', aniAgain, '2025-03-10T04:05:00Z'),
      // Budi: 20 minutes late (grace is 10), then to the end: 100 of 120 minutes.
      participantEvent('joined', budi, '2025-03-10T02:20:00Z'),
      participantEvent('left', budi, '2025-03-10T04:00:00Z'),
      // Citra: on time, but only an hour: under 75%.
      participantEvent('joined', citra, '2025-03-10T02:00:00Z'),
      participantEvent('left', citra, '2025-03-10T03:00:00Z'),
      // Dedi, known to nobody by that name.
      participantEvent('joined', nickname, '2025-03-10T01:58:00Z'),
      participantEvent('left', nickname, '2025-03-10T04:01:00Z'),
    ];
    for (const body of deliveries) await post(body, sign(body)).expect(204);
    // Zoom retries: the same deliveries again.
    for (const body of deliveries.slice(0, 3)) await post(body, sign(body)).expect(204);
    expect(await storedEvents()).toBe(10);

    // Answered before any attendance exists: the worker computes it.
    expect((await attendanceOf(sessionId)).attendance.nodes).toEqual([]);
    expect(await processMeetingEvents(t.database.db)).toBe(10);
    expect(await processMeetingEvents(t.database.db)).toBe(0);

    const session = await attendanceOf(sessionId);
    const byName = Object.fromEntries(
      session.attendance.nodes.map((row) => [
        row.person.name,
        [row.status, row.minutesPresent, row.source],
      ]),
    );
    expect(byName).toEqual({
      'Peserta 00': ['PRESENT', 115, 'MEETING'],
      'Peserta 01': ['LATE', 100, 'MEETING'],
      'Peserta 02': ['ABSENT', 60, 'MEETING'],
      'Peserta 03': ['ABSENT', 0, 'MEETING'],
    });
    expect(session.meetingParticipants.nodes).toEqual([
      { participantKey: 'name:pak dedi hp', name: 'Pak Dedi HP', person: null },
    ]);
  });

  it('recomputes when the facilitator matches a participant, voiding what it replaces', async () => {
    const matched = await facilitator(
      `mutation ($s: ID!, $p: ID!) { matchMeetingParticipant(input: { sessionId: $s,
         participantKey: "name:pak dedi hp", personId: $p }) { name minutesPresent person { name } } }`,
      { s: sessionId, p: s.learnerIds[3] },
    );
    expect(dataOf(matched).matchMeetingParticipant).toEqual({
      name: 'Pak Dedi HP',
      minutesPresent: 120,
      person: { name: 'Peserta 03' },
    });
    const session = await attendanceOf(sessionId);
    expect(session.meetingParticipants.nodes).toEqual([]);
    expect(session.attendance.nodes.find((row) => row.person.name === 'Peserta 03')).toMatchObject({
      status: 'PRESENT',
      minutesPresent: 120,
    });
    // Remembered as the learner's meeting identity.
    const identities = await facilitator(
      `query ($p: ID!) { person(id: $p) { meetingIdentities { provider identity } } }`,
      { p: s.learnerIds[3] },
    );
    expect(dataOf(identities).person.meetingIdentities).toEqual([
      { provider: 'ZOOM', identity: 'pak dedi hp' },
    ]);

    // The LRS: one live statement per learner, minutes as result.duration.
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const statements = async () =>
      (
        (
          await lrs
            .get({ registration: s.registration, activity: `urn:jejak:session:${sessionId}` })
            .expect(200)
        ).body.statements as {
          actor: { account: { name: string } };
          verb: { id: string };
          result: { duration: string; extensions: Record<string, string> };
        }[]
      )
        // Voidings (which refer to the session's statements) are listed too.
        .filter((statement) => statement.verb.id !== 'http://adlnet.gov/expapi/verbs/voided')
        .map((statement) => [
          statement.verb.id,
          statement.result.duration,
          Object.values(statement.result.extensions)[0],
        ])
        .sort();
    expect(await statements()).toEqual(
      [
        [attended, 'PT100M', 'LATE'],
        [attended, 'PT115M', 'PRESENT'],
        [attended, 'PT120M', 'PRESENT'],
        [wasAbsent, 'PT60M', 'ABSENT'],
      ].sort(),
    );

    // Recomputing what did not change writes nothing.
    dataOf(
      await facilitator(
        `mutation ($s: ID!) { setSessionMeeting(input: { sessionId: $s, provider: ZOOM, meetingId: "857 4606 5432" }) { id } }`,
        { s: sessionId },
      ),
    );
    expect(await statements()).toHaveLength(4);

    // The programme's thresholds: 30 minutes' grace, half the session.
    const program = await s.admin(
      `mutation ($id: ID!) { updateProgram(input: { id: $id, attendanceGraceMinutes: 30, attendanceMinShare: 0.5 }) {
         attendanceGraceMinutes attendanceMinShare } }`,
      { id: s.programId },
    );
    expect(dataOf(program).updateProgram).toEqual({
      attendanceGraceMinutes: 30,
      attendanceMinShare: 0.5,
    });
    const invalid = await s.admin(
      `mutation ($id: ID!) { updateProgram(input: { id: $id, attendanceMinShare: 1.5 }) { id } }`,
      { id: s.programId },
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    dataOf(
      await facilitator(
        `mutation ($s: ID!) { setSessionMeeting(input: { sessionId: $s, provider: ZOOM, meetingId: "${meetingNumber}" }) { id } }`,
        { s: sessionId },
      ),
    );
    expect(await statements()).toEqual(
      [
        [attended, 'PT100M', 'PRESENT'],
        [attended, 'PT115M', 'PRESENT'],
        [attended, 'PT120M', 'PRESENT'],
        [attended, 'PT60M', 'PRESENT'],
      ].sort(),
    );
  });

  it('keeps what a facilitator recorded by hand', async () => {
    dataOf(
      await facilitator(
        `mutation ($s: ID!, $p: ID!) { recordAttendance(input: { sessionId: $s, personId: $p, status: EXCUSED }) { status } }`,
        { s: sessionId, p: s.learnerIds[2] },
      ),
    );
    const body = participantEvent(
      'joined',
      { userId: '9', name: 'Citra', email: 'citra@bpsdm.go.id' },
      '2025-03-10T03:30:00Z',
    );
    await post(body, sign(body)).expect(204);
    await processMeetingEvents(t.database.db);
    expect(
      (await attendanceOf(sessionId)).attendance.nodes.find(
        (row) => row.person.name === 'Peserta 02',
      ),
    ).toMatchObject({ status: 'EXCUSED', source: 'MANUAL', minutesPresent: null });
  });

  it('never overwrites a MANUAL row committed after a computation read the attendance', async () => {
    // As a recomputation that read the rows before a facilitator's record was committed: it
    // asks to write Peserta 02 (MANUAL, EXCUSED above) as computed.
    const [session] = await t.database.db.select().from(sessions).where(eq(sessions.id, sessionId));
    const [cohort] = await t.database.db.select().from(cohorts).where(eq(cohorts.id, s.cohortId));
    const [program] = await t.database.db
      .select()
      .from(programs)
      .where(eq(programs.id, s.programId));
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const live = async () =>
      (
        (
          await lrs
            .get({ registration: s.registration, activity: `urn:jejak:session:${sessionId}` })
            .expect(200)
        ).body.statements as { id: string; verb: { id: string } }[]
      )
        .filter((statement) => statement.verb.id !== 'http://adlnet.gov/expapi/verbs/voided')
        .map((statement) => statement.id)
        .sort();
    const before = await live();
    const written = await t.database.db.transaction((tx) =>
      writeAttendance(tx, s.tenant.id, {
        session: session!,
        cohort: cohort!,
        program: program!,
        module: null,
        source: 'MEETING',
        recordedBy: 'jejak:meetings',
        records: [{ personId: s.learnerIds[2]!, status: 'ABSENT', minutesPresent: 30 }],
      }),
    );
    expect(written).toEqual([]);
    expect(
      (await attendanceOf(sessionId)).attendance.nodes.find(
        (row) => row.person.name === 'Peserta 02',
      ),
    ).toMatchObject({ status: 'EXCUSED', source: 'MANUAL', minutesPresent: null });
    // Its statement is not voided and no statement is added.
    expect(await live()).toEqual(before);
  });

  it('voids the statement of attendance recorded before rows kept their statement id', async () => {
    const created = await facilitator(
      `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Sesi lama",
         startsAt: "2025-03-13T02:00:00Z", endsAt: "2025-03-13T04:00:00Z" }) { id } }`,
      { c: s.cohortId },
    );
    const oldSession = dataOf(created).createSession.id as string;
    const record = async (status: string) =>
      dataOf(
        await facilitator(
          `mutation ($s: ID!, $p: ID!) { recordAttendance(input: { sessionId: $s, personId: $p, status: ${status} }) { status } }`,
          { s: oldSession, p: s.learnerIds[0] },
        ),
      );
    await record('PRESENT');
    // As a row written before migration 0023: no statement id.
    await t.database.db
      .update(attendance)
      .set({ statementId: null })
      .where(eq(attendance.sessionId, oldSession));
    await record('ABSENT');
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const live = (
      (
        await lrs
          .get({ registration: s.registration, activity: `urn:jejak:session:${oldSession}` })
          .expect(200)
      ).body.statements as { verb: { id: string } }[]
    )
      .map((statement) => statement.verb.id)
      .filter((verb) => verb !== 'http://adlnet.gov/expapi/verbs/voided');
    expect(live).toEqual([wasAbsent]);
  });

  it('imports a report: intervals of one source replaced, all or nothing', async () => {
    const session = await facilitator(
      `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Sesi Teams",
         startsAt: "2025-03-11T02:00:00Z", endsAt: "2025-03-11T03:00:00Z" }) { id } }`,
      { c: s.cohortId },
    );
    const teamsSession = dataOf(session).createSession.id as string;
    const at = (hhmm: string) => new Date(`2025-03-11T${hhmm}:00Z`);
    const source = { provider: 'TEAMS' as const, name: 'teams-attendance-report' };
    const summary = await t.database.db.transaction((tx) =>
      recordMeetingParticipation(tx, s.tenant.id, teamsSession, source, [
        {
          name: 'Ani',
          email: 'ANI@bpsdm.go.id',
          intervals: [{ joinedAt: at('02:00'), leftAt: at('03:00') }],
        },
        { name: 'Tamu', email: null, intervals: [{ joinedAt: at('02:05'), leftAt: at('02:50') }] },
      ]),
    );
    expect(summary).toEqual({ participants: 2, unmatched: 1, written: 4 });
    // A bad interval rolls back the whole import: the first one stays.
    await expect(
      t.database.db.transaction((tx) =>
        recordMeetingParticipation(tx, s.tenant.id, teamsSession, source, [
          {
            name: 'Ani',
            email: 'ani@bpsdm.go.id',
            intervals: [{ joinedAt: at('02:30'), leftAt: at('02:00') }],
          },
        ]),
      ),
    ).rejects.toThrow(/leftAt is before joinedAt/);
    // The corrected report replaces the first: Ani left at 02:30.
    await t.database.db.transaction((tx) =>
      recordMeetingParticipation(tx, s.tenant.id, teamsSession, source, [
        {
          name: 'Ani',
          email: 'ani@bpsdm.go.id',
          intervals: [{ joinedAt: at('02:00'), leftAt: at('02:30') }],
        },
      ]),
    );
    const rows = (await attendanceOf(teamsSession)).attendance.nodes;
    expect(rows.find((row) => row.person.name === 'Peserta 00')).toMatchObject({
      status: 'PRESENT', // half the session is enough under this programme's 0.5
      minutesPresent: 30,
    });
    expect((await attendanceOf(teamsSession)).meetingParticipants.nodes).toEqual([]);
  });
  it('keeps two instances of one meeting number apart, though Zoom reuses user ids', async () => {
    // A personal meeting number used for a morning and an afternoon session, 2 hours apart.
    const twoSessions: string[] = [];
    for (const [title, from, until] of [
      ['Pagi', '02:00', '04:00'],
      ['Siang', '06:00', '08:00'],
    ]) {
      const created = await facilitator(
        `mutation ($c: ID!, $t: String!, $a: DateTime!, $b: DateTime!) { createSession(input: {
           cohortId: $c, title: $t, startsAt: $a, endsAt: $b }) { id } }`,
        { c: s.cohortId, t: title, a: `2025-03-12T${from}:00Z`, b: `2025-03-12T${until}:00Z` },
      );
      const id = dataOf(created).createSession.id as string;
      dataOf(
        await facilitator(
          `mutation ($s: ID!) { setSessionMeeting(input: { sessionId: $s, provider: ZOOM, meetingId: "${meetingNumber}" }) { id } }`,
          { s: id },
        ),
      );
      twoSessions.push(id);
    }
    const ani = { userId: '500', name: 'Ani', email: 'ani@bpsdm.go.id' };
    const budi = { userId: '500', name: 'Budi', email: 'budi@bpsdm.go.id' };
    const deliveries = [
      participantEvent('joined', ani, '2025-03-12T02:00:00Z', 'morning=='),
      participantEvent('left', ani, '2025-03-12T04:00:00Z', 'morning=='),
      participantEvent('joined', budi, '2025-03-12T06:00:00Z', 'afternoon=='),
      // Budi's leave was lost; the afternoon instance's last event is Citra's leave at 08:00.
      participantEvent(
        'joined',
        { userId: '501', name: 'Citra' },
        '2025-03-12T06:30:00Z',
        'afternoon==',
      ),
      participantEvent(
        'left',
        { userId: '501', name: 'Citra' },
        '2025-03-12T08:00:00Z',
        'afternoon==',
      ),
    ];
    for (const body of deliveries) await post(body, sign(body)).expect(204);
    await processMeetingEvents(t.database.db);
    const statusOf = async (id: string) =>
      Object.fromEntries(
        (await attendanceOf(id)).attendance.nodes.map((row) => [
          row.person.name,
          [row.status, row.minutesPresent],
        ]),
      );
    expect(await statusOf(twoSessions[0]!)).toMatchObject({
      'Peserta 00': ['PRESENT', 120],
      'Peserta 01': ['ABSENT', 0],
    });
    expect(await statusOf(twoSessions[1]!)).toMatchObject({
      'Peserta 00': ['ABSENT', 0],
      'Peserta 01': ['PRESENT', 120],
    });

    // Unlinked (linked to the wrong meeting): its computed attendance goes, statements voided.
    dataOf(
      await facilitator(`mutation ($s: ID!) { clearSessionMeeting(sessionId: $s) { id } }`, {
        s: twoSessions[1],
      }),
    );
    expect((await attendanceOf(twoSessions[1]!)).attendance.nodes).toEqual([]);
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const live = (
      (
        await lrs
          .get({ registration: s.registration, activity: `urn:jejak:session:${twoSessions[1]}` })
          .expect(200)
      ).body.statements as { verb: { id: string } }[]
    ).filter((statement) => statement.verb.id !== 'http://adlnet.gov/expapi/verbs/voided');
    expect(live).toEqual([]);
    // The morning session keeps its own.
    expect(await statusOf(twoSessions[0]!)).toMatchObject({ 'Peserta 00': ['PRESENT', 120] });
  });

  it('asks which provider when a participant key names participants of two tools', async () => {
    const created = await facilitator(
      `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Dua alat",
         startsAt: "2025-03-14T02:00:00Z", endsAt: "2025-03-14T04:00:00Z" }) { id } }`,
      { c: s.cohortId },
    );
    const twoTools = dataOf(created).createSession.id as string;
    const tamu = {
      name: 'Tamu',
      email: null,
      intervals: [
        { joinedAt: new Date('2025-03-14T02:00:00Z'), leftAt: new Date('2025-03-14T04:00:00Z') },
      ],
    };
    for (const provider of ['TEAMS', 'MEET'] as const) {
      await t.database.db.transaction((tx) =>
        recordMeetingParticipation(tx, s.tenant.id, twoTools, { provider, name: provider }, [tamu]),
      );
    }
    const match = (provider: string) =>
      facilitator(
        `mutation ($s: ID!, $p: ID!) { matchMeetingParticipant(input: { sessionId: $s,
           participantKey: "name:tamu", ${provider} personId: $p }) { provider person { name } } }`,
        { s: twoTools, p: s.learnerIds[3] },
      );
    const ambiguous = await match('');
    expect(ambiguous.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(ambiguous.errors?.[0]?.message).toMatch(/MEET and TEAMS in this session; say which/);
    expect(dataOf(await match('provider: MEET,')).matchMeetingParticipant).toEqual({
      provider: 'MEET',
      person: { name: 'Peserta 03' },
    });
    // Teams' Tamu is someone else until said otherwise.
    const unmatched = (await attendanceOf(twoTools)).meetingParticipants.nodes;
    expect(unmatched.map((node) => node.name)).toEqual(['Tamu']);
  });

  it('shows the participants of a running session but writes attendance after its end', async () => {
    const startsAt = new Date(Date.now() - 30 * 60_000);
    const endsAt = new Date(Date.now() + 90 * 60_000);
    const created = await facilitator(
      `mutation ($c: ID!, $a: DateTime!, $b: DateTime!) { createSession(input: { cohortId: $c,
         title: "Sesi berjalan", startsAt: $a, endsAt: $b }) { id } }`,
      { c: s.cohortId, a: startsAt.toISOString(), b: endsAt.toISOString() },
    );
    const running = dataOf(created).createSession.id as string;
    const summary = await t.database.db.transaction((tx) =>
      recordMeetingParticipation(tx, s.tenant.id, running, { provider: 'MEET', name: 'live' }, [
        {
          name: 'Ani',
          email: 'ani@bpsdm.go.id',
          intervals: [{ joinedAt: startsAt, leftAt: new Date() }],
        },
        { name: 'Tamu Lain', email: null, intervals: [{ joinedAt: startsAt, leftAt: new Date() }] },
      ]),
    );
    expect(summary).toEqual({ participants: 2, unmatched: 1, written: 0 });
    const session = await attendanceOf(running);
    // No provisional ABSENT rows (nor was-absent statements) while the session runs.
    expect(session.attendance.nodes).toEqual([]);
    expect(session.meetingParticipants.nodes.map((node) => node.name)).toEqual(['Tamu Lain']);
  });
  // Two writers at once need a server: PGlite has one connection.
  it.skipIf(databaseKind !== 'postgres')(
    'runs concurrent writes of one session one by one (PostgreSQL)',
    async () => {
      const db = t.database.db;
      const created = await facilitator(
        `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Serentak",
           startsAt: "2025-03-15T02:00:00Z", endsAt: "2025-03-15T04:00:00Z" }) { id } }`,
        { c: s.cohortId },
      );
      const id = dataOf(created).createSession.id as string;
      const [session] = await db.select().from(sessions).where(eq(sessions.id, id));
      const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, s.cohortId));
      const [program] = await db.select().from(programs).where(eq(programs.id, s.programId));
      // Runs `first` in a transaction held open until `second` waits for it.
      const inTurn = async <T>(
        first: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<unknown>,
        second: () => Promise<T>,
      ): Promise<T> => {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let ready!: () => void;
        const started = new Promise<void>((resolve) => (ready = resolve));
        const a = db.transaction(async (tx) => {
          await first(tx);
          ready();
          await held;
        });
        await started;
        const b = second();
        await someoneWaits(db);
        release();
        await a;
        return b;
      };

      // Two first writers: a computation, and a facilitator's record while it is open.
      const answer = await inTurn(
        (tx) =>
          writeAttendance(tx, s.tenant.id, {
            session: session!,
            cohort: cohort!,
            program: program!,
            module: null,
            source: 'MEETING',
            recordedBy: 'jejak:meetings',
            records: [{ personId: s.learnerIds[1]!, status: 'ABSENT', minutesPresent: 0 }],
          }),
        () =>
          facilitator(
            `mutation ($s: ID!, $p: ID!) { recordAttendance(input: { sessionId: $s, personId: $p, status: PRESENT }) { status source } }`,
            { s: id, p: s.learnerIds[1] },
          ),
      );
      expect(dataOf(answer).recordAttendance).toEqual({ status: 'PRESENT', source: 'MANUAL' });
      const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
      const live = (
        (
          await lrs
            .get({ registration: s.registration, activity: `urn:jejak:session:${id}` })
            .expect(200)
        ).body.statements as { verb: { id: string } }[]
      )
        .map((statement) => statement.verb.id)
        .filter((verb) => verb !== 'http://adlnet.gov/expapi/verbs/voided');
      // The computation's was-absent is voided: one live statement.
      expect(live).toEqual([attended]);

      // Two imports of one report: the second replaces the first.
      const at = (hhmm: string) => new Date(`2025-03-15T${hhmm}:00Z`);
      const report = (name: string) => [
        { name, email: null, intervals: [{ joinedAt: at('02:00'), leftAt: at('04:00') }] },
      ];
      const source = { provider: 'TEAMS' as const, name: 'teams-report' };
      await inTurn(
        (tx) => recordMeetingParticipation(tx, s.tenant.id, id, source, report('Pertama')),
        () =>
          db.transaction((tx) =>
            recordMeetingParticipation(tx, s.tenant.id, id, source, report('Kedua')),
          ),
      );
      const intervals = await db
        .select({ name: meetingReportIntervals.name })
        .from(meetingReportIntervals)
        .where(eq(meetingReportIntervals.sessionId, id));
      expect(intervals).toEqual([{ name: 'Kedua' }]);
    },
  );
  it.skipIf(databaseKind !== 'postgres')(
    'settles each meeting in its own transaction: a blocked one does not hold back others',
    async () => {
      const db = t.database.db;
      const linked: string[] = [];
      for (const [title, number] of [
        ['Rapat A', '111222333'],
        ['Rapat B', '444555666'],
      ]) {
        const created = await facilitator(
          `mutation ($c: ID!, $t: String!) { createSession(input: { cohortId: $c, title: $t,
             startsAt: "2025-03-16T02:00:00Z", endsAt: "2025-03-16T04:00:00Z" }) { id } }`,
          { c: s.cohortId, t: title },
        );
        const id = dataOf(created).createSession.id as string;
        dataOf(
          await facilitator(
            `mutation ($s: ID!) { setSessionMeeting(input: { sessionId: $s, provider: ZOOM, meetingId: "${number}" }) { id } }`,
            { s: id },
          ),
        );
        const ani = { userId: '700', name: 'Ani', email: 'ani@bpsdm.go.id' };
        for (const [kind, time] of [
          ['joined', '02:00'],
          ['left', '04:00'],
        ] as const) {
          // Meeting A's events first, so they are due first.
          const body = participantEvent(
            kind,
            ani,
            `2025-03-16T${time}:00Z`,
            `uuid-${number}==`,
          ).replaceAll(meetingNumber, number!);
          await post(body, sign(body)).expect(204);
        }
        linked.push(id);
      }
      const [sessionA, sessionB] = linked as [string, string];
      const rowsOf = async (id: string) =>
        (await db.select().from(attendance).where(eq(attendance.sessionId, id))).length;

      // A facilitator's transaction holds session B.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let ready!: () => void;
      const locked = new Promise<void>((resolve) => (ready = resolve));
      const holder = db.transaction(async (tx) => {
        await tx.select().from(sessions).where(eq(sessions.id, sessionB)).for('update');
        ready();
        await held;
      });
      await locked;
      const worker = processMeetingEvents(db);
      await someoneWaits(db);
      // The worker waits for session B; meeting A is settled and committed already.
      expect(await rowsOf(sessionA)).toBe(4);
      expect(await rowsOf(sessionB)).toBe(0);
      release();
      await holder;
      expect(await worker).toBe(4);
      expect(await rowsOf(sessionB)).toBe(4);
    },
  );
});
