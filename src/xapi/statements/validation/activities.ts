// Activities and their definitions (xAPI Data 2.4.4.1), including interaction activities and
// their component lists.
import {
  at,
  atIndex,
  checkArray,
  checkExtensions,
  checkIri,
  checkIrl,
  checkKeys,
  checkLanguageMap,
  checkObject,
  checkRequired,
  checkString,
  report,
  type Checker,
  type JsonObject,
} from './core.js';

const activityKeys: ReadonlySet<string> = new Set(['objectType', 'id', 'definition']);
const definitionKeys: ReadonlySet<string> = new Set([
  'name',
  'description',
  'type',
  'moreInfo',
  'extensions',
  'interactionType',
  'correctResponsesPattern',
  'choices',
  'scale',
  'source',
  'target',
  'steps',
]);
const componentKeys: ReadonlySet<string> = new Set(['id', 'description']);

const componentListKeys = ['choices', 'scale', 'source', 'target', 'steps'] as const;

/** The component lists each interactionType supports (Data 2.4.4.1, Interaction Components). */
const componentListsByType: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['true-false', new Set<string>()],
  ['choice', new Set(['choices'])],
  ['fill-in', new Set<string>()],
  ['long-fill-in', new Set<string>()],
  ['matching', new Set(['source', 'target'])],
  ['performance', new Set(['steps'])],
  ['sequencing', new Set(['choices'])],
  ['likert', new Set(['scale'])],
  ['numeric', new Set<string>()],
  ['other', new Set<string>()],
]);
const interactionTypeRule = `must be one of ${[...componentListsByType.keys()].join(', ')}`;

export function checkActivity(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, activityKeys, path);
  if (value.objectType !== undefined && value.objectType !== 'Activity') {
    report(
      c,
      at(path, 'objectType'),
      value.objectType === null ? 'must not be null' : 'must be Activity',
    );
  }
  if (checkRequired(c, value.id, at(path, 'id'))) checkIri(c, value.id, at(path, 'id'));
  if (value.definition !== undefined) checkDefinition(c, value.definition, at(path, 'definition'));
}

function checkDefinition(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, definitionKeys, path);
  if (value.name !== undefined) checkLanguageMap(c, value.name, at(path, 'name'));
  if (value.description !== undefined) {
    checkLanguageMap(c, value.description, at(path, 'description'));
  }
  if (value.type !== undefined) checkIri(c, value.type, at(path, 'type'));
  if (value.moreInfo !== undefined) checkIrl(c, value.moreInfo, at(path, 'moreInfo'));
  if (value.extensions !== undefined) checkExtensions(c, value.extensions, at(path, 'extensions'));
  checkInteraction(c, value, path);
}

function checkInteraction(c: Checker, definition: JsonObject, path: string): void {
  const interactionType = definition.interactionType;
  let supported: ReadonlySet<string> | undefined;
  if (
    interactionType !== undefined &&
    checkString(c, interactionType, at(path, 'interactionType'))
  ) {
    supported = componentListsByType.get(interactionType);
    if (supported === undefined) report(c, at(path, 'interactionType'), interactionTypeRule);
  }

  let interactionPropertyUsed = false;
  const pattern = definition.correctResponsesPattern;
  if (pattern !== undefined) {
    interactionPropertyUsed = true;
    const patternPath = at(path, 'correctResponsesPattern');
    if (checkArray(c, pattern, patternPath)) {
      for (let i = 0; i < pattern.length; i++) checkString(c, pattern[i], atIndex(patternPath, i));
    }
  }
  for (const key of componentListKeys) {
    const list = definition[key];
    if (list === undefined) continue;
    interactionPropertyUsed = true;
    const listPath = at(path, key);
    if (supported !== undefined && !supported.has(key)) {
      report(c, listPath, `is not allowed for interactionType ${String(interactionType)}`);
    }
    checkComponents(c, list, listPath);
  }

  // Without an interactionType nobody can tell how to read the pattern or the components.
  if (interactionPropertyUsed && interactionType === undefined) {
    report(
      c,
      at(path, 'interactionType'),
      'is required with correctResponsesPattern or interaction components',
    );
  }
}

function checkComponents(c: Checker, value: unknown, path: string): void {
  if (!checkArray(c, value, path)) return;
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const componentPath = atIndex(path, i);
    const component = value[i];
    if (!checkObject(c, component, componentPath)) continue;
    checkKeys(c, component, componentKeys, componentPath);
    const idPath = at(componentPath, 'id');
    if (checkRequired(c, component.id, idPath) && checkString(c, component.id, idPath)) {
      if (seen.has(component.id)) report(c, idPath, 'must be unique within the list');
      seen.add(component.id);
    }
    if (component.description !== undefined) {
      checkLanguageMap(c, component.description, at(componentPath, 'description'));
    }
  }
}
