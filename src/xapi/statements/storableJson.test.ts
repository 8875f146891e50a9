import { describe, expect, it } from 'vitest';
import { maxJsonDepth, unstorableJson } from './storableJson.js';

describe('unstorableJson', () => {
  const nul = 'must not contain NUL characters or unpaired surrogates';

  it('finds nothing in text PostgreSQL can store', () => {
    expect(unstorableJson({ a: ['ünï 中文 😀', { b: 1, c: null }], d: true })).toBeUndefined();
  });

  it('names the first place with a NUL or a lone surrogate by its JSON path', () => {
    expect(unstorableJson({ result: { response: 'a\u0000b' } })).toEqual({
      path: 'result.response',
      rule: nul,
    });
    expect(unstorableJson({ a: [{ ok: 'x' }, { b: ['y', '\ud800'] }] })).toEqual({
      path: 'a[1].b[1]',
      rule: nul,
    });
    expect(unstorableJson([{ a: '\udc00' }])).toEqual({ path: '[0].a', rule: nul });
    expect(unstorableJson('\u0000')).toEqual({ path: '', rule: nul });
  });

  it('starts the path from the one given', () => {
    expect(unstorableJson({ q: '\u0000' }, 'variables')).toEqual({
      path: 'variables.q',
      rule: nul,
    });
    expect(unstorableJson(['\u0000'], 'statements')).toEqual({
      path: 'statements[0]',
      rule: nul,
    });
  });

  it('names a key that cannot be stored', () => {
    expect(unstorableJson({ a: { 'b\u0000': 1 } })).toEqual({
      path: 'a.b\u0000',
      rule: 'key must not contain NUL characters or unpaired surrogates',
    });
  });

  it('refuses nesting deeper than the limit, where it goes too deep', () => {
    let deep: unknown = 'x';
    for (let level = 0; level <= maxJsonDepth; level++) deep = { n: deep };
    const problem = unstorableJson(deep);
    expect(problem?.rule).toBe(`is nested deeper than ${maxJsonDepth} levels`);
    expect(problem?.path).toBe(Array(maxJsonDepth).fill('n').join('.'));
  });
});
