import { describe, expect, it } from 'vitest';
import { progressLine } from './progressBar.js';

describe('progress line', () => {
  it('draws a bar, the share done, the rate and the time left when the total is known', () => {
    expect(progressLine('imported', { count: 50_000, fraction: 0.25, elapsedMs: 5_000 })).toBe(
      '[######------------------]  25% imported 50,000 statements, 10,000/s, 15s left',
    );
    expect(progressLine('imported', { count: 400_000, fraction: 1, elapsedMs: 90_000 })).toMatch(
      /^\[#{24}\] 100% imported 400,000 statements, 4,444\/s, 0s left$/,
    );
  });

  it('counts without a bar when the total is not known', () => {
    expect(progressLine('exported', { count: 1234, elapsedMs: 61_000 })).toBe(
      'exported 1,234 statements, 20/s, 1m01s',
    );
  });
});
