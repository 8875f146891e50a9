import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../lib/errors.js';
import {
  AttendanceReportError,
  parseAttendanceReport,
  type AttendanceReport,
  type GenericMapping,
} from './attendanceReport.js';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../test/fixtures/meetings/${name}`, import.meta.url));

/** Intervals as ISO strings, which read better in expectations than Dates. */
function plain(report: AttendanceReport) {
  return report.participants.map((p) => ({
    name: p.name,
    email: p.email,
    intervals: p.intervals.map((i) => [i.joinedAt.toISOString(), i.leftAt.toISOString()]),
  }));
}

function failure(run: () => unknown): AttendanceReportError {
  try {
    run();
  } catch (error) {
    if (error instanceof AttendanceReportError) return error;
    throw error;
  }
  throw new Error('expected an AttendanceReportError');
}

const webexMapping: GenericMapping = {
  name: 'Participant Name',
  email: 'Attendee Email',
  joinedAt: 'Join Time',
  leftAt: 'Leave Time',
  duration: 'Attendance Duration',
  dateFormat: 'MM/DD/YYYY hh:mm A',
};

describe('Teams attendance reports', () => {
  const expected = [
    {
      name: 'Siti Rahma',
      email: 'siti.rahma@bpkad.jatimprov.go.id',
      intervals: [['2026-03-02T01:58:10.000Z', '2026-03-02T05:00:00.000Z']],
    },
    {
      name: 'Budi Santoso',
      email: 'budi.santoso@bpkad.jatimprov.go.id',
      // Dropped at 10:15:30 WIB and rejoined at 10:18:02: two intervals, in order.
      intervals: [
        ['2026-03-02T02:01:05.000Z', '2026-03-02T03:15:30.000Z'],
        ['2026-03-02T03:18:02.000Z', '2026-03-02T04:55:40.000Z'],
      ],
    },
    {
      name: 'Rahma, Dewi',
      email: 'dewi.rahma@bpkad.jatimprov.go.id',
      intervals: [['2026-03-02T02:05:00.000Z', '2026-03-02T04:30:00.000Z']],
    },
    {
      // No Email, but a UPN; her activity rows (no email either) join her by name.
      name: 'Nur Aini Lestari',
      email: 'nur.lestari@bappeda.jatimprov.go.id',
      intervals: [['2026-03-02T02:10:00.000Z', '2026-03-02T04:50:00.000Z']],
    },
    {
      name: 'Agus Prasetyo (Tamu)',
      email: null,
      intervals: [
        ['2026-03-02T02:30:00.000Z', '2026-03-02T03:45:00.000Z'],
        ['2026-03-02T04:00:00.000Z', '2026-03-02T05:00:00.000Z'],
      ],
    },
  ];

  it('reads the summary title and the per-join activities (3/2/26 with AM/PM is 2 March)', () => {
    const report = parseAttendanceReport(fixture('teams-attendance.csv'), 'TEAMS');
    expect(report.meetingTitle).toBe('Rapat Koordinasi Penyusunan APBD 2026');
    expect(plain(report)).toEqual(expected);
  });

  it('reads the UTF-16LE tab-separated download the same, as a Buffer or a Uint8Array', () => {
    const bytes = fixture('teams-attendance-utf16.csv');
    expect(plain(parseAttendanceReport(bytes, 'TEAMS'))).toEqual(expected);
    const report = parseAttendanceReport(new Uint8Array(bytes), 'TEAMS');
    expect(report.meetingTitle).toBe('Rapat Koordinasi Penyusunan APBD 2026');
    expect(plain(report)).toEqual(expected);
  });

  it('takes First Join → Last Leave without an activities section, and ISO dates', () => {
    const text = [
      '1. Summary',
      'Meeting title\tPelatihan SIPD',
      '',
      '2. Participants',
      'Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole',
      'Siti Rahma\t2026-03-02 09:02:14\t2026-03-02 11:59:00\t2h 56m 46s\tsiti.rahma@bpkad.jatimprov.go.id\t\tOrganizer',
    ].join('\n');
    expect(plain(parseAttendanceReport(text, 'TEAMS', { timeZone: 'Asia/Makassar' }))).toEqual([
      {
        name: 'Siti Rahma',
        email: 'siti.rahma@bpkad.jatimprov.go.id',
        intervals: [['2026-03-02T01:02:14.000Z', '2026-03-02T03:59:00.000Z']],
      },
    ]);
  });

  it('takes First Join → Last Leave for someone without activity rows', () => {
    const text = [
      'Name,First Join,Last Leave,Email',
      'Siti Rahma,2026-03-02 09:00:00,2026-03-02 12:00:00,siti.rahma@bpkad.jatimprov.go.id',
      'Wahyu,2026-03-02 09:30:00,2026-03-02 11:00:00,',
      '',
      'Name,Join Time,Leave Time,Email',
      'Siti Rahma,2026-03-02 09:00:00,2026-03-02 10:00:00,siti.rahma@bpkad.jatimprov.go.id',
      'Siti Rahma,2026-03-02 10:05:00,2026-03-02 12:00:00,SITI.RAHMA@bpkad.jatimprov.go.id',
    ].join('\n');
    expect(plain(parseAttendanceReport(text, 'TEAMS'))).toEqual([
      {
        name: 'Siti Rahma',
        email: 'siti.rahma@bpkad.jatimprov.go.id',
        intervals: [
          ['2026-03-02T02:00:00.000Z', '2026-03-02T03:00:00.000Z'],
          ['2026-03-02T03:05:00.000Z', '2026-03-02T05:00:00.000Z'],
        ],
      },
      {
        name: 'Wahyu',
        email: null,
        intervals: [['2026-03-02T02:30:00.000Z', '2026-03-02T04:00:00.000Z']],
      },
    ]);
  });

  it('reads the older attendance list, pairing Joined and Left per person', () => {
    const text = [
      'Full Name\tUser Action\tTimestamp',
      'Siti Rahma\tJoined\t02/03/2026 08:58:10',
      'Budi Santoso\tJoined before\t02/03/2026 09:01:05',
      'Budi Santoso\tLeft\t02/03/2026 10:15:30',
      'Budi Santoso\tJoined\t02/03/2026 10:18:02',
      'Siti Rahma\tLeft\t02/03/2026 12:00:00',
    ].join('\r\n');
    expect(plain(parseAttendanceReport(text, 'TEAMS'))).toEqual([
      {
        name: 'Siti Rahma',
        email: null,
        intervals: [['2026-03-02T01:58:10.000Z', '2026-03-02T05:00:00.000Z']],
      },
      {
        name: 'Budi Santoso',
        email: null,
        // Still in when the list was saved: counted until its last event.
        intervals: [
          ['2026-03-02T02:01:05.000Z', '2026-03-02T03:15:30.000Z'],
          ['2026-03-02T03:18:02.000Z', '2026-03-02T05:00:00.000Z'],
        ],
      },
    ]);
    const leftFirst = 'Full Name,User Action,Timestamp\nBudi Santoso,Left,02/03/2026 10:15:30\n';
    expect(failure(() => parseAttendanceReport(leftFirst, 'TEAMS')).message).toBe(
      'line 2, column "User Action" (2): Budi Santoso leaves without having joined',
    );
  });

  it('names the line and column a participant table lacks', () => {
    const error = failure(() =>
      parseAttendanceReport(fixture('teams-missing-column.csv'), 'TEAMS'),
    );
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', line: 10, columnName: 'Last Leave' });
    expect(error.message).toMatch(/^line 10, column "Last Leave": the header has no such column/);
  });

  it('rejects a file that is no Teams report', () => {
    const error = failure(() => parseAttendanceReport(fixture('meet-attendance.csv'), 'TEAMS'));
    expect(error.message).toMatch(/no line has the participant columns of a Teams report/);
  });
});

describe('Google Meet attendance reports', () => {
  it('joins first and last names and merges rows of one email whatever its case', () => {
    expect(plain(parseAttendanceReport(fixture('meet-attendance.csv'), 'MEET'))).toEqual([
      {
        name: 'Siti Rahma',
        email: 'siti.rahma@bpkad.jatimprov.go.id',
        intervals: [['2026-03-02T01:58:10.000Z', '2026-03-02T05:00:00.000Z']],
      },
      {
        name: 'Budi Santoso',
        email: 'budi.santoso@bpkad.jatimprov.go.id',
        intervals: [
          ['2026-03-02T02:01:05.000Z', '2026-03-02T03:15:30.000Z'],
          ['2026-03-02T03:18:02.000Z', '2026-03-02T04:55:40.000Z'],
        ],
      },
      {
        // No Time exited: Time joined plus Duration (2 hr 25 min).
        name: 'Dewi Rahma',
        email: 'dewi.rahma@bpkad.jatimprov.go.id',
        intervals: [['2026-03-02T02:05:00.000Z', '2026-03-02T04:30:00.000Z']],
      },
      {
        name: 'Wahyu',
        email: 'wahyu@diskominfo.jatimprov.go.id',
        intervals: [['2026-03-02T04:15:00.000Z', '2026-03-02T05:00:00.000Z']],
      },
    ]);
  });

  it('reads the Participant Name / Joined at / Left at variant', () => {
    const text =
      'Participant Name;Participant Email;Joined at;Left at;Duration\r\n' +
      'Siti Rahma;;2 Mar 2026 09:00;2 Maret 2026 pukul 10.30;90 min\r\n';
    expect(plain(parseAttendanceReport(text, 'MEET'))).toEqual([
      {
        name: 'Siti Rahma',
        email: null,
        intervals: [['2026-03-02T02:00:00.000Z', '2026-03-02T03:30:00.000Z']],
      },
    ]);
  });

  it('names the line and column of a date that is none', () => {
    const error = failure(() => parseAttendanceReport(fixture('meet-bad-date.csv'), 'MEET'));
    expect(error).toMatchObject({ line: 4, column: 3, columnName: 'Joined at' });
    expect(error.message).toBe(
      'line 4, column "Joined at" (3): "31/13/2026 09:00" is not a date and time (read as day/month/year)',
    );
  });
});

describe('generic attendance CSVs (Webex)', () => {
  it('reads mapped columns after a preamble, with duration where Leave Time is empty', () => {
    const report = parseAttendanceReport(fixture('webex-attendance.csv'), 'GENERIC', {
      mapping: webexMapping,
    });
    expect(report.meetingTitle).toBeNull();
    expect(plain(report)).toEqual([
      {
        name: 'Siti Rahma',
        email: 'siti.rahma@bpkad.jatimprov.go.id',
        intervals: [['2026-03-02T01:58:00.000Z', '2026-03-02T05:00:00.000Z']],
      },
      {
        name: 'Rahma, Dewi',
        email: 'dewi.rahma@bpkad.jatimprov.go.id',
        intervals: [
          ['2026-03-02T02:05:00.000Z', '2026-03-02T03:20:00.000Z'],
          ['2026-03-02T03:31:00.000Z', '2026-03-02T04:30:00.000Z'],
        ],
      },
      {
        // A dial-in caller without an email: both rows merge under the name.
        name: 'Slamet (Telepon)',
        email: null,
        intervals: [
          ['2026-03-02T02:15:00.000Z', '2026-03-02T03:00:00.000Z'],
          ['2026-03-02T03:05:00.000Z', '2026-03-02T04:40:00.000Z'],
        ],
      },
    ]);
  });

  it('reads the same file without a dateFormat (AM/PM: month first)', () => {
    const { dateFormat: _, ...liberal } = webexMapping;
    const report = parseAttendanceReport(fixture('webex-attendance.csv'), 'GENERIC', {
      mapping: liberal,
    });
    expect(plain(report)[0]?.intervals).toEqual([
      ['2026-03-02T01:58:00.000Z', '2026-03-02T05:00:00.000Z'],
    ]);
  });

  it('names the line and column of a quote never closed', () => {
    const error = failure(() =>
      parseAttendanceReport(fixture('webex-unterminated-quote.csv'), 'GENERIC', {
        mapping: webexMapping,
      }),
    );
    expect(error).toMatchObject({ line: 3, column: 1, columnName: 'Participant Name' });
    expect(error.message).toBe(
      'line 3, column "Participant Name" (1): a quote opened here is never closed (the value begins "Rahma, Dewi,dewi.rahma@…")',
    );
  });

  it('refuses a mapping without a leave time or duration, or naming a missing column', () => {
    const text = 'Nama,Masuk,Keluar\nSiti Rahma,02/03/2026 09:00,02/03/2026 12:00\n';
    expect(() =>
      parseAttendanceReport(text, 'GENERIC', { mapping: { name: 'Nama', joinedAt: 'Masuk' } }),
    ).toThrow(new BadUserInputError('the column mapping needs leftAt or duration'));
    expect(() => parseAttendanceReport(text, 'GENERIC')).toThrow(BadUserInputError);
    const mapping = { name: 'Nama', joinedAt: 'Masuk', leftAt: 'Keluar', email: 'Surel' };
    expect(failure(() => parseAttendanceReport(text, 'GENERIC', { mapping })).message).toBe(
      'line 1, column "Surel": the header has no such column; it has "Nama", "Masuk", "Keluar"',
    );
  });
});
