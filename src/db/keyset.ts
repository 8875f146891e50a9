// Keyset pagination for every list of the API: an order is a list of sort keys ending in a
// unique one (the id), and a page continues after the last row with one row comparison,
// `(k1, k2, id) > (v1, v2, v3)`, which an index on the same columns answers with one range
// scan. Cursors carry the order's name, so a cursor of another list or order is refused.
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { BadUserInputError } from '../lib/errors.js';

export type SortDirection = 'ASC' | 'DESC';

/** How a client asked a list to be sorted. */
export interface ListOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}

export interface KeysetKey<Row> {
  column: PgColumn;
  /** How the value travels in a cursor: timestamps as ISO strings. */
  kind: 'string' | 'number' | 'timestamp';
  of: (row: Row) => string | number | Date;
}

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

/** A key of a text or uuid column. */
export function textKey<Row>(column: PgColumn, of: (row: Row) => string): KeysetKey<Row> {
  return { column, kind: 'string', of };
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

/** The condition that resumes after `cursor`, or undefined for the first page. */
export function keysetAfter<Row>(order: KeysetOrder<Row>, cursor: string | undefined) {
  if (cursor === undefined) return undefined;
  const [name, ...values] = decodeCursor(cursor, [
    'string',
    ...order.keys.map((key) => (key.kind === 'number' ? 'number' : 'string') as never),
  ]);
  if (name !== order.name) {
    throw new BadUserInputError(`the cursor belongs to another list or order than ${order.name}`);
  }
  const params = order.keys.map((key, index) => {
    const value = values[index] as string | number;
    if (key.kind !== 'timestamp') return sql.param(value, key.column);
    const time = new Date(value);
    if (Number.isNaN(time.getTime()))
      throw new BadUserInputError('the cursor is not one this server issued');
    return sql.param(time, key.column);
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
