// Opaque keyset cursors: the sort key of the last row seen, base64url-encoded JSON. Lists
// continue after it with a row comparison on an index, never with OFFSET.
import { BadUserInputError } from './errors.js';

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with the same shape; anything else is a 400. */
export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadUserInputError('the cursor is not one this server issued');
  }
  if (
    !Array.isArray(values) ||
    values.length !== shape.length ||
    values.some((value, i) => typeof value !== shape[i])
  ) {
    throw new BadUserInputError('the cursor is not one this server issued');
  }
  return values;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** Clamps a requested page size to 1..max, defaulting when absent. */
export function pageSize(requested: number | undefined, fallback: number, max: number): number {
  if (requested === undefined) return fallback;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new BadUserInputError(`the page size must be a positive integer, got ${requested}`);
  }
  return Math.min(requested, max);
}

/**
 * The page of a keyset query that asked for `first + 1` rows: the extra row only says that
 * another page exists, and the cursor resumes after the last row kept.
 */
export function keysetPage<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => (string | number)[],
): Page<T> {
  const items = rows.slice(0, first);
  const last = items[items.length - 1];
  return rows.length > first && last !== undefined
    ? { items, nextCursor: encodeCursor(cursorOf(last)) }
    : { items };
}
