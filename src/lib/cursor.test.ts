import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';
import { BadUserInputError } from './errors.js';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    const cursor = encodeCursor(['2026-11-27T10:00:00.000Z', 'abc']);
    expect(decodeCursor(cursor, ['string', 'string'])).toEqual(['2026-11-27T10:00:00.000Z', 'abc']);
  });

  it('rejects cursors it did not make with a client error', () => {
    expect(() => decodeCursor('%%%', ['string'])).toThrow(BadUserInputError);
    expect(() => decodeCursor(encodeCursor([1]), ['string'])).toThrow(BadUserInputError);
    expect(() => decodeCursor(encodeCursor(['a', 'b']), ['string'])).toThrow(BadUserInputError);
  });

  it('clamps page sizes', () => {
    expect(pageSize(undefined, 50, 500)).toBe(50);
    expect(pageSize(10_000, 50, 500)).toBe(500);
    expect(() => pageSize(0, 50, 500)).toThrow(BadUserInputError);
  });
});
