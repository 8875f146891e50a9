import { describe, expect, it } from 'vitest';
import { checkDateRange, isLocalDate } from './dates.js';
import { BadUserInputError } from './errors.js';

describe('local dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('26-01-01')).toBe(false);
    expect(isLocalDate('2026-01-01T00:00:00Z')).toBe(false);
  });

  it('names the field of a bad date or an end before the start', () => {
    expect(() => checkDateRange('2026-02-01', '2026-01-31')).toThrow(
      new BadUserInputError('endDate: must not be before startDate'),
    );
    expect(() => checkDateRange('2026-02-30', null, ['startsOn', 'endsOn'])).toThrow(
      new BadUserInputError('startsOn: must be a date YYYY-MM-DD'),
    );
    expect(() => checkDateRange(null, undefined)).not.toThrow();
  });
});
