// statementRows: the statement's own columns, agent and activity link rows with their roles, and the definitions to merge.
import { describe, it, expect } from 'vitest';
import { statementRows, type LinkRow } from './statementRows.js';
import type { AgentJson, StatementJson } from './xapiJson.js';

const id = '6f1c5a3e-8d0b-4c2a-9e57-1b2c3d4e5f60';
const stored = '2024-03-04T05:06:07.890Z';
const ana: AgentJson = { objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.com' };
const budi: AgentJson = { mbox: 'mailto:budi@example.com' };
const citra: AgentJson = { account: { homePage: 'http://example.com', name: 'citra' } };
const dewi: AgentJson = { openid: 'http://openid.example.com/dewi' };
const lrs: AgentJson = { objectType: 'Agent', mbox: 'mailto:lrs@example.com' };
const anaKey = 'mbox:mailto:ana@example.com';
const budiKey = 'mbox:mailto:budi@example.com';
const citraKey = 'account:["http://example.com","citra"]';
const dewiKey = 'openid:http://openid.example.com/dewi';
const lrsKey = 'mbox:mailto:lrs@example.com';
const attended = { id: 'http://adlnet.gov/expapi/verbs/attended' };
const course = 'http://example.com/courses/1';

function statement(overrides: Partial<StatementJson> = {}): StatementJson {
  return {
    id,
    actor: ana,
    verb: attended,
    object: { id: course },
    stored,
    ...overrides,
  };
}

function row(rows: LinkRow[], key: string): LinkRow | undefined {
  return rows.find((candidate) => candidate.key === key);
}

describe('statementRows', () => {
  describe('statement columns', () => {
    it('copies id, verb, stored (as a Date) and the statement itself', () => {
      const input = statement();
      const rows = statementRows(input);
      expect(rows.id).toBe(id);
      expect(rows.verbIri).toBe(attended.id);
      expect(rows.stored).toEqual(new Date(stored));
      expect(rows.payload).toBe(input);
    });

    it('lowercases the registration', () => {
      const rows = statementRows(
        statement({ context: { registration: 'EC531277-B57B-4C15-8D91-D292C5B2B8F7' } }),
      );
      expect(rows.registration).toBe('ec531277-b57b-4c15-8d91-d292c5b2b8f7');
    });

    it('has a null registration when the context has none', () => {
      expect(statementRows(statement()).registration).toBeNull();
      expect(statementRows(statement({ context: {} })).registration).toBeNull();
    });

    it('sets voidsId and objectStatementId for a voiding statement', () => {
      const target = 'e05aa883-acaf-40ad-bf54-02c8ce485fb0';
      const rows = statementRows(
        statement({
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id: target },
        }),
      );
      expect(rows.voidsId).toBe(target);
      expect(rows.objectStatementId).toBe(target);
    });

    it('sets objectStatementId but not voidsId for a StatementRef with another verb', () => {
      const target = 'e05aa883-acaf-40ad-bf54-02c8ce485fb0';
      const rows = statementRows(statement({ object: { objectType: 'StatementRef', id: target } }));
      expect(rows.objectStatementId).toBe(target);
      expect(rows.voidsId).toBeNull();
      expect(rows.activities).toEqual([]);
    });

    it('has neither voidsId nor objectStatementId when the object is an activity', () => {
      const rows = statementRows(statement());
      expect(rows.voidsId).toBeNull();
      expect(rows.objectStatementId).toBeNull();
    });
  });

  describe('agent links', () => {
    it('links the actor as direct', () => {
      expect(statementRows(statement()).agents).toEqual([
        { key: anaKey, direct: true, roles: ['actor'] },
      ]);
    });

    it('links an agent object as direct', () => {
      const rows = statementRows(statement({ object: { objectType: 'Agent', ...budi } }));
      expect(row(rows.agents, budiKey)).toEqual({ key: budiKey, direct: true, roles: ['object'] });
      expect(rows.activities).toEqual([]);
    });

    it('does not link the authority, which the writing credential stands for', () => {
      const rows = statementRows(statement({ authority: lrs }));
      expect(row(rows.agents, lrsKey)).toBeUndefined();
    });

    it('links instructor, team, contextAgents and contextGroups, none as direct', () => {
      const team: AgentJson = { objectType: 'Group', mbox: 'mailto:team@example.com' };
      const rows = statementRows(
        statement({
          context: {
            instructor: budi,
            team,
            contextAgents: [{ agent: citra }],
            contextGroups: [{ group: { objectType: 'Group', ...dewi } }],
          },
        }),
      );
      expect(rows.agents).toEqual([
        { key: anaKey, direct: true, roles: ['actor'] },
        { key: budiKey, direct: false, roles: ['instructor'] },
        { key: 'mbox:mailto:team@example.com', direct: false, roles: ['team'] },
        { key: citraKey, direct: false, roles: ['context_agent'] },
        { key: dewiKey, direct: false, roles: ['context_group'] },
      ]);
    });

    it('links the members of an identified group actor as actor_member, not as direct', () => {
      const rows = statementRows(
        statement({
          actor: { objectType: 'Group', mbox: 'mailto:team@example.com', member: [budi, citra] },
        }),
      );
      expect(rows.agents).toEqual([
        { key: 'mbox:mailto:team@example.com', direct: true, roles: ['actor'] },
        { key: budiKey, direct: false, roles: ['actor_member'] },
        { key: citraKey, direct: false, roles: ['actor_member'] },
      ]);
    });

    it('links only the members of an anonymous group, which has no key of its own', () => {
      const rows = statementRows(
        statement({ actor: { objectType: 'Group', member: [budi, citra] } }),
      );
      expect(rows.agents).toEqual([
        { key: budiKey, direct: false, roles: ['actor_member'] },
        { key: citraKey, direct: false, roles: ['actor_member'] },
      ]);
    });

    it('names members after the role of their group (object_member, team_member)', () => {
      const rows = statementRows(
        statement({
          object: { objectType: 'Group', member: [budi] },
          context: { team: { objectType: 'Group', member: [citra] } },
        }),
      );
      expect(row(rows.agents, budiKey)?.roles).toEqual(['object_member']);
      expect(row(rows.agents, citraKey)?.roles).toEqual(['team_member']);
    });
  });

  describe('activity links', () => {
    it('links the object activity as direct, with or without objectType', () => {
      expect(statementRows(statement()).activities).toEqual([
        { key: course, direct: true, roles: ['object'] },
      ]);
      expect(
        statementRows(statement({ object: { objectType: 'Activity', id: course } })).activities,
      ).toEqual([{ key: course, direct: true, roles: ['object'] }]);
    });

    it('links parent, grouping, category and other context activities, none as direct', () => {
      const rows = statementRows(
        statement({
          context: {
            contextActivities: {
              parent: [{ id: 'http://example.com/parent' }],
              grouping: [{ id: 'http://example.com/grouping' }],
              category: [{ id: 'http://example.com/category' }],
              other: [{ id: 'http://example.com/other-1' }, { id: 'http://example.com/other-2' }],
            },
          },
        }),
      );
      expect(rows.activities).toEqual([
        { key: course, direct: true, roles: ['object'] },
        { key: 'http://example.com/parent', direct: false, roles: ['parent'] },
        { key: 'http://example.com/grouping', direct: false, roles: ['grouping'] },
        { key: 'http://example.com/category', direct: false, roles: ['category'] },
        { key: 'http://example.com/other-1', direct: false, roles: ['other'] },
        { key: 'http://example.com/other-2', direct: false, roles: ['other'] },
      ]);
    });

    it('accepts a single context activity that is not in an array', () => {
      const rows = statementRows(
        statement({ context: { contextActivities: { parent: { id: 'http://example.com/p' } } } }),
      );
      expect(row(rows.activities, 'http://example.com/p')).toEqual({
        key: 'http://example.com/p',
        direct: false,
        roles: ['parent'],
      });
    });
  });

  describe('SubStatement', () => {
    it('links its parts with a sub_ prefix and none as direct', () => {
      const rows = statementRows(
        statement({
          object: {
            objectType: 'SubStatement',
            actor: budi,
            verb: { id: 'http://example.com/verbs/taught' },
            object: { id: 'http://example.com/lessons/1' },
            context: {
              instructor: citra,
              contextActivities: { parent: [{ id: 'http://example.com/parent' }] },
            },
          },
        }),
      );
      expect(rows.agents).toEqual([
        { key: anaKey, direct: true, roles: ['actor'] },
        { key: budiKey, direct: false, roles: ['sub_actor'] },
        { key: citraKey, direct: false, roles: ['sub_instructor'] },
      ]);
      expect(rows.activities).toEqual([
        { key: 'http://example.com/lessons/1', direct: false, roles: ['sub_object'] },
        { key: 'http://example.com/parent', direct: false, roles: ['sub_parent'] },
      ]);
      expect(rows.objectStatementId).toBeNull();
    });

    it('links an agent object of the SubStatement as sub_object, with sub_object_member', () => {
      const rows = statementRows(
        statement({
          object: {
            objectType: 'SubStatement',
            actor: budi,
            verb: attended,
            object: { objectType: 'Group', mbox: 'mailto:team@example.com', member: [citra] },
          },
        }),
      );
      expect(row(rows.agents, 'mbox:mailto:team@example.com')).toEqual({
        key: 'mbox:mailto:team@example.com',
        direct: false,
        roles: ['sub_object'],
      });
      expect(row(rows.agents, citraKey)).toEqual({
        key: citraKey,
        direct: false,
        roles: ['sub_object_member'],
      });
    });
  });

  describe('one row per key', () => {
    it('merges every role an agent plays into one row', () => {
      const rows = statementRows(
        statement({
          context: { instructor: ana, contextAgents: [{ agent: ana }] },
        }),
      );
      expect(rows.agents).toEqual([
        { key: anaKey, direct: true, roles: ['actor', 'instructor', 'context_agent'] },
      ]);
    });

    it('merges two spellings of the same agent into one row', () => {
      const rows = statementRows(
        statement({ context: { instructor: { mbox: 'mailto:ana@example.com' } } }),
      );
      expect(rows.agents).toHaveLength(1);
      expect(rows.agents[0]?.roles).toEqual(['actor', 'instructor']);
    });

    it('makes the row direct when a later role is direct', () => {
      // Budi is first seen as a member of the actor group, then as the statement's object.
      const rows = statementRows(
        statement({
          actor: { objectType: 'Group', member: [budi] },
          object: { objectType: 'Agent', ...budi },
        }),
      );
      expect(rows.agents).toEqual([
        { key: budiKey, direct: true, roles: ['actor_member', 'object'] },
      ]);
    });

    it('keeps the row direct when a later role is not', () => {
      const rows = statementRows(
        statement({ context: { contextActivities: { parent: [{ id: course }] } } }),
      );
      expect(rows.activities).toEqual([{ key: course, direct: true, roles: ['object', 'parent'] }]);
    });

    it('does not repeat a role an activity plays twice', () => {
      const rows = statementRows(
        statement({
          context: {
            contextActivities: {
              other: [{ id: 'http://example.com/o' }, { id: 'http://example.com/o' }],
            },
          },
        }),
      );
      expect(row(rows.activities, 'http://example.com/o')?.roles).toEqual(['other']);
    });

    it('merges a SubStatement role into the row of the outer statement', () => {
      const rows = statementRows(
        statement({
          actor: budi,
          object: {
            objectType: 'SubStatement',
            actor: budi,
            verb: attended,
            object: { id: course },
          },
        }),
      );
      expect(rows.agents).toEqual([{ key: budiKey, direct: true, roles: ['actor', 'sub_actor'] }]);
    });
  });

  describe('definitions', () => {
    it('collects the definition of every activity that carries one, wherever it is', () => {
      const objectDefinition = { name: { en: 'Course 1' } };
      const parentDefinition = { type: 'http://adlnet.gov/expapi/activities/course' };
      const subDefinition = { description: { id: 'Pelajaran' } };
      const rows = statementRows(
        statement({
          object: {
            objectType: 'SubStatement',
            actor: budi,
            verb: attended,
            object: { id: 'http://example.com/lessons/1', definition: subDefinition },
          },
          context: {
            contextActivities: {
              parent: [{ id: 'http://example.com/parent', definition: parentDefinition }],
              other: [{ id: 'http://example.com/plain' }],
            },
          },
        }),
      );
      expect(rows.definitions).toEqual([
        { iri: 'http://example.com/lessons/1', definition: subDefinition },
        { iri: 'http://example.com/parent', definition: parentDefinition },
      ]);

      const direct = statementRows(
        statement({ object: { id: course, definition: objectDefinition } }),
      );
      expect(direct.definitions).toEqual([{ iri: course, definition: objectDefinition }]);
    });

    it('collects nothing when no activity has a definition', () => {
      expect(statementRows(statement()).definitions).toEqual([]);
    });
  });
});
