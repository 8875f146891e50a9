// personOf: the Person object GET /agents serves for an agent and the names known for it.
import { describe, it, expect } from 'vitest';
import type { AgentJson } from '../statements/xapiJson.js';
import { personOf } from './activitiesAndAgentsResources.js';

describe('personOf', () => {
  it('gives a Person with the mbox as a one-element array and the names', () => {
    expect(personOf({ mbox: 'mailto:budi@example.go.id' }, ['Budi'])).toStrictEqual({
      objectType: 'Person',
      name: ['Budi'],
      mbox: ['mailto:budi@example.go.id'],
    });
  });

  it('gives mbox_sha1sum as a one-element array', () => {
    const sha1 = 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9';
    expect(personOf({ mbox_sha1sum: sha1 }, [])).toStrictEqual({
      objectType: 'Person',
      mbox_sha1sum: [sha1],
    });
  });

  it('gives openid as a one-element array', () => {
    expect(personOf({ openid: 'https://id.example.go.id/budi' }, [])).toStrictEqual({
      objectType: 'Person',
      openid: ['https://id.example.go.id/budi'],
    });
  });

  it('gives the account as a one-element array of the account object', () => {
    const account = { homePage: 'https://sso.example.go.id', name: '198501012010011001' };
    expect(personOf({ account }, [])).toStrictEqual({
      objectType: 'Person',
      account: [account],
    });
  });

  it('omits the name property when no name is known', () => {
    const person = personOf({ mbox: 'mailto:budi@example.go.id' }, []);
    expect(Object.keys(person)).toEqual(['objectType', 'mbox']);
  });

  it('keeps every name given, in order', () => {
    expect(personOf({ mbox: 'mailto:budi@example.go.id' }, ['Budi', 'Budi Santoso']).name).toEqual([
      'Budi',
      'Budi Santoso',
    ]);
  });

  it("takes names only from the names argument, not the agent's own name", () => {
    const person = personOf({ name: 'Budi', mbox: 'mailto:budi@example.go.id' }, []);
    expect(person).not.toHaveProperty('name');
  });

  it('copies no property other than the identifiers (objectType Group, member)', () => {
    const group: AgentJson = {
      objectType: 'Group',
      openid: 'https://id.example.go.id/angkatan-7',
      member: [{ mbox: 'mailto:budi@example.go.id' }],
    };
    expect(personOf(group, ['Angkatan 7'])).toStrictEqual({
      objectType: 'Person',
      name: ['Angkatan 7'],
      openid: ['https://id.example.go.id/angkatan-7'],
    });
  });
});
