// agentKey (the index key of each IFI) and agentIdsOnly (agents as the `ids` format serves them).
import { describe, it, expect } from 'vitest';
import { agentIdsOnly, agentKey } from './agentKey.js';

describe('agentKey', () => {
  it('keys an mbox as mbox: followed by the mailto IRI', () => {
    expect(agentKey({ mbox: 'mailto:ana@example.com' })).toBe('mbox:mailto:ana@example.com');
  });

  it('keys an mbox_sha1sum in lowercase so both spellings of the hash meet', () => {
    const hash = 'EBD31E95054C018B10727CCFFD2EF2EC3A016EE9';
    expect(agentKey({ mbox_sha1sum: hash })).toBe(`sha1:${hash.toLowerCase()}`);
    expect(agentKey({ mbox_sha1sum: hash })).toBe(agentKey({ mbox_sha1sum: hash.toLowerCase() }));
  });

  it('keys an openid as openid: followed by the IRI', () => {
    expect(agentKey({ openid: 'http://openid.example.com/ana' })).toBe(
      'openid:http://openid.example.com/ana',
    );
  });

  it('keys an account as the JSON array of homePage and name', () => {
    expect(agentKey({ account: { homePage: 'http://example.com', name: 'ana' } })).toBe(
      'account:["http://example.com","ana"]',
    );
  });

  it('keeps homePage and name apart whatever characters they contain', () => {
    const a = agentKey({ account: { homePage: 'http://example.com', name: 'x:y' } });
    const b = agentKey({ account: { homePage: 'http://example.com:x', name: 'y' } });
    const c = agentKey({ account: { homePage: 'http://example.com', name: 'x","y' } });
    expect(a).not.toBe(b);
    expect(a).not.toBe(c);
    expect(b).not.toBe(c);
  });

  it('writes an account key exactly as JSON writes the pair, escapes included', () => {
    const texts = [
      'plain',
      'a"b',
      'a\\b',
      'tab\t',
      '\u0000',
      '\u001f',
      'ünï 中文',
      '😀',
      '\ud800',
      'x\udc00',
      '',
    ];
    for (const homePage of ['http://example.com', ...texts]) {
      for (const name of texts) {
        expect(agentKey({ account: { homePage, name } })).toBe(
          `account:${JSON.stringify([homePage, name])}`,
        );
      }
    }
  });

  it('ignores name and objectType, so two spellings of the same agent share a key', () => {
    expect(agentKey({ objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.com' })).toBe(
      agentKey({ mbox: 'mailto:ana@example.com' }),
    );
  });

  it('keys an identified group by its IFI, not its members', () => {
    expect(
      agentKey({
        objectType: 'Group',
        mbox: 'mailto:team@example.com',
        member: [{ mbox: 'mailto:ana@example.com' }],
      }),
    ).toBe('mbox:mailto:team@example.com');
  });

  it('returns undefined for an anonymous group', () => {
    expect(
      agentKey({ objectType: 'Group', member: [{ mbox: 'mailto:ana@example.com' }] }),
    ).toBeUndefined();
  });
});

describe('agentIdsOnly', () => {
  it('reduces an agent to objectType and its IFI, dropping the name', () => {
    expect(
      agentIdsOnly({ objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.com' }),
    ).toEqual({ objectType: 'Agent', mbox: 'mailto:ana@example.com' });
  });

  it('adds no objectType when the agent had none', () => {
    expect(agentIdsOnly({ name: 'Ana', openid: 'http://openid.example.com/ana' })).toEqual({
      openid: 'http://openid.example.com/ana',
    });
  });

  it('keeps an mbox_sha1sum or an account as the identifier', () => {
    const hash = 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9';
    expect(agentIdsOnly({ name: 'Ana', mbox_sha1sum: hash })).toEqual({ mbox_sha1sum: hash });
    const account = { homePage: 'http://example.com', name: 'ana' };
    expect(agentIdsOnly({ name: 'Ana', account })).toEqual({ account });
  });

  it('keeps only one IFI when several are present', () => {
    expect(
      agentIdsOnly({ mbox: 'mailto:ana@example.com', openid: 'http://openid.example.com/ana' }),
    ).toEqual({ mbox: 'mailto:ana@example.com' });
  });

  it('keeps the members of an anonymous group, each reduced', () => {
    expect(
      agentIdsOnly({
        objectType: 'Group',
        name: 'Class A',
        member: [
          { objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.com' },
          { name: 'Budi', account: { homePage: 'http://example.com', name: 'budi' } },
        ],
      }),
    ).toEqual({
      objectType: 'Group',
      member: [
        { objectType: 'Agent', mbox: 'mailto:ana@example.com' },
        { account: { homePage: 'http://example.com', name: 'budi' } },
      ],
    });
  });

  it('drops the members of an identified group', () => {
    expect(
      agentIdsOnly({
        objectType: 'Group',
        name: 'Team',
        mbox: 'mailto:team@example.com',
        member: [{ mbox: 'mailto:ana@example.com' }],
      }),
    ).toEqual({ objectType: 'Group', mbox: 'mailto:team@example.com' });
  });

  it('does not modify the agent it reduces', () => {
    const agent = { objectType: 'Agent' as const, name: 'Ana', mbox: 'mailto:ana@example.com' };
    agentIdsOnly(agent);
    expect(agent).toEqual({ objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.com' });
  });
});
