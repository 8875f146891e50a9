// Pure: dates and times as meeting tools write them in reports, read exactly (no Date.parse
// guessing) in the file's day order (inferDayOrder) and, when they carry no offset, in the
// meeting's time zone.
import { BadUserInputError } from '../../lib/errors.js';
import { AttendanceReportError, quoted, type CellRef } from './attendanceReportError.js';
import type { DateFormat } from './dateFormat.js';

/** Which of the two numbers of `3/2/26` is the day. */
export type DayOrder = 'DMY' | 'MDY';

export interface DateReading {
  order: DayOrder;
  timeZone: string;
  /** A compiled GenericMapping.dateFormat, which then replaces the liberal reading. */
  format?: DateFormat;
}

export interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  meridiem: 'a' | 'p' | null;
  /** Minutes east of UTC when the text says so, else null (then the meeting's zone). */
  offset: number | null;
  /** False for a bare date, which cannot say when someone joined. */
  timeGiven: boolean;
}

export const months: Record<string, number> = {};
[
  'jan january januari',
  'feb february februari',
  'mar march maret',
  'apr april',
  'may mei',
  'jun june juni',
  'jul july juli',
  'aug august agu agt agustus',
  'sep sept september',
  'oct october okt oktober',
  'nov november nop nopember',
  'dec december des desember',
].forEach((names, i) => names.split(' ').forEach((name) => (months[name] = i + 1)));

const zoneOffsets: Record<string, number> = { z: 0, gmt: 0, utc: 0, wib: 420, wita: 480, wit: 540 };

const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,3})\d*)?)?(?: ?([ap])\.?m\.?)?`;
const ZONE = String.raw`(?: ?(z|[+-]\d{2}:?\d{2}|(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d{2})?)?|wib|wita|wit))?`;
const isoDate = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[t ]${TIME})?${ZONE}$`);
const numericDate = new RegExp(
  String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?: ${TIME})?${ZONE}$`,
);
const monthFirst = new RegExp(String.raw`^([a-z]{3,9})\.? (\d{1,2}) (\d{4})(?: ${TIME})?${ZONE}$`);
const dayFirst = new RegExp(
  String.raw`^(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{4})(?: ${TIME})?${ZONE}$`,
);

/** Lower case, single spaces, no weekday and no words or commas between date and time. */
function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[a-z]+, (?=\d|[a-z]+ \d)/, (weekday) =>
      months[weekday.slice(0, -2)] ? weekday : '',
    )
    .replace(/,(?= )/g, '')
    .replace(/ (?:at|pukul|jam) /, ' ')
    .replace(/ +/g, ' ');
}

function toNumber(text: string | undefined): number {
  return text === undefined || text === '' ? 0 : Number(text);
}

export function offsetOf(zone: string | undefined): number | null {
  if (zone === undefined) return null;
  const named = zoneOffsets[zone];
  if (named !== undefined) return named;
  const match = /([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (match === null) return null;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + toNumber(match[3]));
}

/** Date parts from the groups (year, month, day, then TIME's five, then ZONE). */
function partsOf(year: number, month: number, day: number, rest: (string | undefined)[]): Parts {
  const [hour, minute, second, fraction, meridiem, zone] = rest;
  return {
    year: year < 100 ? 2000 + year : year,
    month,
    day,
    hour: toNumber(hour),
    minute: toNumber(minute),
    second: toNumber(second),
    ms: fraction === undefined ? 0 : Number(fraction.padEnd(3, '0')),
    meridiem: meridiem === 'a' || meridiem === 'p' ? meridiem : null,
    offset: offsetOf(zone),
    timeGiven: hour !== undefined,
  };
}

export function checkTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new BadUserInputError(`unknown time zone "${timeZone}" (an IANA name: Asia/Jakarta)`);
  }
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone is ahead of UTC at the instant `utc`. */
function zoneOffsetAt(utc: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      ...{ year: 'numeric', month: 'numeric', day: 'numeric' },
      ...{ hour: 'numeric', minute: 'numeric', second: 'numeric' },
    });
    zoneFormats.set(timeZone, format);
  }
  const get = (type: string): number =>
    Number(format.formatToParts(utc).find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return wall + get('second') * 1000 - Math.floor(utc / 1000) * 1000;
}

/** The instant the parts name, or null when they name no real date or time. */
export function toInstant(parts: Parts, timeZone: string): Date | null {
  let hour = parts.hour;
  if (parts.meridiem !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (parts.meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || parts.minute > 59 || parts.second > 59) return null;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, hour, parts.minute, parts.second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) return null;
  if (parts.offset !== null) return new Date(wall + parts.ms - parts.offset * 60_000);
  // A wall-clock time in a zone: guess with the offset at that instant, then correct once.
  let utc = wall - zoneOffsetAt(wall, timeZone);
  utc = wall - zoneOffsetAt(utc, timeZone);
  return new Date(utc + parts.ms);
}

/**
 * The day order of a file's numeric dates: a date whose first number is over 12 proves
 * day-first, one whose second is proves month-first, and a file proving both is rejected.
 * With no proof, an AM/PM clock means month-first (en-US, Teams' default: `3/2/26, 9:02:14
 * AM`) and a 24-hour clock day-first (id-ID and en-GB: `02/03/2026 09.02`).
 */
export function inferDayOrder(cells: readonly CellRef[]): DayOrder {
  let proof: { order: DayOrder; cell: CellRef } | null = null;
  let twelveHour = false;
  for (const cell of cells) {
    const match = numericDate.exec(normalize(cell.text));
    // Dotted dates (02.03.2026) are day-first everywhere; they prove nothing about slashes.
    if (match === null || match[2] === '.') continue;
    if (match[9] !== undefined) twelveHour = true;
    const [a, b] = [Number(match[1]), Number(match[3])];
    const order: DayOrder | null = a > 12 && b <= 12 ? 'DMY' : b > 12 && a <= 12 ? 'MDY' : null;
    if (order === null) continue;
    if (proof === null) proof = { order, cell };
    else if (proof.order !== order) {
      const first = (o: DayOrder): string => (o === 'DMY' ? 'the day' : 'the month');
      throw new AttendanceReportError(
        cell,
        `${quoted(cell.text)} puts ${first(order)} first, but ${quoted(proof.cell.text)} on ` +
          `line ${proof.cell.line} puts ${first(proof.order)} first`,
      );
    }
  }
  return proof?.order ?? (twelveHour ? 'MDY' : 'DMY');
}

/** The date and time in a cell, or the reason it is none. */
export function readDateTime(text: string, reading: DateReading): Date | string {
  const parts = reading.format ? reading.format.read(text) : liberalParts(text, reading.order);
  if (parts?.timeGiven === false) return `${quoted(text)} has a date but no time of day`;
  const date = parts === null ? null : toInstant(parts, reading.timeZone);
  if (date !== null) return date;
  if (reading.format) {
    return `${quoted(text)} is not a date and time in the format "${reading.format.source}"`;
  }
  const numeric = numericDate.test(normalize(text));
  const order = reading.order === 'DMY' ? 'day/month/year' : 'month/day/year';
  return `${quoted(text)} is not a date and time${numeric ? ` (read as ${order})` : ''}`;
}

function liberalParts(text: string, order: DayOrder): Parts | null {
  const t = normalize(text);
  let m: RegExpExecArray | null;
  if ((m = isoDate.exec(t))) return partsOf(Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4));
  if ((m = numericDate.exec(t))) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const dayFirst = m[2] === '.' || order === 'DMY';
    return partsOf(Number(m[4]), dayFirst ? b : a, dayFirst ? a : b, m.slice(5));
  }
  if ((m = monthFirst.exec(t)) && months[m[1] ?? '']) {
    return partsOf(Number(m[3]), months[m[1] ?? ''] ?? 0, Number(m[2]), m.slice(4));
  }
  if ((m = dayFirst.exec(t)) && months[m[2] ?? '']) {
    return partsOf(Number(m[3]), months[m[2] ?? ''] ?? 0, Number(m[1]), m.slice(4));
  }
  return null;
}
