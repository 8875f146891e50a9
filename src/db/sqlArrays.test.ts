import { describe, expect, it } from 'vitest';
import { bareArrayLiteral, booleanArrayLiteral, textArrayLiteral } from './sqlArrays.js';

// What PostgreSQL reads back from these literals is tested against the database in
// test/xapiStatementsRead.test.ts; here, what must never become a literal.
describe('array literals', () => {
  it('quote every text and write null bare', () => {
    expect(textArrayLiteral(['NULL', null, 'a"b\\c', ''])).toBe('{"NULL",NULL,"a\\"b\\\\c",""}');
    expect(booleanArrayLiteral([true, null, false])).toBe('{t,NULL,f}');
    expect(bareArrayLiteral([1, null, 'b9a3c8a2-7f7e-4f4e-9d4e-3c1f0e2d1a0b', 2.5])).toBe(
      '{1,NULL,b9a3c8a2-7f7e-4f4e-9d4e-3c1f0e2d1a0b,2.5}',
    );
  });

  it('refuse a bare element that would end early or read as null', () => {
    for (const value of ['', 'a b', 'a,b', '{a}', 'a"b', 'a\\b', 'NULL', 'null']) {
      expect(() => bareArrayLiteral([value])).toThrow(/not a bare array element/);
    }
  });

  it('refuse a number that is not finite, which a double precision column would store', () => {
    expect(() => bareArrayLiteral([1, Number.NaN])).toThrow(/not a finite number: NaN/);
    expect(() => bareArrayLiteral([Number.POSITIVE_INFINITY])).toThrow(/Infinity/);
  });
});
