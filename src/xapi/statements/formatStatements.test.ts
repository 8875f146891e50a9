// The ids and canonical formats of GET /statements, language picking, Accept-Language parsing and activityIdsOf.
import { describe, it, expect } from 'vitest';
import {
  acceptedLanguages,
  activityIdsOf,
  canonicalFormat,
  idsFormat,
  pickLanguage,
} from './formatStatements.js';
import type { JsonObject, StatementJson } from './xapiJson.js';

const id = '6f1c5a3e-8d0b-4c2a-9e57-1b2c3d4e5f60';
const ana = { objectType: 'Agent' as const, name: 'Ana', mbox: 'mailto:ana@example.com' };
const anaIds = { objectType: 'Agent', mbox: 'mailto:ana@example.com' };
const budi = { name: 'Budi', account: { homePage: 'http://example.com', name: 'budi' } };
const budiIds = { account: { homePage: 'http://example.com', name: 'budi' } };
const verb = {
  id: 'http://adlnet.gov/expapi/verbs/attended',
  display: { 'en-US': 'attended', id: 'menghadiri' },
};
const course = 'http://example.com/courses/1';
const courseActivity = {
  objectType: 'Activity' as const,
  id: course,
  definition: { name: { 'en-US': 'Course 1', id: 'Kursus 1' } },
};

function statement(overrides: Partial<StatementJson> = {}): StatementJson {
  return { id, actor: ana, verb, object: courseActivity, ...overrides };
}

describe('idsFormat', () => {
  it('reduces actor, verb and activity object to what identifies them', () => {
    expect(idsFormat(statement())).toEqual({
      id,
      actor: anaIds,
      verb: { id: verb.id },
      object: { id: course },
    });
  });

  it('keeps the properties that identify nothing (result, timestamp, stored, version)', () => {
    const extra = {
      result: { score: { scaled: 0.5 } },
      timestamp: '2024-01-01T00:00:00Z',
      stored: '2024-01-01T00:00:01Z',
      version: '2.0.0',
    };
    expect(idsFormat(statement(extra))).toMatchObject(extra);
  });

  it('reduces the authority', () => {
    expect(idsFormat(statement({ authority: { ...ana, name: 'LRS' } })).authority).toEqual(anaIds);
  });

  it('reduces an anonymous group to objectType and its reduced members', () => {
    expect(
      idsFormat(statement({ actor: { objectType: 'Group', name: 'Class', member: [ana, budi] } }))
        .actor,
    ).toEqual({ objectType: 'Group', member: [anaIds, budiIds] });
  });

  it('reduces an identified group to objectType and IFI, without members', () => {
    expect(
      idsFormat(
        statement({
          actor: {
            objectType: 'Group',
            name: 'Team',
            openid: 'http://id.example.com/t',
            member: [ana],
          },
        }),
      ).actor,
    ).toEqual({ objectType: 'Group', openid: 'http://id.example.com/t' });
  });

  it('reduces an agent object', () => {
    expect(idsFormat(statement({ object: { objectType: 'Agent', ...budi } })).object).toEqual({
      objectType: 'Agent',
      ...budiIds,
    });
  });

  it('leaves a StatementRef object as it is', () => {
    const ref = { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' };
    expect(idsFormat(statement({ object: ref })).object).toEqual(ref);
  });

  it('reduces a SubStatement recursively', () => {
    const sub = {
      objectType: 'SubStatement',
      actor: budi,
      verb,
      object: courseActivity,
      result: { success: true },
      context: { instructor: ana },
    };
    expect(idsFormat(statement({ object: sub })).object).toEqual({
      objectType: 'SubStatement',
      actor: budiIds,
      verb: { id: verb.id },
      object: { id: course },
      result: { success: true },
      context: { instructor: anaIds },
    });
  });

  it('reduces instructor, team, contextActivities, contextAgents and contextGroups', () => {
    const relevantTypes = ['http://example.com/types/mentor'];
    // 2.0 context agents carry objectType and relevantTypes, which the loose type leaves out.
    const contextAgent = { objectType: 'contextAgent', agent: budi, relevantTypes };
    const contextGroup = {
      objectType: 'contextGroup',
      group: { objectType: 'Group' as const, member: [ana] },
      relevantTypes,
    };
    const result = idsFormat(
      statement({
        context: {
          registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
          instructor: ana,
          team: {
            objectType: 'Group',
            name: 'Team',
            mbox: 'mailto:team@example.com',
            member: [budi],
          },
          contextActivities: {
            parent: [courseActivity],
            other: [{ id: 'http://example.com/o', definition: { type: 'http://example.com/t' } }],
          },
          contextAgents: [contextAgent],
          contextGroups: [contextGroup],
          language: 'id-ID',
        },
      }),
    );
    expect(result.context).toEqual({
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      instructor: anaIds,
      team: { objectType: 'Group', mbox: 'mailto:team@example.com' },
      contextActivities: { parent: [{ id: course }], other: [{ id: 'http://example.com/o' }] },
      contextAgents: [{ objectType: 'contextAgent', agent: budiIds, relevantTypes }],
      contextGroups: [
        {
          objectType: 'contextGroup',
          group: { objectType: 'Group', member: [anaIds] },
          relevantTypes,
        },
      ],
      language: 'id-ID',
    });
  });

  it('does not modify the statement it formats', () => {
    const input = statement({
      context: { instructor: ana, contextActivities: { parent: [courseActivity] } },
    });
    const before = structuredClone(input);
    idsFormat(input);
    expect(input).toEqual(before);
  });
});

describe('canonicalFormat', () => {
  const none = new Map<string, JsonObject>();

  it('replaces an activity definition with the canonical one from the map', () => {
    const definitions = new Map<string, JsonObject>([
      [course, { name: { 'en-US': 'Canonical course' }, type: 'http://example.com/types/course' }],
    ]);
    expect(canonicalFormat(statement(), definitions, ['en-US']).object).toEqual({
      objectType: 'Activity',
      id: course,
      definition: {
        name: { 'en-US': 'Canonical course' },
        type: 'http://example.com/types/course',
      },
    });
  });

  it('adds the canonical definition to an activity sent without one', () => {
    const definitions = new Map<string, JsonObject>([[course, { name: { en: 'Course' } }]]);
    expect(canonicalFormat(statement({ object: { id: course } }), definitions, []).object).toEqual({
      id: course,
      definition: { name: { en: 'Course' } },
    });
  });

  it("keeps the statement's own definition when the map has none", () => {
    expect(canonicalFormat(statement(), none, ['id']).object).toEqual({
      ...courseActivity,
      definition: { name: { id: 'Kursus 1' } },
    });
  });

  it('leaves an activity without any definition as it is', () => {
    expect(canonicalFormat(statement({ object: { id: course } }), none, ['en']).object).toEqual({
      id: course,
    });
  });

  it('filters language maps to the first preferred language present', () => {
    const result = canonicalFormat(statement(), none, ['fr', 'id', 'en-US']);
    expect(result.object.definition).toEqual({ name: { id: 'Kursus 1' } });
    expect(result.verb).toEqual({ id: verb.id, display: { id: 'menghadiri' } });
  });

  it('matches a preferred language by its prefix (en → en-GB)', () => {
    const result = canonicalFormat(
      statement({
        object: { id: course, definition: { name: { id: 'Kursus', 'en-GB': 'Course' } } },
      }),
      none,
      ['en'],
    );
    expect(result.object.definition).toEqual({ name: { 'en-GB': 'Course' } });
  });

  it('falls back to the first key when no preferred language is present', () => {
    const result = canonicalFormat(statement(), none, ['fr']);
    expect(result.object.definition).toEqual({ name: { 'en-US': 'Course 1' } });
    expect(result.verb.display).toEqual({ 'en-US': 'attended' });
  });

  it('filters name, description and interaction component descriptions', () => {
    const both = (en: string, id: string) => ({ en, id });
    const definition = {
      name: both('Quiz', 'Kuis'),
      description: both('A quiz', 'Sebuah kuis'),
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [
        { id: 'a', description: both('Yes', 'Ya') },
        { id: 'b', description: both('No', 'Tidak') },
      ],
      extensions: { 'http://example.com/x': { en: 'not a language map', id: 'kept' } },
    };
    const result = canonicalFormat(statement({ object: { id: course, definition } }), none, ['id']);
    expect(result.object.definition).toEqual({
      name: { id: 'Kuis' },
      description: { id: 'Sebuah kuis' },
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [
        { id: 'a', description: { id: 'Ya' } },
        { id: 'b', description: { id: 'Tidak' } },
      ],
      extensions: { 'http://example.com/x': { en: 'not a language map', id: 'kept' } },
    });
  });

  it('filters the descriptions of scale, source, target and steps components', () => {
    const component = (cid: string) => ({ id: cid, description: { en: cid, id: `${cid}-id` } });
    const definition = {
      scale: [component('s')],
      source: [component('src')],
      target: [component('t')],
      steps: [component('st')],
    };
    const result = canonicalFormat(statement({ object: { id: course, definition } }), none, ['en']);
    expect(result.object.definition).toEqual({
      scale: [{ id: 's', description: { en: 's' } }],
      source: [{ id: 'src', description: { en: 'src' } }],
      target: [{ id: 't', description: { en: 't' } }],
      steps: [{ id: 'st', description: { en: 'st' } }],
    });
  });

  it('applies definitions and languages to context activities and SubStatements', () => {
    const parent = 'http://example.com/parent';
    const definitions = new Map<string, JsonObject>([
      [parent, { name: { en: 'Parent', id: 'Induk' } }],
      [course, { name: { en: 'Course', id: 'Kursus' } }],
    ]);
    const result = canonicalFormat(
      statement({
        object: {
          objectType: 'SubStatement',
          actor: budi,
          verb,
          object: { id: course },
          context: { contextActivities: { parent: [{ id: parent }] } },
        },
        context: { contextActivities: { grouping: { id: parent } } },
      }),
      definitions,
      ['id'],
    );
    expect(result.context?.contextActivities).toEqual({
      grouping: [{ id: parent, definition: { name: { id: 'Induk' } } }],
    });
    expect(result.object).toEqual({
      objectType: 'SubStatement',
      actor: budi,
      verb: { id: verb.id, display: { id: 'menghadiri' } },
      object: { id: course, definition: { name: { id: 'Kursus' } } },
      context: {
        contextActivities: { parent: [{ id: parent, definition: { name: { id: 'Induk' } } }] },
      },
    });
  });

  it('returns agents as they were stored', () => {
    const result = canonicalFormat(
      statement({ actor: { objectType: 'Group', name: 'Class', member: [ana, budi] } }),
      none,
      ['en'],
    );
    expect(result.actor).toEqual({ objectType: 'Group', name: 'Class', member: [ana, budi] });
  });
});

describe('pickLanguage', () => {
  const map = { 'en-US': 'color', 'en-GB': 'colour', id: 'warna' };

  it('picks an exact match, case-insensitively', () => {
    expect(pickLanguage(map, ['EN-gb'])).toEqual({ 'en-GB': 'colour' });
  });

  it('prefers an exact match over a prefix match for the same wanted language', () => {
    expect(pickLanguage({ 'en-US': 'color', en: 'colour' }, ['en'])).toEqual({ en: 'colour' });
  });

  it('matches by the primary subtag when there is no exact match', () => {
    expect(pickLanguage(map, ['id-ID'])).toEqual({ id: 'warna' });
    expect(pickLanguage({ 'en-GB': 'colour', fr: 'couleur' }, ['en-AU'])).toEqual({
      'en-GB': 'colour',
    });
  });

  it('follows the order of preference', () => {
    expect(pickLanguage(map, ['fr', 'id', 'en-US'])).toEqual({ id: 'warna' });
  });

  it('falls back to und when present, otherwise the first key', () => {
    expect(pickLanguage({ fr: 'couleur', und: 'colour?' }, ['de'])).toEqual({ und: 'colour?' });
    expect(pickLanguage(map, [])).toEqual({ 'en-US': 'color' });
  });

  it('returns a map of one entry or none as it is', () => {
    expect(pickLanguage({ fr: 'couleur' }, ['en'])).toEqual({ fr: 'couleur' });
    expect(pickLanguage({}, ['en'])).toEqual({});
  });
});

describe('acceptedLanguages', () => {
  it('returns nothing without a header', () => {
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('')).toEqual([]);
  });

  it('orders tags by descending quality, keeping header order on ties', () => {
    expect(acceptedLanguages('en;q=0.8, id-ID, fr;q=0.9, de')).toEqual(['id-ID', 'de', 'fr', 'en']);
  });

  it('reads q with spaces around the parameter', () => {
    expect(acceptedLanguages('en ; q=0.5 ,  id')).toEqual(['id', 'en']);
  });

  it('drops the wildcard and languages with q=0', () => {
    expect(acceptedLanguages('*, id;q=0, en;q=0.0, fr;q=0.1')).toEqual(['fr']);
  });
});

describe('activityIdsOf', () => {
  it('lists the object and context activities', () => {
    expect(
      activityIdsOf(
        statement({
          context: {
            contextActivities: {
              parent: [{ id: 'http://example.com/p' }],
              other: { id: 'http://example.com/o' },
            },
          },
        }),
      ),
    ).toEqual([course, 'http://example.com/p', 'http://example.com/o']);
  });

  it('lists the activities of a SubStatement and skips non-activity objects', () => {
    expect(
      activityIdsOf(
        statement({
          object: {
            objectType: 'SubStatement',
            actor: budi,
            verb,
            object: { id: 'http://example.com/lesson' },
            context: { contextActivities: { category: [{ id: 'http://example.com/c' }] } },
          },
        }),
      ),
    ).toEqual(['http://example.com/lesson', 'http://example.com/c']);
    expect(activityIdsOf(statement({ object: { objectType: 'Agent', ...budi } }))).toEqual([]);
    expect(
      activityIdsOf(
        statement({
          object: { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' },
        }),
      ),
    ).toEqual([]);
  });
});
