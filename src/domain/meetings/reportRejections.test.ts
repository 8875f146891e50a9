import { describe, expect, it } from 'vitest';
import {
  AttendanceReportError,
  parseAttendanceReport,
  type GenericMapping,
} from './attendanceReport.js';

function failure(run: () => unknown): AttendanceReportError {
  try {
    run();
  } catch (error) {
    if (error instanceof AttendanceReportError) return error;
    throw error;
  }
  throw new Error('expected an AttendanceReportError');
}

describe('rejecting a whole file', () => {
  const mapping: GenericMapping = {
    name: 'Nama',
    email: 'Email',
    joinedAt: 'Masuk',
    leftAt: 'Keluar',
  };

  it('lists every problem, naming the first in the message', () => {
    const text = [
      'Nama,Email,Masuk,Keluar',
      'Siti Rahma,siti.rahma@bpkad.jatimprov.go.id,02/03/2026 09:00,02/03/2026 12:00',
      ',budi@bpkad.jatimprov.go.id,02/03/2026 09:00,02/03/2026 12:00',
      'Dewi Rahma,dewi.rahma,02/03/2026 09:00,02/03/2026 12:00',
      'Agus Prasetyo,,02/03/2026 11:00,02/03/2026 10:00',
      'Rahma, Nur,,02/03/2026 09:00,02/03/2026 12:00',
    ].join('\n');
    const error = failure(() => parseAttendanceReport(text, 'GENERIC', { mapping }));
    expect(error.message).toBe(
      'line 3, column "Nama" (1): the name is empty (and 3 more problems)',
    );
    expect(error.problems).toEqual([
      { path: 'line 3, column "Nama" (1)', rule: 'the name is empty' },
      { path: 'line 4, column "Email" (2)', rule: '"dewi.rahma" is not an email address' },
      {
        path: 'line 5, column "Keluar" (4)',
        rule: 'leaves ("02/03/2026 10:00") before joining ("02/03/2026 11:00")',
      },
      {
        path: 'line 6, column 5',
        rule: 'more values than the 4 columns of the header on line 1 (a value with an unquoted comma or tab?)',
      },
    ]);
  });

  it('refuses a file whose dates put the day first in one row and the month in another', () => {
    const text = [
      'Nama,Email,Masuk,Keluar',
      'Siti Rahma,,25/02/2026 09:00,25/02/2026 12:00',
      'Budi Santoso,,02/25/2026 09:00,02/25/2026 12:00',
    ].join('\n');
    expect(failure(() => parseAttendanceReport(text, 'GENERIC', { mapping })).message).toBe(
      'line 3, column "Masuk" (3): "02/25/2026 09:00" puts the month first, but "25/02/2026 09:00" on line 2 puts the day first',
    );
  });

  it('refuses empty files, tables without rows and unknown time zones', () => {
    expect(failure(() => parseAttendanceReport('\uFEFF\r\n', 'MEET')).message).toBe(
      'the file: the file is empty',
    );
    expect(
      failure(() => parseAttendanceReport('Nama,Email,Masuk,Keluar\n', 'GENERIC', { mapping })),
    ).toMatchObject({ line: 1 });
    expect(() => parseAttendanceReport('x', 'MEET', { timeZone: 'Asia/Jakarta_Barat' })).toThrow(
      /unknown time zone "Asia\/Jakarta_Barat"/,
    );
  });
});
