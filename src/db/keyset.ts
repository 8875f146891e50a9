// Keyset pagination for every list of the API: an order is a list of sort keys ending in a
// unique one (the id), and a page continues after the last row with one row comparison,
// `(k1, k2, id) > (v1, v2, v3)`, which an index on the same columns answers with one range
// scan. Cursors carry the order's name, so a cursor of another list or order is refused.
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { isLocalDate, isStorableTime } from '../lib/dates.js';
import { BadUserInputError } from '../lib/errors.js';
import { isUuid } from '../lib/uuid.js';
import { isStorableText } from '../xapi/statements/storableJson.js';

export type SortDirection = 'ASC' | 'DESC';

/** How a client asked a list to be sorted. */
export interface ListOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}

type KeyKind = 'uuid' | 'text' | 'date' | 'number' | 'timestamp';

export interface KeysetKey<Row> {
  column: PgColumn;
  /** What the value is: checked when a cursor comes back, timestamps travel as ISO strings. */
  kind: KeyKind;
  of: (row: Row) => string | number | Date;
}

/** Whether a value read back from a cursor is one the key's column can be compared with. */
const validValue: Record<KeyKind, (value: string | number) => boolean> = {
  uuid: (value) => typeof value === 'string' && isUuid(value),
  text: (value) => typeof value === 'string' && isStorableText(value),
  date: (value) => typeof value === 'string' && isLocalDate(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  timestamp: (value) => typeof value === 'string' && isStorableTime(new Date(value)),
};

export interface KeysetOrder<Row> {
  /** Carried in cursors, e.g. `people:name:ASC`. */
  name: string;
  direction: SortDirection;
  /** The sort keys; the last must be unique (the id). */
  keys: KeysetKey<Row>[];
}

export interface PageRequest {
  first: number;
  after?: string;
}

/** A page of a keyset list: each item with the cursor that resumes after it. */
export interface KeysetPage<Row> {
  items: Row[];
  cursors: string[];
  hasNextPage: boolean;
}

export function keysetOrder<Row>(
  list: string,
  field: string,
  direction: SortDirection,
  keys: KeysetKey<Row>[],
): KeysetOrder<Row> {
  return { name: `${list}:${field}:${direction}`, direction, keys };
}

/** A key of a uuid column (an id). */
export function idKey<Row>(column: PgColumn, of: (row: Row) => string): KeysetKey<Row> {
  return { column, kind: 'uuid', of };
}

export function textKey<Row>(column: PgColumn, of: (row: Row) => string): KeysetKey<Row> {
  return { column, kind: 'text', of };
}

/** A key of a date column (YYYY-MM-DD strings). */
export function dateKey<Row>(column: PgColumn, of: (row: Row) => string): KeysetKey<Row> {
  return { column, kind: 'date', of };
}

export function numberKey<Row>(column: PgColumn, of: (row: Row) => number): KeysetKey<Row> {
  return { column, kind: 'number', of };
}

export function timestampKey<Row>(column: PgColumn, of: (row: Row) => Date): KeysetKey<Row> {
  return { column, kind: 'timestamp', of };
}

/** `order by k1, k2, id` in the order's direction. */
export function keysetOrderBy<Row>(order: KeysetOrder<Row>): SQL[] {
  const by = order.direction === 'ASC' ? asc : desc;
  return order.keys.map((key) => by(key.column));
}

/**
 * The same order for the children of one parent (`enrollments@<cohort id>`): a cursor of
 * one cohort's enrollments is then refused by another cohort's.
 */
export function scopedOrder<Row>(order: KeysetOrder<Row>, scope: string): KeysetOrder<Row> {
  return { ...order, name: `${order.name}@${scope}` };
}

/** The condition that resumes after `cursor`, or undefined for the first page. */
export function keysetAfter<Row>(order: KeysetOrder<Row>, cursor: string | undefined) {
  if (cursor === undefined) return undefined;
  const [name, ...values] = decodeCursor(cursor, [
    'string',
    ...order.keys.map((key) => (key.kind === 'number' ? 'number' : 'string') as never),
  ]) as [unknown, ...(string | number)[]];
  if (name !== order.name) {
    throw new BadUserInputError(`the cursor belongs to another list or order than ${order.name}`);
  }
  const params = order.keys.map((key, index) => {
    const value = values[index]!;
    if (!validValue[key.kind](value)) {
      throw new BadUserInputError('the cursor is not one this server issued');
    }
    return sql.param(key.kind === 'timestamp' ? new Date(value) : value, key.column);
  });
  const columns = sql.join(
    order.keys.map((key) => sql`${key.column}`),
    sql`, `,
  );
  const operator = order.direction === 'ASC' ? sql`>` : sql`<`;
  return sql`(${columns}) ${operator} (${sql.join(params, sql`, `)})`;
}

export function keysetCursor<Row>(order: KeysetOrder<Row>, row: Row): string {
  return encodeCursor([
    order.name,
    ...order.keys.map((key) => {
      const value = key.of(row);
      return value instanceof Date ? value.toISOString() : value;
    }),
  ]);
}

/** The page of rows fetched with `limit first + 1`: the extra row only says more exist. */
export function keysetPageOf<Row>(
  order: KeysetOrder<Row>,
  rows: Row[],
  first: number,
): KeysetPage<Row> {
  const items = rows.slice(0, first);
  return {
    items,
    cursors: items.map((row) => keysetCursor(order, row)),
    hasNextPage: rows.length > first,
  };
}
