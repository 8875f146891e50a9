import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../lib/errors.js';
import {
  dateKey,
  idKey,
  keysetAfter,
  keysetCursor,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  scopedOrder,
  textKey,
  timestampKey,
} from './keyset.js';
import { cohorts, enrollments, people } from './schema/index.js';

type Row = { name: string; id: string };
const b1 = '0b0b0b0b-0000-4000-8000-000000000001';
const e1 = '0e0e0e0e-0000-4000-8000-000000000001';
const byName = (direction: 'ASC' | 'DESC') =>
  keysetOrder<Row>('people', 'NAME', direction, [
    textKey(people.name, (row) => row.name),
    idKey(people.id, (row) => row.id),
  ]);
const render = (query: Parameters<PgDialect['sqlToQuery']>[0]) => new PgDialect().sqlToQuery(query);

describe('keyset pagination', () => {
  it('continues after a cursor with one row comparison in the order’s direction', () => {
    const cursor = keysetCursor(byName('ASC'), { name: 'Budi', id: b1 });
    expect(render(keysetAfter(byName('ASC'), cursor)!)).toMatchObject({
      sql: '("people"."name", "people"."id") > ($1, $2)',
      params: ['Budi', b1],
    });
    const descending = keysetCursor(byName('DESC'), { name: 'Budi', id: b1 });
    expect(render(keysetAfter(byName('DESC'), descending)!).sql).toContain(') < (');
    expect(keysetAfter(byName('ASC'), undefined)).toBeUndefined();
    expect(keysetOrderBy(byName('DESC')).map((part) => render(part).sql)).toEqual([
      '"people"."name" desc',
      '"people"."id" desc',
    ]);
  });

  it('refuses a cursor of another order, list or parent, and one it did not issue', () => {
    const cursor = keysetCursor(byName('ASC'), { name: 'Budi', id: b1 });
    expect(() => keysetAfter(byName('DESC'), cursor)).toThrow(BadUserInputError);
    expect(() => keysetAfter(byName('ASC'), 'not-a-cursor')).toThrow(BadUserInputError);
    const ofOne = scopedOrder(byName('ASC'), 'cohort-1');
    const scoped = keysetCursor(ofOne, { name: 'Budi', id: b1 });
    expect(keysetAfter(ofOne, scoped)).toBeDefined();
    expect(() => keysetAfter(scopedOrder(byName('ASC'), 'cohort-2'), scoped)).toThrow(
      BadUserInputError,
    );
    expect(() => keysetAfter(byName('ASC'), scoped)).toThrow(BadUserInputError);
  });

  it('refuses cursor values its columns cannot take', () => {
    const forge = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const values of [
      ['people:NAME:ASC', 'Budi', 'not-a-uuid'],
      ['people:NAME:ASC', 'Bu\u0000di', b1],
    ]) {
      expect(() => keysetAfter(byName('ASC'), forge(values)), JSON.stringify(values)).toThrow(
        BadUserInputError,
      );
    }
    const byDay = keysetOrder<{ day: string; id: string }>('cohorts', 'START', 'ASC', [
      dateKey(cohorts.startDate, (row) => row.day),
      idKey(cohorts.id, (row) => row.id),
    ]);
    expect(() => keysetAfter(byDay, forge(['cohorts:START:ASC', '2026-02-30', b1]))).toThrow(
      BadUserInputError,
    );
    const byTime = keysetOrder<{ at: Date; id: string }>('e', 'AT', 'ASC', [
      timestampKey(enrollments.enrolledAt, (row) => row.at),
      idKey(enrollments.id, (row) => row.id),
    ]);
    expect(() =>
      keysetAfter(byTime, forge(['e:AT:ASC', '+010000-01-01T00:00:00.000Z', e1])),
    ).toThrow(BadUserInputError);
  });

  it('carries timestamps as ISO strings and gives them back as dates', () => {
    const order = keysetOrder<{ enrolledAt: Date; id: string }>('e', 'AT', 'ASC', [
      timestampKey(enrollments.enrolledAt, (row) => row.enrolledAt),
      idKey(enrollments.id, (row) => row.id),
    ]);
    const at = new Date('2026-01-05T01:02:03.456Z');
    const query = render(keysetAfter(order, keysetCursor(order, { enrolledAt: at, id: e1 }))!);
    expect(query.params[0]).toBe(at.toISOString());
    expect(query.params[1]).toBe(e1);
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
