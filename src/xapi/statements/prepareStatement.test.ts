// prepareStatement (what the LRS fills in before storing) and timestampInUtc (2.0 timestamps to UTC).
import { describe, it, expect } from 'vitest';
import { prepareStatement, timestampInUtc, type PreparationContext } from './prepareStatement.js';
import type { StatementJson } from './xapiJson.js';

const storedAt = new Date('2024-03-04T05:06:07.890Z');
const lrs = { objectType: 'Agent' as const, mbox: 'mailto:lrs@example.com' };
const v2: PreparationContext = { version: '2.0.0', stored: storedAt, authority: lrs };
const v1: PreparationContext = { version: '1.0.3', stored: storedAt, authority: lrs };
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function statement(overrides: Partial<StatementJson> = {}): StatementJson {
  return {
    actor: { mbox: 'mailto:ana@example.com' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
    object: { id: 'http://example.com/courses/1' },
    ...overrides,
  };
}

describe('prepareStatement', () => {
  describe('id', () => {
    it('generates a UUID when the statement has none', () => {
      const prepared = prepareStatement(statement(), v2);
      expect(prepared.id).toMatch(uuidV4);
    });

    it('generates a different id for each statement', () => {
      expect(prepareStatement(statement(), v2).id).not.toBe(prepareStatement(statement(), v2).id);
    });

    it('keeps the id the client sent', () => {
      const id = 'A1B2C3D4-0000-4000-8000-000000000001';
      expect(prepareStatement(statement({ id }), v2).id).toBe(id);
    });
  });

  describe('stored and authority', () => {
    it('sets stored from the context, overwriting what the client sent', () => {
      const prepared = prepareStatement(statement({ stored: '2000-01-01T00:00:00Z' }), v2);
      expect(prepared.stored).toBe('2024-03-04T05:06:07.890Z');
    });

    it('sets the authority from the context, overwriting what the client sent', () => {
      const prepared = prepareStatement(
        statement({ authority: { mbox: 'mailto:someone-else@example.com' } }),
        v2,
      );
      expect(prepared.authority).toEqual(lrs);
    });
  });

  describe('timestamp', () => {
    it.each([v1, v2])('defaults to stored when absent (xAPI $version)', (context) => {
      expect(prepareStatement(statement(), context).timestamp).toBe('2024-03-04T05:06:07.890Z');
    });

    it('converts a 2.0 timestamp to UTC, keeping its sub-millisecond digits', () => {
      const prepared = prepareStatement(
        statement({ timestamp: '2024-01-02T03:04:05.123456+07:00' }),
        v2,
      );
      expect(prepared.timestamp).toBe('2024-01-01T20:04:05.123456Z');
    });

    it('keeps a 1.0.3 timestamp exactly as sent', () => {
      for (const timestamp of [
        '2024-01-02T03:04:05.123456+07:00',
        '2024-01-02T03:04',
        '2024-01-02T03:04:05,5+0700',
      ]) {
        expect(prepareStatement(statement({ timestamp }), v1).timestamp).toBe(timestamp);
      }
    });
  });

  describe('version', () => {
    it('defaults to 1.0.0 under xAPI 1.0.3', () => {
      expect(prepareStatement(statement(), v1).version).toBe('1.0.0');
    });

    it('defaults to 2.0.0 under xAPI 2.0.0', () => {
      expect(prepareStatement(statement(), v2).version).toBe('2.0.0');
    });

    it('keeps the version the client sent', () => {
      expect(prepareStatement(statement({ version: '1.0.1' }), v1).version).toBe('1.0.1');
      expect(prepareStatement(statement({ version: '1.0.3' }), v2).version).toBe('1.0.3');
    });
  });

  describe('contextActivities', () => {
    it('turns a single context activity into an array of one', () => {
      const parent = { id: 'http://example.com/parent' };
      const other = [{ id: 'http://example.com/o1' }, { id: 'http://example.com/o2' }];
      const prepared = prepareStatement(
        statement({
          context: {
            registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
            contextActivities: { parent, other },
          },
        }),
        v1,
      );
      expect(prepared.context).toEqual({
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
        contextActivities: { parent: [parent], other },
      });
    });

    it('turns single context activities into arrays inside a SubStatement too', () => {
      const category = { id: 'http://example.com/category' };
      const sub = {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:budi@example.com' },
        verb: { id: 'http://example.com/verbs/taught' },
        object: { id: 'http://example.com/lessons/1' },
        context: { contextActivities: { category } },
      };
      const prepared = prepareStatement(statement({ object: sub }), v1);
      expect(prepared.object).toEqual({
        ...sub,
        context: { contextActivities: { category: [category] } },
      });
    });

    it('leaves a context without contextActivities as it was', () => {
      const context = { registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7' };
      expect(prepareStatement(statement({ context }), v2).context).toEqual(context);
    });
  });

  it('keeps the properties it does not fill in', () => {
    const result = { score: { scaled: 0.5 }, duration: 'PT1H' };
    const prepared = prepareStatement(statement({ result }), v2);
    expect(prepared.result).toEqual(result);
    expect(prepared.actor).toEqual({ mbox: 'mailto:ana@example.com' });
  });

  it('does not modify the statement it prepares', () => {
    const input = statement({
      timestamp: '2024-01-02T03:04:05.123+07:00',
      stored: '2000-01-01T00:00:00Z',
      authority: { mbox: 'mailto:someone-else@example.com' },
      context: { contextActivities: { parent: { id: 'http://example.com/parent' } } },
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:budi@example.com' },
        verb: { id: 'http://example.com/verbs/taught' },
        object: { id: 'http://example.com/lessons/1' },
        context: { contextActivities: { category: { id: 'http://example.com/category' } } },
      },
    });
    const before = structuredClone(input);
    prepareStatement(input, v2);
    expect(input).toEqual(before);
  });
});

describe('timestampInUtc', () => {
  it('converts an offset to UTC, keeping every fractional digit', () => {
    expect(timestampInUtc('2024-01-02T03:04:05.123456+07:00')).toBe('2024-01-01T20:04:05.123456Z');
  });

  it('converts a negative offset with minutes, across a year boundary', () => {
    expect(timestampInUtc('2024-12-31T22:15:00-03:30')).toBe('2025-01-01T01:45:00Z');
  });

  it('reads an offset written without a colon', () => {
    expect(timestampInUtc('2024-01-02T03:04:05+0700')).toBe('2024-01-01T20:04:05Z');
  });

  it('reads an offset of hours alone', () => {
    expect(timestampInUtc('2024-01-02T03:04:05+07')).toBe('2024-01-01T20:04:05Z');
  });

  it('fills in missing seconds as 00', () => {
    expect(timestampInUtc('2024-01-02T03:04+07:00')).toBe('2024-01-01T20:04:00Z');
    expect(timestampInUtc('2024-01-02T03:04Z')).toBe('2024-01-02T03:04:00Z');
  });

  it('writes a comma fraction with a dot', () => {
    expect(timestampInUtc('2024-01-02T03:04:05,25+01:00')).toBe('2024-01-02T02:04:05.25Z');
  });

  it('reads a timestamp without a zone as UTC', () => {
    expect(timestampInUtc('2024-01-02T03:04:05.5')).toBe('2024-01-02T03:04:05.5Z');
  });

  it('normalizes a lowercase t or z and a space separator', () => {
    expect(timestampInUtc('2024-01-02t03:04:05z')).toBe('2024-01-02T03:04:05Z');
    expect(timestampInUtc('2024-01-02 03:04:05+00:00')).toBe('2024-01-02T03:04:05Z');
  });

  it('returns what it cannot read unchanged', () => {
    expect(timestampInUtc('yesterday')).toBe('yesterday');
  });
});
