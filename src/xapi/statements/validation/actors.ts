// Agents and Groups (xAPI Data 2.4.2), wherever a statement holds one: actor, object,
// instructor, team, authority, members, context agents and groups.
import {
  at,
  atIndex,
  checkArray,
  checkFormat,
  checkIri,
  checkIrl,
  checkKeys,
  checkObject,
  checkRequired,
  checkString,
  report,
  type Checker,
  type JsonObject,
} from './core.js';
import { isValidMailto, isValidSha1Hex } from './formats.js';

const agentKeys: ReadonlySet<string> = new Set([
  'objectType',
  'name',
  'mbox',
  'mbox_sha1sum',
  'openid',
  'account',
]);
const groupKeys: ReadonlySet<string> = new Set([...agentKeys, 'member']);
const accountKeys: ReadonlySet<string> = new Set(['homePage', 'name']);

/** Which kinds the position accepts; objectType defaults to Agent wherever it may be omitted. */
export type ActorExpectation = 'Agent' | 'Group' | 'Agent or Group';

/**
 * Checks an Agent or Group. Returns the object when its kind was recognised (so callers can
 * add their own rules), undefined otherwise.
 */
export function checkActor(
  c: Checker,
  value: unknown,
  path: string,
  expected: ActorExpectation,
): JsonObject | undefined {
  if (!checkObject(c, value, path)) return undefined;
  const objectType = value.objectType;
  let kind: 'Agent' | 'Group';
  if (objectType === undefined) {
    if (expected === 'Group') {
      report(c, at(path, 'objectType'), 'is required');
      return undefined;
    }
    kind = 'Agent';
  } else if (objectType === 'Agent' || objectType === 'Group') {
    kind = objectType;
  } else {
    report(c, at(path, 'objectType'), objectTypeRule(objectType, expected));
    return undefined;
  }
  if (expected !== 'Agent or Group' && kind !== expected) {
    report(c, at(path, 'objectType'), `must be ${expected}`);
    return undefined;
  }

  checkKeys(c, value, kind === 'Agent' ? agentKeys : groupKeys, path);
  if (value.name !== undefined) checkString(c, value.name, at(path, 'name'));
  const identifiers = checkIdentifiers(c, value, path);
  if (kind === 'Agent') {
    if (identifiers !== 1) report(c, path, 'must have exactly one inverse functional identifier');
    return value;
  }

  if (identifiers > 1) report(c, path, 'must have at most one inverse functional identifier');
  const member = value.member;
  if (member === undefined) {
    if (identifiers === 0) report(c, at(path, 'member'), 'is required for an anonymous group');
  } else if (checkArray(c, member, at(path, 'member'))) {
    if (identifiers === 0 && member.length === 0) {
      report(c, at(path, 'member'), 'must not be empty for an anonymous group');
    }
    for (let i = 0; i < member.length; i++) {
      checkActor(c, member[i], atIndex(at(path, 'member'), i), 'Agent');
    }
  }
  return value;
}

function objectTypeRule(objectType: unknown, expected: ActorExpectation): string {
  if (objectType === null) return 'must not be null';
  return expected === 'Agent or Group' ? 'must be Agent or Group' : `must be ${expected}`;
}

export const inverseFunctionalIdentifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** Validates each IFI present and returns how many there are. */
function checkIdentifiers(c: Checker, actor: JsonObject, path: string): number {
  let count = 0;
  if (actor.mbox !== undefined) {
    count++;
    checkFormat(c, actor.mbox, at(path, 'mbox'), isValidMailto, 'must be a mailto IRI');
  }
  if (actor.mbox_sha1sum !== undefined) {
    count++;
    checkFormat(
      c,
      actor.mbox_sha1sum,
      at(path, 'mbox_sha1sum'),
      isValidSha1Hex,
      'must be a hex SHA-1 hash',
    );
  }
  if (actor.openid !== undefined) {
    count++;
    checkIri(c, actor.openid, at(path, 'openid'));
  }
  if (actor.account !== undefined) {
    count++;
    checkAccount(c, actor.account, at(path, 'account'));
  }
  return count;
}

function checkAccount(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, accountKeys, path);
  if (checkRequired(c, value.homePage, at(path, 'homePage'))) {
    checkIrl(c, value.homePage, at(path, 'homePage'));
  }
  if (checkRequired(c, value.name, at(path, 'name'))) checkString(c, value.name, at(path, 'name'));
}

export function hasIdentifier(actor: JsonObject): boolean {
  return (
    actor.mbox !== undefined ||
    actor.mbox_sha1sum !== undefined ||
    actor.openid !== undefined ||
    actor.account !== undefined
  );
}

/** Data 2.4.9: an Agent, or for 3-legged OAuth an anonymous Group of exactly two Agents. */
export function checkAuthority(c: Checker, value: unknown, path: string): void {
  const authority = checkActor(c, value, path, 'Agent or Group');
  if (authority === undefined || authority.objectType !== 'Group') return;
  const member = authority.member;
  if (hasIdentifier(authority) || !Array.isArray(member) || member.length !== 2) {
    report(c, path, 'must be an Agent or an anonymous Group of two Agents');
  }
}
