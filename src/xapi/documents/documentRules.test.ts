// documentRules: ETags, the If-Match / If-None-Match preconditions, JSON content types and POST's JSON merge.
import { describe, it, expect } from 'vitest';
import { BadUserInputError } from '../../lib/errors.js';
import {
  checkPreconditions,
  DocumentConflictError,
  etagOf,
  isJsonContentType,
  mergeJsonDocuments,
  PreconditionFailedError,
  sha1Of,
  type Preconditions,
} from './documentRules.js';

const current = sha1Of(Buffer.from('{"progress":0.5}'));
const other = sha1Of(Buffer.from('{"progress":0.75}'));

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function check(
  sha1: string | undefined,
  preconditions: Preconditions,
  requireOneWhenExisting = false,
  requireOneWhenNew = false,
): unknown {
  return thrown(() =>
    checkPreconditions(sha1, preconditions, requireOneWhenExisting, requireOneWhenNew),
  );
}

function expectPreconditionFailed(error: unknown): void {
  expect(error).toBeInstanceOf(PreconditionFailedError);
  expect((error as PreconditionFailedError).code).toBe('PRECONDITION_FAILED');
  expect((error as PreconditionFailedError).httpStatus).toBe(412);
}

describe('sha1Of and etagOf', () => {
  it('computes the hex SHA-1 of the content', () => {
    expect(sha1Of(Buffer.from(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Of(Buffer.from('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('hashes the bytes, so different content gives a different SHA-1', () => {
    expect(current).not.toBe(other);
  });

  it('formats the ETag as the 40 hex digits in double quotes', () => {
    const etag = etagOf(sha1Of(Buffer.from('abc')));
    expect(etag).toBe('"a9993e364706816aba3e25717850c26c9cd0d89d"');
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
  });
});

describe('checkPreconditions with If-Match', () => {
  it('passes when If-Match is the current ETag as served (quoted)', () => {
    expect(check(current, { ifMatch: etagOf(current) })).toBeUndefined();
  });

  it('passes when If-Match is the current tag without quotes', () => {
    expect(check(current, { ifMatch: current })).toBeUndefined();
  });

  it('passes when If-Match is the current tag marked weak (W/)', () => {
    expect(check(current, { ifMatch: `W/${etagOf(current)}` })).toBeUndefined();
  });

  it('passes when the current tag is one of a comma-separated list', () => {
    expect(
      check(current, { ifMatch: `${etagOf(other)}, ${etagOf(current)} ,"abc"` }),
    ).toBeUndefined();
  });

  it('passes when If-Match is * and the document exists', () => {
    expect(check(current, { ifMatch: '*' })).toBeUndefined();
  });

  it('fails with 412 when If-Match is another tag', () => {
    const error = check(current, { ifMatch: etagOf(other) });
    expectPreconditionFailed(error);
    expect((error as Error).message).toMatch(/If-Match/);
  });

  it('fails with 412 when no tag of an If-Match list is the current one', () => {
    expectPreconditionFailed(check(current, { ifMatch: `${etagOf(other)}, "abc"` }));
  });

  it('fails with 412 when If-Match names only part of the current tag', () => {
    expectPreconditionFailed(check(current, { ifMatch: `"${current.slice(0, 39)}"` }));
  });

  it('fails with 412 when If-Match is empty', () => {
    expectPreconditionFailed(check(current, { ifMatch: '' }));
  });

  it('fails with 412 when If-Match names a tag and there is no document', () => {
    const error = check(undefined, { ifMatch: etagOf(current) });
    expectPreconditionFailed(error);
    expect((error as Error).message).toMatch(/no document/);
  });

  it('fails with 412 when If-Match is * and there is no document', () => {
    expectPreconditionFailed(check(undefined, { ifMatch: '*' }));
  });
});

describe('checkPreconditions with If-None-Match', () => {
  it('fails with 412 when If-None-Match is * and the document exists', () => {
    const error = check(current, { ifNoneMatch: '*' });
    expectPreconditionFailed(error);
    expect((error as Error).message).toMatch(/If-None-Match/);
  });

  it('fails with 412 when If-None-Match is the current ETag', () => {
    expectPreconditionFailed(check(current, { ifNoneMatch: etagOf(current) }));
  });

  it('fails with 412 when the current tag is in an If-None-Match list', () => {
    expectPreconditionFailed(
      check(current, { ifNoneMatch: `${etagOf(other)}, W/${etagOf(current)}` }),
    );
  });

  it('passes when If-None-Match names only other tags of an existing document', () => {
    expect(check(current, { ifNoneMatch: etagOf(other) }, true)).toBeUndefined();
  });

  it('passes when If-None-Match is * and there is no document', () => {
    expect(check(undefined, { ifNoneMatch: '*' }, true, true)).toBeUndefined();
  });

  it('passes when If-None-Match names a tag and there is no document', () => {
    expect(check(undefined, { ifNoneMatch: etagOf(current) })).toBeUndefined();
  });

  it('fails with 412 when If-Match matches but If-None-Match is *', () => {
    expectPreconditionFailed(check(current, { ifMatch: etagOf(current), ifNoneMatch: '*' }));
  });
});

describe('checkPreconditions without either header', () => {
  it('fails with 409 on an existing document when a header is required there', () => {
    const error = check(current, {}, true);
    expect(error).toBeInstanceOf(DocumentConflictError);
    expect((error as DocumentConflictError).code).toBe('CONFLICT');
    expect((error as DocumentConflictError).httpStatus).toBe(409);
  });

  it('passes on an existing document when no header is required there', () => {
    expect(check(current, {}, false, true)).toBeUndefined();
  });

  it('passes on an existing document when it is given a matching If-Match', () => {
    expect(check(current, { ifMatch: etagOf(current) }, true, true)).toBeUndefined();
  });

  it('fails with 400 on a new document when a header is required to create', () => {
    const error = check(undefined, {}, false, true);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).code).toBe('BAD_USER_INPUT');
    expect((error as BadUserInputError).httpStatus).toBe(400);
    expect((error as Error).message).toMatch(/If-None-Match/);
  });

  it('passes on a new document when only requireOneWhenExisting is set', () => {
    expect(check(undefined, {}, true, false)).toBeUndefined();
  });

  it('passes on a new document when nothing is required', () => {
    expect(check(undefined, {})).toBeUndefined();
  });

  it('defaults requireOneWhenNew to false', () => {
    expect(thrown(() => checkPreconditions(undefined, {}, true))).toBeUndefined();
  });
});

describe('isJsonContentType', () => {
  it('accepts application/json', () => {
    expect(isJsonContentType('application/json')).toBe(true);
  });

  it('accepts application/json with a charset parameter', () => {
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/json;charset=UTF-8')).toBe(true);
  });

  it('ignores case and surrounding whitespace', () => {
    expect(isJsonContentType('Application/JSON')).toBe(true);
    expect(isJsonContentType('  APPLICATION/JSON ; Charset=UTF-8')).toBe(true);
  });

  it('refuses other media types', () => {
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/octet-stream')).toBe(false);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType('text/json')).toBe(false);
    expect(isJsonContentType('application/ld+json')).toBe(false);
  });

  it('refuses a missing or empty content type', () => {
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType('')).toBe(false);
  });
});

describe('mergeJsonDocuments', () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const merged = (stored: Buffer | undefined, posted: Buffer): unknown =>
    JSON.parse(mergeJsonDocuments(stored, posted).toString('utf8'));
  const rejects = (stored: Buffer | undefined, posted: Buffer, message: RegExp) => {
    const error = thrown(() => mergeJsonDocuments(stored, posted));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as Error).message).toMatch(message);
  };

  it('adds the posted top-level properties to the stored ones', () => {
    expect(merged(json({ a: 1 }), json({ b: 2 }))).toEqual({ a: 1, b: 2 });
  });

  it('replaces a stored top-level property with the posted one', () => {
    expect(merged(json({ a: 1, b: 'kept' }), json({ a: 2 }))).toEqual({ a: 2, b: 'kept' });
  });

  it('replaces a nested object whole rather than merging into it', () => {
    const stored = json({ bookmark: { page: 3, chapter: 1 }, score: 10 });
    const posted = json({ bookmark: { page: 7 } });
    expect(merged(stored, posted)).toEqual({ bookmark: { page: 7 }, score: 10 });
  });

  it('stores null when a property is posted as null', () => {
    expect(merged(json({ a: 1 }), json({ a: null }))).toEqual({ a: null });
  });

  it('creates the document from the posted object when nothing is stored', () => {
    expect(merged(undefined, json({ a: [1, 2], b: { c: 'd' } }))).toEqual({
      a: [1, 2],
      b: { c: 'd' },
    });
  });

  it('produces valid UTF-8 JSON, keeping non-ASCII text', () => {
    const out = mergeJsonDocuments(
      json({ nama: 'Budi Śantoso' }),
      json({ kota: 'Yogyakarta 日本' }),
    );
    expect(() => JSON.parse(out.toString('utf8'))).not.toThrow();
    expect(JSON.parse(out.toString('utf8'))).toEqual({
      nama: 'Budi Śantoso',
      kota: 'Yogyakarta 日本',
    });
  });

  it('keeps a "__proto__" key as plain data without touching prototypes', () => {
    const out = mergeJsonDocuments(json({ a: 1 }), Buffer.from('{"__proto__":{"polluted":true}}'));
    const text = out.toString('utf8');
    expect(text).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a posted document that is not JSON', () => {
    rejects(json({ a: 1 }), Buffer.from('{"a":'), /posted document is not JSON/);
    rejects(undefined, Buffer.from('a=1&b=2'), /posted document is not JSON/);
  });

  it('refuses a stored document that is not JSON', () => {
    rejects(Buffer.from('plain text'), json({ a: 1 }), /stored document is not JSON/);
  });

  it.each([
    ['an array', [1, 2]],
    ['a number', 42],
    ['a string', 'text'],
    ['null', null],
    ['a boolean', true],
  ])('refuses a posted document that is %s', (_, value) => {
    rejects(json({ a: 1 }), json(value), /posted document is not a JSON object/);
    rejects(undefined, json(value), /posted document is not a JSON object/);
  });

  it.each([
    ['an array', [{ a: 1 }]],
    ['a number', 42],
    ['a string', 'text'],
  ])('refuses a stored document that is %s', (_, value) => {
    rejects(json(value), json({ a: 1 }), /stored document is not a JSON object/);
  });
});
