// Pure: attendance reports exported by meeting tools (Microsoft Teams, Google Meet, or any
// CSV with a column mapping, e.g. Webex) read into participants and their join/leave
// intervals. A file with any problem is rejected whole, with its line and column named.
import { BadUserInputError } from '../../lib/errors.js';
import { AttendanceReportError, readAll, type CellRef } from './attendanceReportError.js';
import {
  cellOf,
  checkWidth,
  decodeReport,
  findColumn,
  headerKey,
  isBlank,
  readRecords,
  requireColumn,
  type Column,
  type CsvRecord,
} from './csvRecords.js';
import { compileDateFormat } from './dateFormat.js';
import {
  mergeParticipants,
  readEmail,
  readInterval,
  readName,
  type AttendanceRow,
  type ReportParticipant,
} from './participants.js';
import { checkTimeZone, inferDayOrder, type DateReading } from './reportDates.js';
import { readTeamsReport } from './teamsReport.js';

export { AttendanceReportError } from './attendanceReportError.js';
export type { AttendanceInterval, ReportParticipant } from './participants.js';

export type AttendanceReportFormat = 'TEAMS' | 'MEET' | 'GENERIC';

/** Header names of a generic CSV's columns. `leftAt` or `duration` is required. */
export interface GenericMapping {
  name: string;
  email?: string;
  joinedAt: string;
  leftAt?: string;
  /** `95` (minutes), `95 min`, `1h 35m`, `01:35:00`; used where there is no leftAt. */
  duration?: string;
  /** day.js tokens, e.g. `DD/MM/YYYY HH:mm`; without it dates are read liberally. */
  dateFormat?: string;
}

export interface AttendanceReportOptions {
  mapping?: GenericMapping;
  /** IANA zone for times written without an offset; Asia/Jakarta (WIB) by default. */
  timeZone?: string;
}

export interface AttendanceReport {
  meetingTitle: string | null;
  participants: ReportParticipant[];
}

export const defaultReportTimeZone = 'Asia/Jakarta';

export function parseAttendanceReport(
  input: string | Uint8Array,
  format: AttendanceReportFormat,
  options: AttendanceReportOptions = {},
): AttendanceReport {
  const timeZone = checkTimeZone(options.timeZone ?? defaultReportTimeZone);
  const text = decodeReport(input);
  if (text.trim() === '') throw new AttendanceReportError({ line: null }, 'the file is empty');
  if (format === 'TEAMS') {
    const { meetingTitle, rows } = readTeamsReport(text, timeZone);
    return { meetingTitle, participants: mergeParticipants(rows) };
  }
  const rows =
    format === 'MEET'
      ? readTable(text, meetColumns, { timeZone })
      : readGeneric(text, options.mapping, timeZone);
  return { meetingTitle: null, participants: mergeParticipants(rows) };
}

/** The columns of a one-table report, found in its header line. */
interface TableColumns {
  /** The full name, or the first name to which `lastName` is appended. */
  name: Column;
  lastName: Column | null;
  email: Column | null;
  joined: Column;
  left: Column | null;
  duration: Column | null;
}

interface TableLayout {
  /** Header names one of which marks the header line (lines above it are a preamble). */
  anchors: readonly string[];
  columns(header: CsvRecord): TableColumns;
}

const meetColumns: TableLayout = {
  anchors: ['First name', 'Participant Name', 'Full name', 'Name'],
  columns(header) {
    const first = findColumn(header, ['First name']);
    const joined = requireColumn(header, ['Time joined', 'Joined at', 'Join time']);
    return {
      name: first ?? requireColumn(header, ['Participant Name', 'Full name', 'Name']),
      lastName: first && findColumn(header, ['Last name']),
      email: findColumn(header, ['Email', 'Participant Email', 'Email address']),
      joined,
      ...leaveColumns(header, ['Time exited', 'Left at', 'Leave time'], ['Duration']),
    };
  },
};

/** The leave-time column, else the duration column; one of the two must be there. */
function leaveColumns(header: CsvRecord, left: string[], duration: string[]) {
  const columns = { left: findColumn(header, left), duration: findColumn(header, duration) };
  if (columns.left === null && columns.duration === null) {
    requireColumn(header, [...left, ...duration]);
  }
  return columns;
}

function readGeneric(text: string, mapping: GenericMapping | undefined, timeZone: string) {
  if (mapping === undefined) {
    throw new BadUserInputError('a GENERIC attendance report needs a column mapping');
  }
  if (mapping.leftAt === undefined && mapping.duration === undefined) {
    throw new BadUserInputError('the column mapping needs leftAt or duration');
  }
  const layout: TableLayout = {
    anchors: [mapping.name],
    columns: (header) => ({
      name: requireColumn(header, [mapping.name]),
      lastName: null,
      email: mapping.email === undefined ? null : requireColumn(header, [mapping.email]),
      joined: requireColumn(header, [mapping.joinedAt]),
      // Mapped columns must exist: a mapping that names a missing column is a mistake.
      left: mapping.leftAt === undefined ? null : requireColumn(header, [mapping.leftAt]),
      duration: mapping.duration === undefined ? null : requireColumn(header, [mapping.duration]),
    }),
  };
  const given: Partial<DateReading> = { timeZone };
  if (mapping.dateFormat !== undefined) given.format = compileDateFormat(mapping.dateFormat);
  return readTable(text, layout, given);
}

/** A report that is one header line (after an optional preamble) and a row per interval. */
function readTable(text: string, layout: TableLayout, given: Partial<DateReading>) {
  const anchors = layout.anchors.map(headerKey);
  const isHeader = (keys: string[]): boolean => anchors.some((anchor) => keys.includes(anchor));
  const records = readRecords(text, isHeader);
  const at = records.findIndex((record) => isHeader(record.fields.map(headerKey)));
  const header = records[at];
  if (header === undefined) {
    const names = layout.anchors.map((name) => `"${name}"`).join(' or ');
    throw new AttendanceReportError({ line: null }, `no line has a column ${names}`);
  }
  const columns = layout.columns(header);
  const rows = records.slice(at + 1).filter((record) => !isBlank(record));
  if (rows.length === 0) {
    throw new AttendanceReportError({ line: header.line }, 'no participant rows under the header');
  }
  const dateCells: CellRef[] = rows.flatMap((row) =>
    [columns.joined, columns.left].flatMap((column) => (column ? [cellOf(row, column)] : [])),
  );
  const reading: DateReading = {
    timeZone: given.timeZone ?? defaultReportTimeZone,
    order: given.format ? 'DMY' : inferDayOrder(dateCells),
    ...(given.format ? { format: given.format } : {}),
  };
  return readAll(rows, (row): AttendanceRow => {
    checkWidth(row, header);
    const first = readName(cellOf(row, columns.name));
    const last = columns.lastName ? cellOf(row, columns.lastName).text : '';
    return {
      name: last === '' ? first : `${first} ${last}`,
      email: readEmail(columns.email && cellOf(row, columns.email)),
      interval: readInterval(
        cellOf(row, columns.joined),
        columns.left && cellOf(row, columns.left),
        columns.duration && cellOf(row, columns.duration),
        reading,
      ),
    };
  });
}
