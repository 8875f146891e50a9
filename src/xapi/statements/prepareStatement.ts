// Pure: what the LRS fills in on a valid statement before storing it (xAPI Data 2.4):
// id, stored, authority from the credential, timestamp defaulting to stored (in UTC for
// 2.0), version, and contextActivities values always as arrays.
import { randomUUID } from 'node:crypto';
import type { XapiVersion } from './validateStatement.js';
import { isObject, type AgentJson, type ContextJson, type StatementJson } from './xapiJson.js';

export interface PreparationContext {
  version: XapiVersion;
  stored: Date;
  authority: AgentJson;
}

export function prepareStatement(input: StatementJson, context: PreparationContext): StatementJson {
  const stored = context.stored.toISOString();
  const statement: StatementJson = { ...input };
  statement.id = input.id ?? randomUUID();
  statement.timestamp =
    input.timestamp === undefined
      ? stored
      : context.version === '2.0.0'
        ? timestampInUtc(input.timestamp)
        : input.timestamp;
  statement.stored = stored;
  statement.authority = context.authority;
  statement.version = input.version ?? (context.version === '2.0.0' ? '2.0.0' : '1.0.0');
  if (input.context !== undefined) statement.context = contextWithArrays(input.context);
  if (input.object.objectType === 'SubStatement') {
    const sub = input.object as unknown as StatementJson;
    if (sub.context !== undefined) {
      statement.object = { ...input.object, context: contextWithArrays(sub.context) };
    }
  }
  return statement;
}

/** 1.0 allowed a single Activity per contextActivities key; the LRS always returns arrays. */
function contextWithArrays(context: ContextJson): ContextJson {
  if (!isObject(context.contextActivities)) return context;
  const contextActivities: ContextJson['contextActivities'] = {};
  for (const [kind, value] of Object.entries(context.contextActivities)) {
    contextActivities[kind] = Array.isArray(value) ? value : [value];
  }
  return { ...context, contextActivities };
}

// 1.0.3 lets seconds, the zone and the offset's minutes be left out, and a comma start
// the fraction; 2.0 (RFC 3339) is the strict subset.
const timestampPattern =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?([.,]\d+)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * The same instant in UTC, keeping every fractional digit the client sent (the spec asks
 * for at least millisecond precision; a Date alone would cut microseconds).
 */
export function timestampInUtc(timestamp: string): string {
  const match = timestampPattern.exec(timestamp);
  if (match === null) return timestamp;
  const [, date, hours, minutes, seconds = '00', rawFraction = '', zone, sign, offsetHours] = match;
  const offsetMinutes = match[9] ?? '00';
  const fraction = rawFraction.replace(',', '.');
  if (zone === undefined || zone === 'Z' || zone === 'z') {
    return `${date}T${hours}:${minutes}:${seconds}${fraction}Z`;
  }
  const offsetMs =
    (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const local = Date.parse(`${date}T${hours}:${minutes}:${seconds}Z`);
  if (Number.isNaN(local)) return timestamp;
  const utc = new Date(local - offsetMs).toISOString().slice(0, 19);
  return `${utc}${fraction}Z`;
}
