// Attendance from meeting tools that export reports (issue 8): a Teams report (UTF-8, and the
// same file as Teams writes it, UTF-16 with tabs) and a Google Meet report imported through
// GraphQL into sessions, turned into attendance and `attended` statements; a malformed file
// refused whole with its line and column named; the CLI's import of the same file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rawRows } from '../src/db/rawRows.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const fixture = (name: string) => path.join('test', 'fixtures', 'meetings', name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');
const attended = 'http://adlnet.gov/expapi/verbs/attended';

let t: TestApp;
let s: Setup;
let facilitator: ReturnType<typeof graphqlAs>;

const newSession = async (title: string) =>
  dataOf(
    await facilitator(
      // 09:00–12:00 WIB on 2 March 2026, as the sample reports were written.
      `mutation ($c: ID!, $t: String!) { createSession(input: { cohortId: $c, title: $t,
         startsAt: "2026-03-02T02:00:00Z", endsAt: "2026-03-02T05:00:00Z" }) { id } }`,
      { c: s.cohortId, t: title },
    ),
  ).createSession.id as string;

const importReport = (input: Record<string, unknown>) =>
  facilitator(
    `mutation ($input: ImportAttendanceReportInput!) { importAttendanceReport(input: $input) {
       meetingTitle participants unmatched written } }`,
    { input },
  );

const attendanceOf = async (sessionId: string) => {
  const cohort = dataOf(
    await facilitator(
      `query ($c: ID!) { cohort(id: $c) { sessions { nodes { id
         attendance { nodes { status minutesPresent source person { name } } }
         meetingParticipants(unmatchedOnly: true) { nodes { name } } } } } }`,
      { c: s.cohortId },
    ),
  ).cohort;
  const session = cohort.sessions.nodes.find((node: { id: string }) => node.id === sessionId);
  return {
    attendance: (
      session.attendance.nodes as {
        status: string;
        minutesPresent: number;
        source: string;
        person: { name: string };
      }[]
    )
      .map((row) => [row.person.name, row.status, row.minutesPresent, row.source])
      .sort(),
    unmatched: (session.meetingParticipants.nodes as { name: string }[])
      .map((row) => row.name)
      .sort(),
  };
};

beforeAll(async () => {
  t = await startTestApp();
  s = await setup(t, 4);
  facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
  // Three learners are the report's Siti, Budi and Dewi by their email; the fourth was not there.
  for (const [n, email] of [
    'siti.rahma@bpkad.jatimprov.go.id',
    'budi.santoso@bpkad.jatimprov.go.id',
    'dewi.rahma@bpkad.jatimprov.go.id',
  ].entries()) {
    dataOf(
      await s.admin(
        `mutation ($id: ID!, $e: String) { updatePerson(input: { id: $id, email: $e }) { id } }`,
        { id: s.learnerIds[n], e: email },
      ),
    );
  }
});

afterAll(async () => {
  await t?.close();
});

// Scheduled 180 minutes; the defaults: LATE after 10 minutes' grace, ABSENT under 75% (135).
const expected = [
  ['Peserta 00', 'PRESENT', 180, 'MEETING'], // 08:58:10–12:00, clipped to the session
  ['Peserta 01', 'PRESENT', 172, 'MEETING'], // dropped 10:15:30, back 10:18:02 until 11:55:40
  ['Peserta 02', 'PRESENT', 145, 'MEETING'], // 09:05–11:30
  ['Peserta 03', 'ABSENT', 0, 'MEETING'], // in no report
];

describe('attendance reports', () => {
  it('imports a Teams report: rejoins merged, the absent learner recorded, guests listed', async () => {
    const sessionId = await newSession('Rapat koordinasi (Teams)');
    const answer = dataOf(
      await importReport({ sessionId, format: 'TEAMS', content: text('teams-attendance.csv') }),
    ).importAttendanceReport;
    expect(answer).toMatchObject({
      meetingTitle: 'Rapat Koordinasi Penyusunan APBD 2026',
      unmatched: 2,
      written: 4,
    });
    expect(await attendanceOf(sessionId)).toEqual({
      attendance: expected,
      unmatched: ['Agus Prasetyo (Tamu)', 'Nur Aini Lestari'],
    });

    // The same report as Teams downloads it (UTF-16, tabs) changes nothing.
    const again = dataOf(
      await importReport({
        sessionId,
        format: 'TEAMS',
        contentBase64: readFileSync(fixture('teams-attendance-utf16.csv')).toString('base64'),
      }),
    ).importAttendanceReport;
    expect(again.written).toBe(0);
    expect((await attendanceOf(sessionId)).attendance).toEqual(expected);

    // The LRS has the story: an `attended` statement per learner present, minutes as duration.
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const statements = (
      await lrs
        .get({ registration: s.registration, activity: `urn:jejak:session:${sessionId}` })
        .expect(200)
    ).body.statements as { verb: { id: string }; result: { duration: string } }[];
    expect(
      statements
        .filter((statement) => statement.verb.id === attended)
        .map((statement) => statement.result.duration)
        .sort(),
    ).toEqual(['PT145M', 'PT172M', 'PT180M']);
  });

  it('imports a Google Meet report', async () => {
    const sessionId = await newSession('Rapat koordinasi (Meet)');
    const answer = dataOf(
      await importReport({ sessionId, format: 'MEET', content: text('meet-attendance.csv') }),
    ).importAttendanceReport;
    expect(answer).toMatchObject({ unmatched: 1, written: 4 });
    expect(await attendanceOf(sessionId)).toEqual({
      attendance: expected,
      unmatched: ['Wahyu'],
    });
  });

  it('refuses a malformed file whole, naming the line and column', async () => {
    const sessionId = await newSession('Rapat koordinasi (berkas rusak)');
    const bad = await importReport({
      sessionId,
      format: 'GENERIC',
      content: text('meet-bad-date.csv'),
      mapping: {
        name: 'Participant Name',
        email: 'Participant Email',
        joinedAt: 'Joined at',
        leftAt: 'Left at',
      },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/^line 4, column "Joined at".*31\/13\/2026 09:00/);
    // Siti and Budi's good lines were not imported either.
    expect(await attendanceOf(sessionId)).toEqual({ attendance: [], unmatched: [] });

    const neither = await importReport({ sessionId, format: 'TEAMS' });
    expect(codeOf(neither)).toBe('BAD_USER_INPUT');
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    const forbidden = await learner(
      `mutation ($input: ImportAttendanceReportInput!) { importAttendanceReport(input: $input) { written } }`,
      { input: { sessionId, format: 'TEAMS', content: text('teams-attendance.csv') } },
    );
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
  });

  it('erases what the meeting tools said of an erased learner, and only of them', async () => {
    const budi = s.learnerIds[1]!;
    const nip = dataOf(await s.admin(`query ($id: ID!) { person(id: $id) { nip } }`, { id: budi }))
      .person.nip;
    const rows = async (email: string) => {
      const [row] = await rawRows<{ n: number }>(
        t.database.db,
        sql`select (select count(*) from meeting_report_intervals where lower(email) = ${email})
                 + (select count(*) from meeting_participants where lower(email) = ${email}) as n`,
      );
      return Number(row!.n);
    };
    expect(await rows('budi.santoso@bpkad.jatimprov.go.id')).toBeGreaterThan(0);
    const siti = await rows('siti.rahma@bpkad.jatimprov.go.id');
    const erased = dataOf(
      await s.admin(
        `mutation ($id: ID!, $nip: String!) { erasePerson(id: $id, confirmNip: $nip) { counts { meetingRecords } } }`,
        { id: budi, nip },
      ),
    ).erasePerson;
    // Teams: two activity rows and a participant; Meet: two rows and a participant.
    expect(erased.counts.meetingRecords).toBe(6);
    expect(await rows('budi.santoso@bpkad.jatimprov.go.id')).toBe(0);
    expect(await rows('siti.rahma@bpkad.jatimprov.go.id')).toBe(siti);
  });
});
