// The Context of a statement (xAPI Data 2.4.6), with 2.0's contextAgents and contextGroups,
// and the Statement Reference it and the object may hold.
import { checkActivity } from './activities.js';
import { checkActor } from './actors.js';
import {
  at,
  atIndex,
  checkArray,
  checkExtensions,
  checkFormat,
  checkIri,
  checkKeys,
  checkObject,
  checkRequired,
  checkString,
  isObject,
  report,
  type Checker,
} from './core.js';
import { isValidLanguageTag, isValidUuid } from './formats.js';

const contextKeys103: ReadonlySet<string> = new Set([
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
]);
const contextKeys200: ReadonlySet<string> = new Set([
  ...contextKeys103,
  'contextAgents',
  'contextGroups',
]);
const contextActivitiesKeys: ReadonlySet<string> = new Set([
  'parent',
  'grouping',
  'category',
  'other',
]);
const contextAgentKeys: ReadonlySet<string> = new Set(['objectType', 'agent', 'relevantTypes']);
const contextGroupKeys: ReadonlySet<string> = new Set(['objectType', 'group', 'relevantTypes']);
const statementRefKeys: ReadonlySet<string> = new Set(['objectType', 'id']);

/** `objectIsActivity` is false when the statement's object is known not to be an Activity. */
export function checkContext(
  c: Checker,
  value: unknown,
  path: string,
  objectIsActivity: boolean,
): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, c.version === '2.0.0' ? contextKeys200 : contextKeys103, path);
  if (value.registration !== undefined) checkUuid(c, value.registration, at(path, 'registration'));
  if (value.instructor !== undefined) {
    checkActor(c, value.instructor, at(path, 'instructor'), 'Agent or Group');
  }
  if (value.team !== undefined) checkActor(c, value.team, at(path, 'team'), 'Group');
  if (value.contextActivities !== undefined) {
    checkContextActivities(c, value.contextActivities, at(path, 'contextActivities'));
  }
  // Revision and platform describe an Activity; on anything else they mean nothing.
  for (const key of ['revision', 'platform'] as const) {
    const keyPath = at(path, key);
    if (value[key] === undefined || !checkString(c, value[key], keyPath)) continue;
    if (!objectIsActivity) report(c, keyPath, 'is only allowed when the object is an Activity');
  }
  if (value.language !== undefined) {
    checkFormat(
      c,
      value.language,
      at(path, 'language'),
      isValidLanguageTag,
      'must be a language tag',
    );
  }
  if (value.statement !== undefined) checkStatementRef(c, value.statement, at(path, 'statement'));
  if (value.extensions !== undefined) checkExtensions(c, value.extensions, at(path, 'extensions'));
  if (c.version === '2.0.0') {
    if (value.contextAgents !== undefined) {
      checkContextActors(c, value.contextAgents, at(path, 'contextAgents'), 'contextAgent');
    }
    if (value.contextGroups !== undefined) {
      checkContextActors(c, value.contextGroups, at(path, 'contextGroups'), 'contextGroup');
    }
  }
}

function checkContextActivities(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  for (const key in value) {
    const keyPath = at(path, key);
    if (!contextActivitiesKeys.has(key)) {
      report(c, keyPath, 'is not allowed');
      continue;
    }
    // 1.0 allowed a single Activity here; every version still accepts it.
    const activities = value[key];
    if (Array.isArray(activities)) {
      for (let i = 0; i < activities.length; i++) {
        checkActivity(c, activities[i], atIndex(keyPath, i));
      }
    } else if (isObject(activities)) {
      checkActivity(c, activities, keyPath);
    } else {
      report(
        c,
        keyPath,
        activities === null ? 'must not be null' : 'must be an Activity or an array of Activities',
      );
    }
  }
}

/** contextAgents and contextGroups share a shape: objectType, the actor, relevantTypes. */
function checkContextActors(
  c: Checker,
  value: unknown,
  path: string,
  objectType: 'contextAgent' | 'contextGroup',
): void {
  if (!checkArray(c, value, path)) return;
  const isAgent = objectType === 'contextAgent';
  const actorKey = isAgent ? 'agent' : 'group';
  for (let i = 0; i < value.length; i++) {
    const entryPath = atIndex(path, i);
    const entry = value[i];
    if (!checkObject(c, entry, entryPath)) continue;
    checkKeys(c, entry, isAgent ? contextAgentKeys : contextGroupKeys, entryPath);
    const typePath = at(entryPath, 'objectType');
    if (checkRequired(c, entry.objectType, typePath) && entry.objectType !== objectType) {
      report(c, typePath, `must be ${objectType}`);
    }
    const actorPath = at(entryPath, actorKey);
    if (checkRequired(c, entry[actorKey], actorPath)) {
      checkActor(c, entry[actorKey], actorPath, isAgent ? 'Agent' : 'Group');
    }
    const types = entry.relevantTypes;
    if (types === undefined) continue;
    const typesPath = at(entryPath, 'relevantTypes');
    if (!checkArray(c, types, typesPath)) continue;
    if (types.length === 0) report(c, typesPath, 'must not be empty');
    for (let j = 0; j < types.length; j++) checkIri(c, types[j], atIndex(typesPath, j));
  }
}

export function checkStatementRef(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, statementRefKeys, path);
  const typePath = at(path, 'objectType');
  if (checkRequired(c, value.objectType, typePath) && value.objectType !== 'StatementRef') {
    report(c, typePath, 'must be StatementRef');
  }
  if (checkRequired(c, value.id, at(path, 'id'))) checkUuid(c, value.id, at(path, 'id'));
}

export function checkUuid(c: Checker, value: unknown, path: string): void {
  checkFormat(c, value, path, isValidUuid, 'must be a UUID');
}
