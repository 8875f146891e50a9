// Ids are UUIDs: a client's malformed id is a 404 or a 400 here, never a failed cast in SQL.
import { BadUserInputError } from './errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

export function requireUuid(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError(`${field}: is not an id this API issued`);
  return value.toLowerCase();
}

/** An optional id: null when absent, else an id this API issued (an empty string is not). */
export function optionalUuid(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : requireUuid(value, field);
}
