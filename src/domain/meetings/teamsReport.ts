// Pure: Microsoft Teams attendance reports — the current one ("1. Summary", "2. Participants",
// optionally "3. In-Meeting Activities" with a row per join) and the older attendance list
// (Full Name, User Action, Timestamp) — read into one row per interval.
import { AttendanceReportError, readAll, type CellRef } from './attendanceReportError.js';
import {
  cellOf,
  checkWidth,
  findColumn,
  headerKey,
  isBlank,
  readRecords,
  requireColumn,
  type CsvRecord,
} from './csvRecords.js';
import { inferDayOrder, type DateReading } from './reportDates.js';
import {
  personKey,
  readEmail,
  readInterval,
  readName,
  readWhen,
  type AttendanceRow,
} from './participants.js';

export interface TeamsReading {
  meetingTitle: string | null;
  rows: AttendanceRow[];
}

const has = (keys: string[], ...names: string[]): boolean => names.every((n) => keys.includes(n));
const isParticipantsHeader = (keys: string[]): boolean => has(keys, 'name', 'first join');
const isActivitiesHeader = (keys: string[]): boolean => has(keys, 'name', 'join time');
const isOldHeader = (keys: string[]): boolean => has(keys, 'full name', 'user action');
const isAnyHeader = (keys: string[]): boolean =>
  isParticipantsHeader(keys) || isActivitiesHeader(keys) || isOldHeader(keys);
const keysOf = (record: CsvRecord): string[] => record.fields.map(headerKey);

/** "2. Participants" and the like: a numbered title alone on its line. */
function isSectionTitle(record: CsvRecord): boolean {
  const [first = '', ...rest] = record.fields;
  return /^\d+\.\s*\S/.test(first.trim()) && rest.every((field) => field.trim() === '');
}

/** The rows under the header at `at`, up to a blank line, a section title or another table. */
function tableRows(records: CsvRecord[], at: number): CsvRecord[] {
  const rows: CsvRecord[] = [];
  for (const record of records.slice(at + 1)) {
    if (isBlank(record) || isSectionTitle(record) || isAnyHeader(keysOf(record))) break;
    rows.push(record);
  }
  return rows;
}

export function readTeamsReport(text: string, timeZone: string): TeamsReading {
  const records = readRecords(text, isAnyHeader);
  const participantsAt = records.findIndex((record) => isParticipantsHeader(keysOf(record)));
  const oldAt = records.findIndex((record) => isOldHeader(keysOf(record)));
  if (participantsAt < 0 && oldAt >= 0) return readOldList(records, oldAt, timeZone);
  const header = records[participantsAt];
  if (header === undefined) {
    throw new AttendanceReportError(
      { line: null },
      'no line has the participant columns of a Teams report (Name, First Join, Last Leave)',
    );
  }

  let meetingTitle: string | null = null;
  const dateCells: CellRef[] = [];
  for (const record of records.slice(0, participantsAt)) {
    const [key = '', value = ''] = record.fields.map((field) => field.trim());
    if (headerKey(key) === 'meeting title') meetingTitle = value === '' ? null : value;
    if (/^(start|end) time$/.test(headerKey(key)))
      dateCells.push({ line: record.line, text: value });
  }

  const name = requireColumn(header, ['Name']);
  const firstJoin = requireColumn(header, ['First Join']);
  const lastLeave = requireColumn(header, ['Last Leave']);
  const email = findColumn(header, ['Email']);
  const upn = findColumn(header, ['Participant ID (UPN)', 'UPN']);
  const rows = tableRows(records, participantsAt);
  if (rows.length === 0) {
    throw new AttendanceReportError({ line: header.line }, 'the participant table has no rows');
  }
  rows.forEach((row) => dateCells.push(cellOf(row, firstJoin), cellOf(row, lastLeave)));

  const activitiesAt = records.findIndex(
    (record, i) => i > participantsAt && isActivitiesHeader(keysOf(record)),
  );
  const activities = records[activitiesAt];
  const activity = activities && {
    header: activities,
    rows: tableRows(records, activitiesAt),
    name: requireColumn(activities, ['Name']),
    join: requireColumn(activities, ['Join Time']),
    leave: requireColumn(activities, ['Leave Time']),
    email: findColumn(activities, ['Email']),
  };
  activity?.rows.forEach((row) =>
    dateCells.push(cellOf(row, activity.join), cellOf(row, activity.leave)),
  );

  const reading: DateReading = { order: inferDayOrder(dateCells), timeZone };
  const summaryRows = readAll(rows, (row): AttendanceRow => {
    checkWidth(row, header);
    const upnCell = upn && cellOf(row, upn);
    const emailCell = email && cellOf(row, email);
    // Guests and some exports have no Email but a UPN that is their address.
    const noEmail = emailCell === null || emailCell.text === '';
    const useUpn = noEmail && upnCell !== null && /^[^\s@#]+@[^\s@#]+$/.test(upnCell.text);
    return {
      name: readName(cellOf(row, name)),
      email: readEmail(useUpn ? upnCell : emailCell),
      interval: readInterval(cellOf(row, firstJoin), cellOf(row, lastLeave), null, reading),
    };
  });
  if (activity === undefined) return { meetingTitle, rows: summaryRows };

  // Activity rows may lack the email the participant table found (from the UPN): take it
  // from the participant of the same name, so both tables speak of one person.
  // Only names that occur once: two participants of one name leave the rows unattributed.
  const emailByName = new Map<string, string | null>();
  const seen = new Set<string>();
  for (const row of summaryRows) {
    const key = row.name.toLowerCase();
    if (seen.has(key)) emailByName.delete(key);
    else emailByName.set(key, row.email);
    seen.add(key);
  }
  const joins = readAll(activity.rows, (row): AttendanceRow => {
    checkWidth(row, activity.header);
    const rowName = readName(cellOf(row, activity.name));
    const rowEmail = readEmail(activity.email && cellOf(row, activity.email));
    return {
      name: rowName,
      email: rowEmail ?? emailByName.get(rowName.toLowerCase()) ?? null,
      interval: readInterval(
        cellOf(row, activity.join),
        cellOf(row, activity.leave),
        null,
        reading,
      ),
    };
  });
  // Per-join rows show who dropped and rejoined; First Join → Last Leave only for the rest.
  const withJoins = new Set(joins.map((row) => personKey(row.name, row.email)));
  const rest = summaryRows.filter((row) => !withJoins.has(personKey(row.name, row.email)));
  return { meetingTitle, rows: [...joins, ...rest] };
}

/**
 * The older attendance list: one row per Joined / Left event. Each Joined opens an interval
 * and the next Left of that person closes it; someone still in the meeting when the list was
 * downloaded (a Joined never closed) is counted until the list's last event.
 */
function readOldList(records: CsvRecord[], at: number, timeZone: string): TeamsReading {
  const header = records[at] as CsvRecord;
  const name = requireColumn(header, ['Full Name']);
  const action = requireColumn(header, ['User Action']);
  const stamp = requireColumn(header, ['Timestamp']);
  const rows = records.slice(at + 1).filter((record) => !isBlank(record));
  if (rows.length === 0) throw new AttendanceReportError({ line: header.line }, 'no rows');
  const reading: DateReading = {
    order: inferDayOrder(rows.map((row) => cellOf(row, stamp))),
    timeZone,
  };
  const events = readAll(rows, (row) => {
    checkWidth(row, header);
    const actionCell = cellOf(row, action);
    const kind = headerKey(actionCell.text);
    if (kind !== 'joined' && kind !== 'joined before' && kind !== 'left') {
      throw new AttendanceReportError(actionCell, `"${actionCell.text}" is not Joined or Left`);
    }
    const when = readWhen(cellOf(row, stamp), reading);
    return { name: readName(cellOf(row, name)), joins: kind !== 'left', when, actionCell };
  });
  // reduce, not Math.max(...): a long list would overflow the argument stack.
  const last = new Date(events.reduce((max, event) => Math.max(max, event.when.getTime()), 0));
  const open = new Map<string, { name: string; since: Date }>();
  const result: AttendanceRow[] = [];
  const byTime = [...events].sort((a, b) => a.when.getTime() - b.when.getTime());
  readAll(byTime, (event) => {
    const key = event.name.toLowerCase();
    const since = open.get(key);
    // A second Joined while in (another device) keeps the interval that is already open.
    if (event.joins) {
      if (since === undefined) open.set(key, { name: event.name, since: event.when });
      return;
    }
    if (since === undefined) {
      throw new AttendanceReportError(
        event.actionCell,
        `${event.name} leaves without having joined`,
      );
    }
    open.delete(key);
    result.push({
      name: since.name,
      email: null,
      interval: { joinedAt: since.since, leftAt: event.when },
    });
  });
  for (const { name: person, since } of open.values()) {
    result.push({ name: person, email: null, interval: { joinedAt: since, leftAt: last } });
  }
  // In the order people first joined, as in the other formats.
  result.sort((a, b) => a.interval.joinedAt.getTime() - b.interval.joinedAt.getTime());
  return { meetingTitle: null, rows: result };
}
