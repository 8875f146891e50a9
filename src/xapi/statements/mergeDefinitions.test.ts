// mergeDefinitions: the canonical activity definition after a newer statement defines the activity again.
import { describe, it, expect } from 'vitest';
import { mergeDefinitions } from './mergeDefinitions.js';

describe('mergeDefinitions', () => {
  it('returns the incoming definition when there is no current one', () => {
    const incoming = { name: { en: 'Course' }, type: 'http://example.com/types/course' };
    expect(mergeDefinitions(undefined, incoming)).toEqual(incoming);
  });

  it('merges name key by key, the newer value winning for a language both have', () => {
    expect(
      mergeDefinitions(
        { name: { id: 'Kursus', en: 'Old course' } },
        { name: { en: 'Course', fr: 'Cours' } },
      ),
    ).toEqual({ name: { id: 'Kursus', en: 'Course', fr: 'Cours' } });
  });

  it('merges description key by key', () => {
    expect(
      mergeDefinitions(
        { description: { id: 'Deskripsi' } },
        { description: { en: 'Description' } },
      ),
    ).toEqual({ description: { id: 'Deskripsi', en: 'Description' } });
  });

  it('merges extensions key by key, the newer value winning', () => {
    expect(
      mergeDefinitions(
        { extensions: { 'http://example.com/a': 1, 'http://example.com/b': { deep: true } } },
        { extensions: { 'http://example.com/b': { other: true }, 'http://example.com/c': 3 } },
      ),
    ).toEqual({
      extensions: {
        'http://example.com/a': 1,
        'http://example.com/b': { other: true },
        'http://example.com/c': 3,
      },
    });
  });

  it('replaces other properties with the newer value', () => {
    expect(
      mergeDefinitions(
        {
          type: 'http://example.com/types/old',
          moreInfo: 'http://example.com/old',
          interactionType: 'choice',
          correctResponsesPattern: ['a', 'b'],
        },
        { type: 'http://example.com/types/new', correctResponsesPattern: ['c'] },
      ),
    ).toEqual({
      type: 'http://example.com/types/new',
      moreInfo: 'http://example.com/old',
      interactionType: 'choice',
      correctResponsesPattern: ['c'],
    });
  });

  it('keeps current properties the incoming definition does not mention', () => {
    expect(
      mergeDefinitions(
        { name: { id: 'Kursus' }, type: 'http://example.com/t' },
        { moreInfo: 'http://example.com/m' },
      ),
    ).toEqual({
      name: { id: 'Kursus' },
      type: 'http://example.com/t',
      moreInfo: 'http://example.com/m',
    });
  });

  it('replaces a name that is not a language map on either side rather than merging', () => {
    expect(mergeDefinitions({ name: 'broken' }, { name: { en: 'Course' } })).toEqual({
      name: { en: 'Course' },
    });
  });

  it('modifies neither argument', () => {
    const current = { name: { id: 'Kursus' }, extensions: { 'http://example.com/a': 1 } };
    const incoming = { name: { en: 'Course' }, extensions: { 'http://example.com/b': 2 } };
    mergeDefinitions(current, incoming);
    expect(current).toEqual({ name: { id: 'Kursus' }, extensions: { 'http://example.com/a': 1 } });
    expect(incoming).toEqual({ name: { en: 'Course' }, extensions: { 'http://example.com/b': 2 } });
  });

  it('replaces interaction components as a whole list: the newest definition of the list wins', () => {
    expect(
      mergeDefinitions(
        {
          choices: [
            { id: 'a', description: { id: 'Ya' } },
            { id: 'b', description: { id: 'Tidak' } },
          ],
        },
        { choices: [{ id: 'a', description: { fr: 'Oui' } }] },
      ),
    ).toEqual({ choices: [{ id: 'a', description: { fr: 'Oui' } }] });
  });
});
