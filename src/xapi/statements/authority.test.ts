import { describe, expect, it } from 'vitest';
import { agentKey } from './agentKey.js';
import { authorityHomePage, credentialKeyOfAuthority } from './authority.js';

describe('credentialKeyOfAuthority', () => {
  it("reads the credential key back from its authority's agent key", () => {
    for (const name of ['k-1', 'with "quotes" and \\', '']) {
      const key = agentKey({ account: { homePage: authorityHomePage, name } })!;
      expect(credentialKeyOfAuthority(key)).toBe(name);
    }
  });

  it('says undefined for any other agent, and for a key that is not a pair of texts', () => {
    expect(credentialKeyOfAuthority(agentKey({ mbox: 'mailto:a@example.com' })!)).toBeUndefined();
    const other = agentKey({ account: { homePage: 'https://lms.example', name: 'k' } })!;
    expect(credentialKeyOfAuthority(other)).toBeUndefined();
    // What a forged `more` cursor could hold: it must not throw.
    for (const forged of [
      'account:["urn:jejak:credential",',
      'account:["urn:jejak:credential",1]',
      'account:["urn:jejak:credential","a","b"]',
    ]) {
      expect(credentialKeyOfAuthority(forged)).toBeUndefined();
    }
  });
});
