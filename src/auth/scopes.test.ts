import { describe, expect, it } from 'vitest';
import { hasScope, parseScopeList } from './scopes.js';

describe('xAPI scopes', () => {
  it('lets all cover every scope and all/read every read', () => {
    expect(hasScope(['all'], 'statements/write')).toBe(true);
    expect(hasScope(['all'], 'state')).toBe(true);
    expect(hasScope(['all/read'], 'statements/read')).toBe(true);
    expect(hasScope(['all/read'], 'statements/write')).toBe(false);
  });

  it('lets statements/read cover statements/read/mine, not the reverse', () => {
    expect(hasScope(['statements/read'], 'statements/read/mine')).toBe(true);
    expect(hasScope(['statements/read/mine'], 'statements/read')).toBe(false);
  });

  it('grants nothing beyond what is listed', () => {
    expect(hasScope(['statements/write'], 'statements/read/mine')).toBe(false);
    expect(hasScope(['define'], 'profile')).toBe(false);
  });

  it('parses a comma list, rejecting unknown and empty ones', () => {
    expect(parseScopeList('statements/write, statements/read/mine,statements/write')).toEqual([
      'statements/write',
      'statements/read/mine',
    ]);
    expect(() => parseScopeList('statements/write,admin')).toThrow(/unknown scope admin/);
    expect(() => parseScopeList(' , ')).toThrow(/at least one/);
  });
});
