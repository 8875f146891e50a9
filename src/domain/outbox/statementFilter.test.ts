import { describe, expect, it } from 'vitest';
import { voidedVerb, type StatementJson } from '../../xapi/statements/xapiJson.js';
import {
  matchesStatementFilter,
  parseStatementFilter,
  storedStatementFilter,
} from './statementFilter.js';

const site = 'https://lms.example.go.id';
const completed = 'http://adlnet.gov/expapi/verbs/completed';
const viewed = 'http://id.tincanapi.com/verb/viewed';
const ani = { objectType: 'Agent' as const, account: { homePage: site, name: '1990' } };
const budi = { mbox: 'mailto:budi@example.go.id' };
const aniKey = `account:${JSON.stringify([site, '1990'])}`;

function statement(overrides: Partial<StatementJson> = {}): StatementJson {
  return {
    id: '6b1c1c8e-3b5e-4a53-9a43-0f7b3d0c0001',
    actor: ani,
    verb: { id: completed },
    object: { objectType: 'Activity', id: `${site}/mod/quiz/view.php?id=7` },
    ...overrides,
  };
}

describe('parseStatementFilter', () => {
  it('keeps the conditions named, the actor as its agent key', () => {
    expect(
      parseStatementFilter({
        verb: completed,
        activityIriPrefix: `${site}/mod/`,
        actor: JSON.stringify(ani),
      }),
    ).toEqual({ verb: completed, activityIriPrefix: `${site}/mod/`, actorKey: aniKey });
  });

  it('takes an agent key as well as an agent, and normalises it', () => {
    expect(parseStatementFilter({ actor: aniKey })).toEqual({ actorKey: aniKey });
    expect(parseStatementFilter({ actor: 'mbox:mailto:budi@example.go.id' })).toEqual({
      actorKey: 'mbox:mailto:budi@example.go.id',
    });
    expect(parseStatementFilter({ actor: `sha1:${'A'.repeat(40)}` })).toEqual({
      actorKey: `sha1:${'a'.repeat(40)}`,
    });
  });

  it('refuses what it cannot use, saying where', () => {
    const message = (input: Parameters<typeof parseStatementFilter>[0]) => {
      try {
        parseStatementFilter(input);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message({})).toMatch(/^statementFilter: name at least one/);
    expect(message({ verb: null, actor: null })).toMatch(/^statementFilter: name at least one/);
    expect(message({ verb: 'completed' })).toMatch(/^statementFilter.verb: must be an IRI/);
    expect(message({ activityIriPrefix: '/mod/' })).toMatch(
      /^statementFilter.activityIriPrefix: must be the start of an IRI/,
    );
    expect(message({ actor: '{"mbox":' })).toBe('statementFilter.actor: is not valid JSON');
    expect(message({ actor: 'budi@example.go.id' })).toMatch(/^statementFilter.actor: must be/);
    expect(message({ actor: 'account:["x"]' })).toMatch(/^statementFilter.actor: must be/);
    expect(message({ actor: '{"mbox":"budi@example.go.id"}' })).toMatch(
      /^statementFilter.actor.mbox/,
    );
    expect(message({ actor: '{"name":"Budi"}' })).toMatch(/^statementFilter.actor/);
  });
});

describe('matchesStatementFilter', () => {
  it('forwards everything without a filter', () => {
    expect(matchesStatementFilter(null, statement())).toBe(true);
  });

  it('matches the verb exactly', () => {
    expect(matchesStatementFilter({ verb: completed }, statement())).toBe(true);
    expect(matchesStatementFilter({ verb: viewed }, statement())).toBe(false);
    expect(matchesStatementFilter({ verb: `${completed}/` }, statement())).toBe(false);
  });

  it("matches the start of the object's activity id, not context activities", () => {
    expect(matchesStatementFilter({ activityIriPrefix: `${site}/mod/` }, statement())).toBe(true);
    expect(matchesStatementFilter({ activityIriPrefix: `${site}/course/` }, statement())).toBe(
      false,
    );
    const inContext = statement({
      object: { id: `${site}/mod/page/view.php?id=1` },
      context: { contextActivities: { grouping: [{ id: `${site}/course/view.php?id=2` }] } },
    });
    // objectType may be left out of an Activity.
    expect(matchesStatementFilter({ activityIriPrefix: `${site}/mod/` }, inContext)).toBe(true);
    expect(matchesStatementFilter({ activityIriPrefix: `${site}/course/` }, inContext)).toBe(false);
    const aboutAgent = statement({ object: { objectType: 'Agent', mbox: budi.mbox } });
    expect(matchesStatementFilter({ activityIriPrefix: 'mailto:' }, aboutAgent)).toBe(false);
  });

  it('matches the actor by its identifier, whatever else it carries', () => {
    const filter = { actorKey: aniKey };
    expect(matchesStatementFilter(filter, statement())).toBe(true);
    expect(matchesStatementFilter(filter, statement({ actor: { ...ani, name: 'Ani' } }))).toBe(
      true,
    );
    expect(matchesStatementFilter(filter, statement({ actor: budi }))).toBe(false);
    // Someone else's statement that names the actor elsewhere is not theirs.
    expect(
      matchesStatementFilter(filter, statement({ actor: budi, context: { instructor: ani } })),
    ).toBe(false);
    const group = { objectType: 'Group' as const, member: [ani] };
    expect(matchesStatementFilter(filter, statement({ actor: group }))).toBe(false);
  });

  it('needs every condition it names', () => {
    const filter = { verb: completed, actorKey: aniKey };
    expect(matchesStatementFilter(filter, statement())).toBe(true);
    expect(matchesStatementFilter(filter, statement({ verb: { id: viewed } }))).toBe(false);
    expect(matchesStatementFilter(filter, statement({ actor: budi }))).toBe(false);
  });

  it('treats a voiding statement as a statement of its own', () => {
    const voiding = statement({
      verb: { id: voidedVerb },
      object: { objectType: 'StatementRef', id: '6b1c1c8e-3b5e-4a53-9a43-0f7b3d0c0002' },
    });
    expect(matchesStatementFilter({ verb: voidedVerb }, voiding)).toBe(true);
    expect(matchesStatementFilter({ actorKey: aniKey }, voiding)).toBe(true);
    expect(matchesStatementFilter({ verb: completed }, voiding)).toBe(false);
    expect(matchesStatementFilter({ activityIriPrefix: 'https:' }, voiding)).toBe(false);
  });
});

describe('storedStatementFilter', () => {
  it('reads back what the row keeps, null for every statement', () => {
    expect(storedStatementFilter(null)).toBeNull();
    expect(storedStatementFilter({ verb: completed, other: 1 })).toEqual({ verb: completed });
  });
});
