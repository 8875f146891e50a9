import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../lib/errors.js';
import {
  keysetAfter,
  keysetCursor,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  textKey,
  timestampKey,
} from './keyset.js';
import { enrollments, people } from './schema/index.js';

type Row = { name: string; id: string };
const byName = (direction: 'ASC' | 'DESC') =>
  keysetOrder<Row>('people', 'NAME', direction, [
    textKey(people.name, (row) => row.name),
    textKey(people.id, (row) => row.id),
  ]);
const render = (query: Parameters<PgDialect['sqlToQuery']>[0]) => new PgDialect().sqlToQuery(query);

describe('keyset pagination', () => {
  it('continues after a cursor with one row comparison in the order’s direction', () => {
    const cursor = keysetCursor(byName('ASC'), { name: 'Budi', id: 'b1' });
    expect(render(keysetAfter(byName('ASC'), cursor)!)).toMatchObject({
      sql: '("people"."name", "people"."id") > ($1, $2)',
      params: ['Budi', 'b1'],
    });
    const descending = keysetCursor(byName('DESC'), { name: 'Budi', id: 'b1' });
    expect(render(keysetAfter(byName('DESC'), descending)!).sql).toContain(') < (');
    expect(keysetAfter(byName('ASC'), undefined)).toBeUndefined();
    expect(keysetOrderBy(byName('DESC')).map((part) => render(part).sql)).toEqual([
      '"people"."name" desc',
      '"people"."id" desc',
    ]);
  });

  it('refuses a cursor of another order or list, and one it did not issue', () => {
    const cursor = keysetCursor(byName('ASC'), { name: 'Budi', id: 'b1' });
    expect(() => keysetAfter(byName('DESC'), cursor)).toThrow(BadUserInputError);
    expect(() => keysetAfter(byName('ASC'), 'not-a-cursor')).toThrow(BadUserInputError);
  });

  it('carries timestamps as ISO strings and gives them back as dates', () => {
    const order = keysetOrder<{ enrolledAt: Date; id: string }>('e', 'AT', 'ASC', [
      timestampKey(enrollments.enrolledAt, (row) => row.enrolledAt),
      textKey(enrollments.id, (row) => row.id),
    ]);
    const at = new Date('2026-01-05T01:02:03.456Z');
    const query = render(keysetAfter(order, keysetCursor(order, { enrolledAt: at, id: 'e1' }))!);
    expect(query.params[0]).toBe(at.toISOString());
    expect(query.params[1]).toBe('e1');
  });

  it('keeps the page asked for, a cursor per row, and whether more follow', () => {
    const rows = [
      { name: 'A', id: '1' },
      { name: 'B', id: '2' },
      { name: 'C', id: '3' },
    ];
    const page = keysetPageOf(byName('ASC'), rows, 2);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(page.hasNextPage).toBe(true);
    expect(page.cursors).toEqual(rows.slice(0, 2).map((row) => keysetCursor(byName('ASC'), row)));
    expect(keysetPageOf(byName('ASC'), rows, 3).hasNextPage).toBe(false);
  });
});
