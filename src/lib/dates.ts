// Calendar dates as the API carries them (`YYYY-MM-DD`), checked once for every input.
import { BadUserInputError } from './errors.js';

export function isLocalDate(value: string): boolean {
  // PostgreSQL has no year 0; the API's dates run from year 1 to 9999.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '0001-01-01') return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  // Date rolls 2026-02-30 over to March: a real date reads back as itself.
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function requireLocalDate(value: string, field: string): string {
  if (!isLocalDate(value)) throw new BadUserInputError(`${field}: must be a date YYYY-MM-DD`);
  return value;
}

/** Both dates valid when present, and the end not before the start. */
export function checkDateRange(
  start: string | null | undefined,
  end: string | null | undefined,
  names: [string, string] = ['startDate', 'endDate'],
): void {
  if (start != null) requireLocalDate(start, names[0]);
  if (end != null) requireLocalDate(end, names[1]);
  if (start != null && end != null && end < start) {
    throw new BadUserInputError(`${names[1]}: must not be before ${names[0]}`);
  }
}

/** An instant PostgreSQL stores and gives back as an ISO string: years 1 to 9999. */
export function isStorableTime(value: Date): boolean {
  const time = value.getTime();
  return (
    !Number.isNaN(time) &&
    time >= Date.parse('0001-01-01T00:00:00Z') &&
    time < Date.UTC(10000, 0, 1)
  );
}

export function requireStorableTime(value: Date, field: string): Date {
  if (!isStorableTime(value))
    throw new BadUserInputError(`${field}: must be between the years 1 and 9999`);
  return value;
}
