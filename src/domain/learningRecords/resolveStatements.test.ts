import { describe, expect, it } from 'vitest';
import {
  resolveActivity,
  resolveEnrollment,
  type EnrollmentOfPerson,
} from './resolveStatements.js';

const person = 'p1';
const enrollments: EnrollmentOfPerson[] = [
  {
    id: 'e-2025',
    personId: person,
    programId: 'keuangan',
    registration: 'r-2025',
    startDate: '2025-02-01',
    endDate: '2025-04-30',
  },
  {
    id: 'e-2026',
    personId: person,
    programId: 'keuangan',
    registration: 'r-2026',
    startDate: '2026-02-01',
    endDate: '2026-04-30',
  },
  {
    id: 'e-other',
    personId: person,
    programId: 'audit',
    registration: 'r-audit',
    startDate: '2026-03-01',
    endDate: '2026-03-31',
  },
  {
    id: 'e-someone',
    personId: 'p2',
    programId: 'keuangan',
    registration: 'r-2026',
    startDate: '2026-02-01',
    endDate: '2026-04-30',
  },
];

describe('resolving a statement to an enrollment', () => {
  it('takes the cohort whose registration the statement carries', () => {
    expect(
      resolveEnrollment(enrollments, {
        personId: person,
        registration: 'r-2025',
        programId: null,
        day: '2026-03-01',
      }),
    ).toBe('e-2025');
  });

  it('else the cohort of the module’s programme running that day, else the latest started', () => {
    const about = (day: string) =>
      resolveEnrollment(enrollments, {
        personId: person,
        registration: null,
        programId: 'keuangan',
        day,
      });
    expect(about('2026-03-10')).toBe('e-2026');
    expect(about('2025-12-01')).toBe('e-2025');
    expect(about('2024-01-01')).toBe('e-2025');
  });

  it('never takes another person’s enrollment, and none without a programme or registration', () => {
    expect(
      resolveEnrollment(enrollments, {
        personId: 'p3',
        registration: 'r-2026',
        programId: 'keuangan',
        day: '2026-03-01',
      }),
    ).toBeNull();
    expect(
      resolveEnrollment(enrollments, {
        personId: person,
        registration: null,
        programId: null,
        day: '2026-03-01',
      }),
    ).toBeNull();
  });

  it('resolves an activity to the nearest IRI that is something, direct only for the object', () => {
    const targets = new Map([
      ['quiz', { moduleId: 'm1', programId: 'keuangan', assessmentId: 'a1', isModule: false }],
      ['page', { moduleId: 'm1', programId: 'keuangan', assessmentId: null, isModule: true }],
      ['course', { moduleId: null, programId: 'keuangan', assessmentId: null, isModule: false }],
    ]);
    expect(resolveActivity(['attempt', 'quiz', 'course'], targets)).toMatchObject({
      assessmentId: 'a1',
      direct: false,
    });
    expect(resolveActivity(['page', 'course'], targets)).toMatchObject({
      moduleId: 'm1',
      direct: true,
    });
    expect(resolveActivity(['forum', 'course'], targets)).toMatchObject({
      moduleId: null,
      direct: false,
    });
    expect(resolveActivity(['elsewhere'], targets)).toBeUndefined();
  });
});
