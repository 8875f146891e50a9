// sameStatement (what the spec lets differ between two copies of one statement) and canonicalJson.
import { describe, it, expect } from 'vitest';
import { canonicalJson, sameStatement } from './compareStatements.js';
import type { JsonObject } from './xapiJson.js';

const id = '6f1c5a3e-8d0b-4c2a-9e57-1b2c3d4e5f60';

function statement(overrides: JsonObject = {}): JsonObject {
  return {
    id,
    actor: { objectType: 'Agent', mbox: 'mailto:ana@example.com' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/scored', display: { 'en-US': 'scored' } },
    object: { id: 'http://example.com/quizzes/1' },
    result: { score: { scaled: 0.8 }, duration: 'PT1.12S' },
    context: { contextActivities: { parent: [{ id: 'http://example.com/courses/1' }] } },
    timestamp: '2024-01-01T20:04:05.123456Z',
    ...overrides,
  };
}

/** As the LRS stores it: with stored, authority and version filled in. */
function stored(overrides: JsonObject = {}): JsonObject {
  return statement({
    stored: '2024-03-04T05:06:07.890Z',
    authority: { objectType: 'Agent', mbox: 'mailto:lrs@example.com' },
    version: '2.0.0',
    ...overrides,
  });
}

describe('sameStatement', () => {
  it('finds a statement the same as itself', () => {
    expect(sameStatement(statement(), statement())).toBe(true);
  });

  it('ignores property order, at every depth', () => {
    const reordered = {
      timestamp: '2024-01-01T20:04:05.123456Z',
      context: { contextActivities: { parent: [{ id: 'http://example.com/courses/1' }] } },
      result: { duration: 'PT1.12S', score: { scaled: 0.8 } },
      object: { id: 'http://example.com/quizzes/1' },
      verb: { display: { 'en-US': 'scored' }, id: 'http://adlnet.gov/expapi/verbs/scored' },
      actor: { mbox: 'mailto:ana@example.com', objectType: 'Agent' },
      id,
    };
    expect(sameStatement(statement(), reordered)).toBe(true);
  });

  it('ignores authority, stored and version', () => {
    expect(sameStatement(stored(), statement())).toBe(true);
    expect(
      sameStatement(
        stored(),
        statement({
          stored: '1999-01-01T00:00:00Z',
          authority: { mbox: 'mailto:other@example.com' },
          version: '1.0.0',
        }),
      ),
    ).toBe(true);
  });

  it('still compares a property called version or stored below the top level', () => {
    expect(
      sameStatement(
        statement({ result: { extensions: { 'http://example.com/x': { version: 1 } } } }),
        statement({ result: { extensions: { 'http://example.com/x': { version: 2 } } } }),
      ),
    ).toBe(false);
  });

  it('compares timestamps as instants across offsets', () => {
    expect(
      sameStatement(
        stored({ timestamp: '2024-01-01T20:04:05.123456Z' }),
        statement({ timestamp: '2024-01-02T03:04:05.123456+07:00' }),
      ),
    ).toBe(true);
  });

  it('finds different instants different, down to the sub-millisecond digits', () => {
    expect(
      sameStatement(
        stored({ timestamp: '2024-01-01T20:04:05.123456Z' }),
        statement({ timestamp: '2024-01-02T03:04:05.123456+06:00' }),
      ),
    ).toBe(false);
    expect(
      sameStatement(
        stored({ timestamp: '2024-01-01T20:04:05.123456Z' }),
        statement({ timestamp: '2024-01-01T20:04:05.123457Z' }),
      ),
    ).toBe(false);
  });

  // BUG: instant() appends the fraction digits past the millisecond as written, so a trailing
  // zero makes the same instant compare different (".1230" → "…123.0" vs ".123" → "…123.").
  it('finds timestamps differing only by trailing fractional zeros the same', () => {
    expect(
      sameStatement(
        stored({ timestamp: '2024-01-01T20:04:05.123Z' }),
        statement({ timestamp: '2024-01-01T20:04:05.1230Z' }),
      ),
    ).toBe(true);
  });

  it('ignores the stored timestamp when the incoming statement has none', () => {
    const { timestamp: _timestamp, ...withoutTimestamp } = statement();
    expect(sameStatement(stored({ timestamp: '2024-03-04T05:06:07.890Z' }), withoutTimestamp)).toBe(
      true,
    );
  });

  it('does not ignore a timestamp the incoming statement has but the stored one differs in', () => {
    expect(
      sameStatement(
        stored({ timestamp: '2024-03-04T05:06:07.890Z' }),
        statement({ timestamp: '2024-01-01T00:00:00Z' }),
      ),
    ).toBe(false);
  });

  it('finds a single context activity equal to an array of one', () => {
    expect(
      sameStatement(
        stored(),
        statement({
          context: { contextActivities: { parent: { id: 'http://example.com/courses/1' } } },
        }),
      ),
    ).toBe(true);
  });

  it('finds a single context activity equal to an array of one inside a SubStatement', () => {
    const sub = (parent: unknown): JsonObject => ({
      objectType: 'SubStatement',
      actor: { mbox: 'mailto:budi@example.com' },
      verb: { id: 'http://example.com/verbs/taught' },
      object: { id: 'http://example.com/lessons/1' },
      context: { contextActivities: { parent } },
    });
    const parent = { id: 'http://example.com/courses/1' };
    expect(
      sameStatement(stored({ object: sub([parent]) }), statement({ object: sub(parent) })),
    ).toBe(true);
  });

  it('compares durations to 0.01 s', () => {
    expect(
      sameStatement(
        stored({ result: { score: { scaled: 0.8 }, duration: 'PT1.12S' } }),
        statement({ result: { score: { scaled: 0.8 }, duration: 'PT1.1237S' } }),
      ),
    ).toBe(true);
    expect(
      sameStatement(
        stored({ result: { score: { scaled: 0.8 }, duration: 'PT1S' } }),
        statement({ result: { score: { scaled: 0.8 }, duration: 'PT1.004S' } }),
      ),
    ).toBe(true);
  });

  it('finds durations that differ by 0.01 s or more different', () => {
    expect(
      sameStatement(
        stored({ result: { score: { scaled: 0.8 }, duration: 'PT1.12S' } }),
        statement({ result: { score: { scaled: 0.8 }, duration: 'PT1.13S' } }),
      ),
    ).toBe(false);
  });

  it('detects a different verb id', () => {
    expect(
      sameStatement(
        stored(),
        statement({
          verb: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'scored' } },
        }),
      ),
    ).toBe(false);
  });

  it('detects a different result score', () => {
    expect(
      sameStatement(
        stored(),
        statement({ result: { score: { scaled: 0.9 }, duration: 'PT1.12S' } }),
      ),
    ).toBe(false);
  });

  it('detects an extra property on either side', () => {
    const extra = statement({
      result: { score: { scaled: 0.8 }, duration: 'PT1.12S', success: true },
    });
    expect(sameStatement(stored(), extra)).toBe(false);
    expect(sameStatement(stored({ result: extra.result }), statement())).toBe(false);
  });

  it('detects a different order of an array', () => {
    const a = { id: 'http://example.com/a' };
    const b = { id: 'http://example.com/b' };
    expect(
      sameStatement(
        stored({ context: { contextActivities: { other: [a, b] } } }),
        statement({ context: { contextActivities: { other: [b, a] } } }),
      ),
    ).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ x: { q: 1, p: 2 }, w: 'v' })).toBe(
      canonicalJson({ w: 'v', x: { p: 2, q: 1 } }),
    );
  });

  it('keeps array order and writes scalars as JSON', () => {
    expect(canonicalJson([3, 'a"b', true, null])).toBe('[3,"a\\"b",true,null]');
  });

  it('escapes keys as JSON strings', () => {
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });
});
