// Pure: which statements a webhook of the `xapi.statement` topic receives. A filter names at
// most one verb, one activity IRI prefix and one actor; every condition it names must hold,
// and a condition it leaves out holds for any statement:
// - verb: the statement's verb id, exactly;
// - activityIriPrefix: the statement's object is an Activity whose id starts with it
//   (context activities do not count; a statement about an agent or about another statement
//   has no activity);
// - actorKey: the agent key (xapi/statements/agentKey.ts) of the statement's actor, an Agent
//   or an identified Group itself (a Group's members do not count).
// A voiding statement is a statement like any other: it is forwarded when it matches by
// itself (its verb is `voided`, its actor whoever voided, its object a StatementRef), not
// through the statement it voids; a receiver that wants voidings subscribes to that verb.
import { BadUserInputError } from '../../lib/errors.js';
import { agentKey } from '../../xapi/statements/agentKey.js';
import { agentProblems, isValidIri } from '../../xapi/statements/validateStatement.js';
import { isObject, type AgentJson, type StatementJson } from '../../xapi/statements/xapiJson.js';

export interface StatementFilter {
  verb?: string;
  activityIriPrefix?: string;
  actorKey?: string;
}

/** What an admin writes: the actor as an Agent in JSON or as an agent key. */
export interface StatementFilterInput {
  verb?: string | null | undefined;
  activityIriPrefix?: string | null | undefined;
  actor?: string | null | undefined;
}

const maxLength = 2048;

/** The filter of an admin's input, or a BadUserInputError that says what is wrong. */
export function parseStatementFilter(input: StatementFilterInput): StatementFilter {
  const filter: StatementFilter = {};
  if (input.verb != null) {
    if (input.verb.length > maxLength || !isValidIri(input.verb)) {
      throw new BadUserInputError('statementFilter.verb: must be an IRI, e.g. a verb id');
    }
    filter.verb = input.verb;
  }
  if (input.activityIriPrefix != null) {
    const prefix = input.activityIriPrefix;
    if (prefix.length > maxLength || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(prefix)) {
      throw new BadUserInputError(
        'statementFilter.activityIriPrefix: must be the start of an IRI, scheme included (e.g. https://lms.example/mod/)',
      );
    }
    filter.activityIriPrefix = prefix;
  }
  if (input.actor != null) filter.actorKey = parseActor(input.actor);
  if (Object.keys(filter).length === 0) {
    throw new BadUserInputError(
      'statementFilter: name at least one of verb, activityIriPrefix, actor (leave statementFilter out to forward every statement)',
    );
  }
  return filter;
}

function parseActor(text: string): string {
  const path = 'statementFilter.actor';
  if (text.length > maxLength) throw new BadUserInputError(`${path}: is too long`);
  let agent: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      agent = JSON.parse(text);
    } catch {
      throw new BadUserInputError(`${path}: is not valid JSON`);
    }
  } else {
    agent = agentOfKey(text);
    if (agent === undefined) {
      throw new BadUserInputError(
        `${path}: must be an Agent as JSON ({"mbox":"mailto:…"} or {"account":{"homePage":…,"name":…}}) or an agent key (mbox:mailto:…, sha1:…, openid:…, account:["<homePage>","<name>"])`,
      );
    }
  }
  const problems = agentProblems(agent, path, '2.0.0');
  if (problems.length > 0) {
    throw new BadUserInputError(`${problems[0]!.path}: ${problems[0]!.rule}`);
  }
  const key = agentKey(agent as AgentJson);
  if (key === undefined) throw new BadUserInputError(`${path}: an anonymous Group has no key`);
  return key;
}

/** The agent an agent key names, to validate it as an agent; undefined when it is no key. */
function agentOfKey(key: string): AgentJson | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (colon < 0 || rest === '') return undefined;
  if (kind === 'mbox') return { mbox: rest };
  if (kind === 'sha1') return { mbox_sha1sum: rest };
  if (kind === 'openid') return { openid: rest };
  if (kind !== 'account') return undefined;
  try {
    const parts: unknown = JSON.parse(rest);
    if (!Array.isArray(parts) || parts.length !== 2) return undefined;
    return { account: { homePage: parts[0] as string, name: parts[1] as string } };
  } catch {
    return undefined;
  }
}

/** A filter as the webhook row stores it (null: every statement). */
export function storedStatementFilter(value: unknown): StatementFilter | null {
  if (!isObject(value)) return null;
  const filter: StatementFilter = {};
  for (const name of ['verb', 'activityIriPrefix', 'actorKey'] as const) {
    if (typeof value[name] === 'string') filter[name] = value[name];
  }
  return filter;
}

export function matchesStatementFilter(
  filter: StatementFilter | null,
  statement: StatementJson,
): boolean {
  if (filter === null) return true;
  if (filter.verb !== undefined && statement.verb.id !== filter.verb) return false;
  if (filter.activityIriPrefix !== undefined) {
    const object = statement.object as { objectType?: unknown; id?: unknown };
    const isActivity = object.objectType === undefined || object.objectType === 'Activity';
    if (!isActivity || typeof object.id !== 'string') return false;
    if (!object.id.startsWith(filter.activityIriPrefix)) return false;
  }
  if (filter.actorKey !== undefined && agentKey(statement.actor) !== filter.actorKey) return false;
  return true;
}
