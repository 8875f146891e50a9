// Pure validation of xAPI Statements against every statement rule of xAPI 1.0.3 and 2.0.0,
// as the ADL conformance suite exercises them. Reports all problems rather than the first.
import { checkActivity } from './validation/activities.js';
import { checkActor, checkAuthority, hasIdentifier } from './validation/actors.js';
import { checkContext, checkStatementRef, checkUuid } from './validation/context.js';
import {
  at,
  atIndex,
  checkArray,
  checkFormat,
  checkIri,
  checkIrl,
  checkKeys,
  checkLanguageMap,
  checkNumber,
  checkObject,
  checkRequired,
  isObject,
  report,
  type Checker,
  type JsonObject,
} from './validation/core.js';
import {
  isAcceptedStatementVersion,
  isValidMediaType,
  isValidSha2Hex,
  isValidTimestamp,
} from './validation/formats.js';
import { checkResult } from './validation/result.js';

export {
  isValidIri,
  isValidIrl,
  isValidIsoDuration,
  isValidLanguageTag,
  isValidMailto,
  isValidTimestamp,
  isValidUuid,
} from './validation/formats.js';

export type XapiVersion = '1.0.3' | '2.0.0';

export interface StatementProblem {
  path: string;
  rule: string;
}

/**
 * Returns every problem found (empty array = valid). `path` is a JSON path relative to the
 * statement, e.g. `actor.mbox`, `context.contextActivities.parent[0].id`, '' for the statement
 * itself.
 */
export function statementProblems(statement: unknown, version: XapiVersion): StatementProblem[] {
  const c: Checker = { version, problems: [] };
  if (checkObject(c, statement, '')) checkStatement(c, statement, '', false);
  return c.problems;
}

/**
 * An Agent or identified Group, as the `agent` parameter of the Statement, State and Agent
 * Profile resources carries it (an anonymous Group identifies nobody).
 */
export function agentProblems(
  value: unknown,
  path: string,
  version: XapiVersion,
): StatementProblem[] {
  const c: Checker = { version, problems: [] };
  const actor = checkActor(c, value, path, 'Agent or Group');
  if (actor !== undefined && actor.objectType === 'Group' && !hasIdentifier(actor)) {
    report(c, path, 'must be an Agent or an identified Group');
  }
  return c.problems;
}

/** A full Activity object (id, optional definition), e.g. for a statement object on its own. */
export function activityProblems(
  value: unknown,
  path: string,
  version: XapiVersion,
): StatementProblem[] {
  const c: Checker = { version, problems: [] };
  checkActivity(c, value, path);
  return c.problems;
}

const statementKeys: ReadonlySet<string> = new Set([
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
]);
// Data 2.4.4.3: a SubStatement has no id, stored, version or authority of its own.
const subStatementKeys: ReadonlySet<string> = new Set([
  'objectType',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'attachments',
]);
const verbKeys: ReadonlySet<string> = new Set(['id', 'display']);
const attachmentKeys: ReadonlySet<string> = new Set([
  'usageType',
  'display',
  'description',
  'contentType',
  'length',
  'sha2',
  'fileUrl',
]);

const voidedVerbId = 'http://adlnet.gov/expapi/verbs/voided';

function checkStatement(c: Checker, statement: JsonObject, path: string, isSub: boolean): void {
  checkKeys(c, statement, isSub ? subStatementKeys : statementKeys, path);

  const actorPath = at(path, 'actor');
  if (checkRequired(c, statement.actor, actorPath)) {
    checkActor(c, statement.actor, actorPath, 'Agent or Group');
  }
  const verbPath = at(path, 'verb');
  if (checkRequired(c, statement.verb, verbPath)) checkVerb(c, statement.verb, verbPath);
  const object = statement.object;
  const objectPath = at(path, 'object');
  if (checkRequired(c, object, objectPath)) checkStatementObject(c, object, objectPath, isSub);
  if (statement.result !== undefined) checkResult(c, statement.result, at(path, 'result'));
  if (statement.context !== undefined) {
    // An object that is not even an object has been reported already; don't pile on.
    const objectIsActivity =
      !isObject(object) || object.objectType === undefined || object.objectType === 'Activity';
    checkContext(c, statement.context, at(path, 'context'), objectIsActivity);
  }
  if (statement.timestamp !== undefined)
    checkTimestamp(c, statement.timestamp, at(path, 'timestamp'));
  if (statement.attachments !== undefined) {
    checkAttachments(c, statement.attachments, at(path, 'attachments'));
  }
  if (isSub) return;

  if (statement.id !== undefined) checkUuid(c, statement.id, at(path, 'id'));
  // The LRS overwrites "stored", but a malformed one is still a malformed statement.
  if (statement.stored !== undefined) checkTimestamp(c, statement.stored, at(path, 'stored'));
  if (statement.authority !== undefined) {
    checkAuthority(c, statement.authority, at(path, 'authority'));
  }
  if (statement.version !== undefined) {
    checkFormat(
      c,
      statement.version,
      at(path, 'version'),
      (s) => isAcceptedStatementVersion(s, c.version),
      c.version === '2.0.0' ? 'must be 1.0, 1.0.x, 2.0 or 2.0.x' : 'must be 1.0 or 1.0.x',
    );
  }
  // Data 2.3.2: a voiding statement's object must be the StatementRef of what it voids.
  if (
    isObject(statement.verb) &&
    statement.verb.id === voidedVerbId &&
    isObject(object) &&
    object.objectType !== 'StatementRef'
  ) {
    report(c, objectPath, 'must be a StatementRef when the verb is voided');
  }
}

function checkVerb(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, verbKeys, path);
  if (checkRequired(c, value.id, at(path, 'id'))) checkIri(c, value.id, at(path, 'id'));
  if (value.display !== undefined) checkLanguageMap(c, value.display, at(path, 'display'));
}

const objectTypeRule = 'must be Activity, Agent, Group, StatementRef or SubStatement';

function checkStatementObject(c: Checker, value: unknown, path: string, inSub: boolean): void {
  if (!checkObject(c, value, path)) return;
  const objectType = value.objectType;
  // An object without objectType is an Activity (Data 2.4.4.1); Agents and Groups as objects
  // must say what they are, so they fail here as Activities with foreign properties.
  if (objectType === undefined || objectType === 'Activity') {
    checkActivity(c, value, path);
  } else if (objectType === 'Agent' || objectType === 'Group') {
    checkActor(c, value, path, 'Agent or Group');
  } else if (objectType === 'StatementRef') {
    checkStatementRef(c, value, path);
  } else if (objectType === 'SubStatement') {
    if (inSub) report(c, at(path, 'objectType'), 'must not be SubStatement inside a SubStatement');
    else checkStatement(c, value, path, true);
  } else {
    report(c, at(path, 'objectType'), objectType === null ? 'must not be null' : objectTypeRule);
  }
}

function checkTimestamp(c: Checker, value: unknown, path: string): void {
  checkFormat(
    c,
    value,
    path,
    (s) => isValidTimestamp(s, c.version),
    c.version === '2.0.0' ? 'must be an RFC 3339 timestamp' : 'must be an ISO 8601 timestamp',
  );
}

function checkAttachments(c: Checker, value: unknown, path: string): void {
  if (!checkArray(c, value, path)) return;
  for (let i = 0; i < value.length; i++) checkAttachment(c, value[i], atIndex(path, i));
}

function checkAttachment(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, attachmentKeys, path);
  const usageTypePath = at(path, 'usageType');
  if (checkRequired(c, value.usageType, usageTypePath)) checkIri(c, value.usageType, usageTypePath);
  const displayPath = at(path, 'display');
  if (checkRequired(c, value.display, displayPath)) checkLanguageMap(c, value.display, displayPath);
  if (value.description !== undefined) {
    checkLanguageMap(c, value.description, at(path, 'description'));
  }
  const contentTypePath = at(path, 'contentType');
  if (checkRequired(c, value.contentType, contentTypePath)) {
    checkFormat(c, value.contentType, contentTypePath, isValidMediaType, 'must be a media type');
  }
  const lengthPath = at(path, 'length');
  if (
    checkRequired(c, value.length, lengthPath) &&
    checkNumber(c, value.length, lengthPath) &&
    !(Number.isInteger(value.length) && value.length >= 0)
  ) {
    report(c, lengthPath, 'must be a non-negative integer');
  }
  const sha2Path = at(path, 'sha2');
  if (checkRequired(c, value.sha2, sha2Path)) {
    checkFormat(c, value.sha2, sha2Path, isValidSha2Hex, 'must be a hex SHA-2 hash');
  }
  if (value.fileUrl !== undefined) checkIrl(c, value.fileUrl, at(path, 'fileUrl'));
}
