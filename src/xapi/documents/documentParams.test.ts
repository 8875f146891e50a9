// parseDocumentParams (query strings of the State, Agent/Activity Profile, /activities and /agents resources under xAPI 1.0.3 and 2.0.0) and requireParams.
import { describe, it, expect } from 'vitest';
import { BadUserInputError } from '../../lib/errors.js';
import type { XapiVersion } from '../statements/validateStatement.js';
import {
  parseDocumentParams,
  requireParams,
  type DocumentParam,
  type DocumentParams,
} from './documentParams.js';

const versions: readonly XapiVersion[] = ['1.0.3', '2.0.0'];
const allParams: readonly DocumentParam[] = [
  'activityId',
  'agent',
  'registration',
  'stateId',
  'profileId',
  'since',
];
const budi = { objectType: 'Agent', name: 'Budi', mbox: 'mailto:budi@example.go.id' };

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(versions)('parseDocumentParams under xAPI %s', (version) => {
  const parse = (query: Record<string, unknown>, allowed = allParams) =>
    parseDocumentParams(query, allowed, version, '/activities/state');
  const rejects = (query: Record<string, unknown>, message: RegExp, allowed = allParams) => {
    const error = thrown(() => parse(query, allowed));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).httpStatus).toBe(400);
    expect((error as Error).message).toMatch(message);
  };

  describe('parameter names', () => {
    it('gives no parameters for an empty query', () => {
      expect(parse({})).toEqual({});
    });

    it('rejects an unknown parameter, naming it and the resource', () => {
      rejects({ foo: 'bar' }, /unknown query parameter foo for \/activities\/state/);
    });

    it('rejects a parameter that exists but this resource does not take', () => {
      rejects({ since: '2024-01-01T00:00:00Z' }, /unknown query parameter since/, [
        'activityId',
        'agent',
        'stateId',
      ]);
    });

    it('rejects a repeated parameter (an array value), naming it', () => {
      rejects(
        { activityId: ['http://example.go.id/a', 'http://example.go.id/b'] },
        /query parameter activityId may be given only once/,
      );
    });

    it('rejects a NUL character in a value', () => {
      rejects({ stateId: 'bookmark\u0000x' }, /stateId contains a NUL/);
    });

    it('rejects an unpaired surrogate in a value', () => {
      rejects({ profileId: 'profile\uD800' }, /profileId contains a NUL or an unpaired surrogate/);
    });
  });

  describe('activityId', () => {
    it('keeps an IRI as given', () => {
      expect(parse({ activityId: 'http://example.go.id/kursus/Etika-ASN' })).toEqual({
        activityId: 'http://example.go.id/kursus/Etika-ASN',
      });
    });

    it.each(['not an iri', 'etika-asn', '', 'http://example.go.id/a b'])(
      'rejects %j, which is not an IRI',
      (activityId) => {
        rejects({ activityId }, /^activityId must be an IRI$/);
      },
    );
  });

  describe('agent', () => {
    it('parses an mbox Agent and computes its key', () => {
      const params = parse({ agent: JSON.stringify(budi) });
      expect(params.agent).toEqual(budi);
      expect(params.agentKey).toBe('mbox:mailto:budi@example.go.id');
    });

    it('computes the key of an account Agent from homePage and name', () => {
      const agent = {
        account: { homePage: 'https://sso.example.go.id', name: '198501012010011001' },
      };
      const params = parse({ agent: JSON.stringify(agent) });
      expect(params.agent).toEqual(agent);
      expect(params.agentKey).toBe('account:["https://sso.example.go.id","198501012010011001"]');
    });

    it('gives the same key whatever name the Agent carries', () => {
      const named = parse({ agent: JSON.stringify(budi) });
      const bare = parse({ agent: '{"mbox":"mailto:budi@example.go.id"}' });
      expect(bare.agentKey).toBe(named.agentKey);
    });

    it('accepts an identified Group', () => {
      const group = { objectType: 'Group', mbox: 'mailto:angkatan-7@example.go.id' };
      expect(parse({ agent: JSON.stringify(group) }).agentKey).toBe(
        'mbox:mailto:angkatan-7@example.go.id',
      );
    });

    it('rejects text that is not JSON', () => {
      rejects({ agent: 'budi@example.go.id' }, /^agent must be an Agent as JSON/);
    });

    it('rejects JSON that is not an object (true)', () => {
      rejects({ agent: 'true' }, /^agent: must be an object/);
    });

    it('rejects an Agent without an inverse functional identifier', () => {
      rejects({ agent: '{"objectType":"Agent","name":"Budi"}' }, /^agent: .*identifier/);
    });

    it('rejects an Agent with two inverse functional identifiers', () => {
      rejects(
        { agent: '{"mbox":"mailto:budi@example.go.id","openid":"https://id.example.go.id/budi"}' },
        /^agent: must have exactly one inverse functional identifier/,
      );
    });

    it('rejects an Agent whose mbox is not a mailto IRI', () => {
      rejects({ agent: '{"mbox":"budi@example.go.id"}' }, /^agent\.mbox: must be a mailto IRI/);
    });

    it('rejects an anonymous Group with members', () => {
      const group = { objectType: 'Group', member: [budi] };
      rejects({ agent: JSON.stringify(group) }, /^agent: must be an Agent or an identified Group/);
    });

    it('rejects an anonymous Group without members', () => {
      rejects({ agent: '{"objectType":"Group"}' }, /^agent/);
    });
  });

  describe('registration', () => {
    it('lowercases a UUID', () => {
      expect(parse({ registration: 'EC531277-B57B-4C15-8D91-D292C5B2B8F7' })).toEqual({
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      });
    });

    it.each([
      'not-a-uuid',
      'ec531277b57b4c158d91d292c5b2b8f7',
      'ec531277-b57b-4c15-8d91-d292c5b2b8f',
    ])('rejects %j, which is not a UUID', (registration) => {
      rejects({ registration }, /^registration must be a UUID$/);
    });
  });

  describe('stateId and profileId', () => {
    it('makes stateId the documentId, verbatim', () => {
      expect(parse({ stateId: 'Bookmark/Bab 1?' })).toEqual({ documentId: 'Bookmark/Bab 1?' });
    });

    it('makes profileId the documentId, verbatim', () => {
      expect(parse({ profileId: 'preferensi' })).toEqual({ documentId: 'preferensi' });
    });
  });

  describe('since', () => {
    it('parses a UTC timestamp', () => {
      expect(parse({ since: '2024-01-02T03:04:05Z' }).since?.toISOString()).toBe(
        '2024-01-02T03:04:05.000Z',
      );
    });

    it('converts a timestamp with an offset to the same instant in UTC', () => {
      expect(parse({ since: '2024-01-02T03:04:05+07:00' }).since?.toISOString()).toBe(
        '2024-01-01T20:04:05.000Z',
      );
      expect(parse({ since: '2024-01-01T20:04:05.250-05:30' }).since?.toISOString()).toBe(
        '2024-01-02T01:34:05.250Z',
      );
    });

    it('accepts the last second of year 9999 in UTC', () => {
      expect(parse({ since: '9999-12-31T23:59:59Z' }).since?.toISOString()).toBe(
        '9999-12-31T23:59:59.000Z',
      );
    });

    it.each([
      'yesterday',
      '2024-01-02',
      '2024-02-30T00:00:00Z',
      '2024-01-02T24:00:00Z',
      '2024-01-02T03:04:05-00:00',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:30:00+01:00',
      '',
    ])('rejects %j', (since) => {
      rejects({ since }, /^since must be an ISO 8601 timestamp$/);
    });

    // An offset can move the instant past 9999-12-31, where it has no four-digit year.
    it('rejects a since whose UTC instant falls after year 9999', () => {
      rejects({ since: '9999-12-31T23:59:59-01:00' }, /^since must be an ISO 8601 timestamp$/);
    });
  });

  it('parses every parameter of one query together', () => {
    const params = parse({
      activityId: 'http://example.go.id/kursus/1',
      agent: JSON.stringify(budi),
      registration: 'EC531277-B57B-4C15-8D91-D292C5B2B8F7',
      stateId: 'bookmark',
      since: '2024-05-06T07:08:09Z',
    });
    expect(params).toEqual({
      activityId: 'http://example.go.id/kursus/1',
      agent: budi,
      agentKey: 'mbox:mailto:budi@example.go.id',
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      documentId: 'bookmark',
      since: new Date('2024-05-06T07:08:09Z'),
    });
  });
});

describe('parseDocumentParams: version differences in since', () => {
  it('accepts a timestamp without seconds under 1.0.3 (ISO 8601)', () => {
    expect(
      parseDocumentParams({ since: '2024-01-02T03:04Z' }, ['since'], '1.0.3', '/x').since,
    ).toEqual(new Date('2024-01-02T03:04:00Z'));
  });

  it('rejects a timestamp without seconds under 2.0.0 (RFC 3339)', () => {
    const error = thrown(() =>
      parseDocumentParams({ since: '2024-01-02T03:04Z' }, ['since'], '2.0.0', '/x'),
    );
    expect(error).toBeInstanceOf(BadUserInputError);
  });
});

describe('requireParams', () => {
  const stateNames = { activityId: 'activityId', agent: 'agent', documentId: 'stateId' };

  it('passes when every named parameter is present', () => {
    const params: DocumentParams = { activityId: 'http://example.go.id/a', documentId: 'x' };
    expect(() => requireParams(params, ['activityId', 'documentId'], stateNames)).not.toThrow();
  });

  it('throws a BadUserInputError naming the missing parameter', () => {
    const error = thrown(() =>
      requireParams({ activityId: 'http://example.go.id/a' }, ['activityId', 'agent'], stateNames),
    );
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as Error).message).toBe('the agent query parameter is required');
  });

  it('names the missing parameter as the client spells it (documentId as stateId)', () => {
    expect(() => requireParams({}, ['documentId'], stateNames)).toThrow(
      'the stateId query parameter is required',
    );
  });

  it('names the first missing parameter in the order given', () => {
    expect(() => requireParams({}, ['agent', 'activityId'], stateNames)).toThrow(
      'the agent query parameter is required',
    );
  });

  it('falls back to the field name when no client name is given', () => {
    expect(() => requireParams({}, ['registration'], {})).toThrow(
      'the registration query parameter is required',
    );
  });
});
