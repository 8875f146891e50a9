import { describe, expect, it } from 'vitest';
import { parseBasicAuthorization } from './basicAuth.js';

const encode = (text: string) => Buffer.from(text).toString('base64');

describe('parseBasicAuthorization', () => {
  it('splits at the first colon, so secrets may contain colons', () => {
    expect(parseBasicAuthorization(`Basic ${encode('key:se:cr:et')}`)).toEqual({
      key: 'key',
      secret: 'se:cr:et',
    });
    expect(parseBasicAuthorization(`basic ${encode('k:')}`)).toEqual({ key: 'k', secret: '' });
  });

  it('returns null for anything else', () => {
    expect(parseBasicAuthorization(undefined)).toBeNull();
    expect(parseBasicAuthorization('Bearer abc')).toBeNull();
    expect(parseBasicAuthorization(`Basic ${encode('no-colon')}`)).toBeNull();
    expect(parseBasicAuthorization(`Basic ${encode(':secret-without-key')}`)).toBeNull();
    expect(parseBasicAuthorization('Basic')).toBeNull();
  });
});
