// Pure: what the LRS fills in on a valid statement before storing it (xAPI Data 2.4):
// id, stored, authority from the credential, timestamp defaulting to stored (in UTC for
// 2.0), version, and contextActivities values always as arrays.
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from './compareStatements.js';
import type { XapiVersion } from './validateStatement.js';
import { isObject, type AgentJson, type ContextJson, type StatementJson } from './xapiJson.js';

export interface PreparationContext {
  version: XapiVersion;
  stored: Date;
  authority: AgentJson;
  /** The credential writing; with it, re-sent timestamped statements keep their id. */
  writerId?: string;
}

export function prepareStatement(input: StatementJson, context: PreparationContext): StatementJson {
  const stored = context.stored.toISOString();
  // A copy by Object.assign, not by spread: V8 gives each spread copy that then gains
  // properties (timestamp, authority…) maps of its own, about 30 times the cost per
  // statement, and every later read and JSON.stringify of it slower. Validated statements
  // hold no `__proto__` key, which assign would set as the prototype.
  const statement: StatementJson = Object.assign({}, input);
  statement.id = input.id ?? idFor(input, context);
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

/**
 * A statement sent without an id gets one. When it carries its own timestamp, the id is
 * a name-based UUID (version 5) of its content and its writer: Moodle re-sends a whole
 * batch when it did not see the 200 (a timeout, a restart), and the re-sent statements
 * then meet their stored twins as "same id, same content" instead of being counted twice.
 * Without a timestamp two sends are two events, so the id is random.
 */
function idFor(input: StatementJson, context: PreparationContext): string {
  if (input.timestamp === undefined || context.writerId === undefined) return randomUUID();
  return nameBasedUuid(`${context.writerId}\n${canonicalJson(input)}`);
}

/** RFC 4122 version 5 UUID of a name, in a namespace of Jejak's own. */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(jejakStatementNamespace).update(name).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The namespace UUID 8f0d5c1e-4a39-4a8e-9a3b-6a1f2e0b7c55, as bytes. */
const jejakStatementNamespace = Buffer.from('8f0d5c1e4a394a8e9a3b6a1f2e0b7c55', 'hex');

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
  const instant = new Date(local - offsetMs);
  // Shifted out of four-digit years, the instant has no RFC 3339 form: keep what was sent.
  const year = instant.getUTCFullYear();
  if (year < 1 || year > 9999) return timestamp;
  return `${instant.toISOString().slice(0, 19)}${fraction}Z`;
}

/**
 * A timestamp as a UTC timestamp PostgreSQL can hold and compare (a query's `since` and
 * `until`, when a learner acted): undefined unless it converts to UTC within the years
 * 0001–9999.
 */
export function queryableInstant(timestamp: string): string | undefined {
  const utc = timestampInUtc(timestamp);
  if (!utc.endsWith('Z')) return undefined;
  const year = Number(utc.slice(0, 4));
  return /^\d{4}-/.test(utc) && year >= 1 && year <= 9999 && !Number.isNaN(Date.parse(utc))
    ? utc
    : undefined;
}
