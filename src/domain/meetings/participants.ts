// Pure: the cells every report format shares (names, emails, join and leave times) read into
// intervals, and rows of one person merged into one participant.
import { AttendanceReportError, quoted, type CellRef } from './attendanceReportError.js';
import { readDateTime, type DateReading } from './reportDates.js';
import { readDuration } from './durations.js';

export interface AttendanceInterval {
  joinedAt: Date;
  leftAt: Date;
}

export interface ReportParticipant {
  name: string;
  /** Lower-cased; null when the report has none (guests, dial-in callers). */
  email: string | null;
  /** Sorted by joinedAt; may overlap (two devices) — the caller takes their union. */
  intervals: AttendanceInterval[];
}

/** One row's reading: a person and one interval of theirs. */
export interface AttendanceRow {
  name: string;
  email: string | null;
  interval: AttendanceInterval;
}

export function readName(cell: CellRef): string {
  const name = cell.text.replace(/\s+/g, ' ');
  if (name === '') throw new AttendanceReportError(cell, 'the name is empty');
  return name;
}

/** An email, or null for an empty cell; a cell with something else is a mistake. */
export function readEmail(cell: CellRef | null): string | null {
  if (cell === null || cell.text === '') return null;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(cell.text)) {
    throw new AttendanceReportError(cell, `${quoted(cell.text)} is not an email address`);
  }
  return cell.text.toLowerCase();
}

export function readWhen(cell: CellRef, reading: DateReading): Date {
  if (cell.text === '') throw new AttendanceReportError(cell, 'the time is empty');
  const date = readDateTime(cell.text, reading);
  if (typeof date === 'string') throw new AttendanceReportError(cell, date);
  return date;
}

/**
 * From a join time to a leave time, or to the join time plus a duration when the report has
 * no leave time (or left it empty for someone still in the meeting when it was saved).
 */
export function readInterval(
  joined: CellRef,
  left: CellRef | null,
  duration: CellRef | null,
  reading: DateReading,
): AttendanceInterval {
  const joinedAt = readWhen(joined, reading);
  let leftAt: Date;
  if (left !== null && (left.text !== '' || duration === null || duration.text === '')) {
    leftAt = readWhen(left, reading);
  } else if (duration !== null) {
    const ms = readDuration(duration.text);
    if (ms === null) {
      const problem = duration.text === '' ? 'the duration is empty' : 'is not a duration';
      throw new AttendanceReportError(
        duration,
        duration.text === '' ? problem : `${quoted(duration.text)} ${problem}`,
      );
    }
    leftAt = new Date(joinedAt.getTime() + ms);
  } else {
    throw new Error('readInterval needs a leave time or a duration column');
  }
  if (leftAt < joinedAt) {
    throw new AttendanceReportError(
      left ?? joined,
      `leaves (${quoted(left?.text ?? '')}) before joining (${quoted(joined.text)})`,
    );
  }
  return { joinedAt, leftAt };
}

/** One person: the email when there is one, else the name (case and spacing aside). */
export function personKey(name: string, email: string | null): string {
  return email !== null ? `email:${email}` : `name:${name.toLowerCase()}`;
}

/**
 * Rows of one person (same email; or, without an email, same name) as one participant, in
 * the order people first appear. Rows with an email never merge with rows without one: a
 * guest "Budi" is not assumed to be the colleague Budi.
 */
export function mergeParticipants(rows: readonly AttendanceRow[]): ReportParticipant[] {
  const byKey = new Map<string, ReportParticipant>();
  for (const row of rows) {
    const key = personKey(row.name, row.email);
    const participant = byKey.get(key);
    if (participant) participant.intervals.push(row.interval);
    else byKey.set(key, { name: row.name, email: row.email, intervals: [row.interval] });
  }
  const participants = [...byKey.values()];
  for (const participant of participants) {
    participant.intervals.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  }
  return participants;
}
