// Statement comparison (xAPI Data 2.3.1 / 2.0 2.2.2): two statements are the same when they
// differ only where the spec itself could have changed them: property order, authority,
// stored, version, the time zone of the timestamp, and a single context Activity vs an
// array of one. Used for id conflicts and for signed statements.
import { isObject, type JsonObject } from './xapiJson.js';

const lrsAssigned = new Set(['authority', 'stored', 'version']);

export function sameStatement(stored: JsonObject, incoming: JsonObject): boolean {
  // A statement sent without a timestamp got one from `stored`: not part of what was sent.
  const ignoreTimestamp = incoming.timestamp === undefined;
  // UUIDs compare without regard to letter case.
  const strip = (statement: JsonObject) => ({
    ...statement,
    id: typeof statement.id === 'string' ? statement.id.toLowerCase() : statement.id,
    ...(ignoreTimestamp ? { timestamp: undefined } : {}),
  });
  return (
    canonicalJson(comparable(strip(stored), true)) ===
    canonicalJson(comparable(strip(incoming), true))
  );
}

function comparable(value: unknown, topLevel = false, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => comparable(item));
  if (!isObject(value)) {
    if (key === 'timestamp' && typeof value === 'string') return instant(value);
    if (key === 'duration' && typeof value === 'string') return durationToCentiseconds(value);
    return value;
  }
  const out: JsonObject = {};
  for (const [property, inner] of Object.entries(value)) {
    if (inner === undefined || (topLevel && lrsAssigned.has(property))) continue;
    if (property === 'contextActivities' && isObject(inner)) {
      const arrays: JsonObject = {};
      for (const [kind, activities] of Object.entries(inner)) {
        arrays[kind] = comparable(Array.isArray(activities) ? activities : [activities]);
      }
      out[property] = arrays;
      continue;
    }
    out[property] = comparable(inner, false, property);
  }
  return out;
}

/** Milliseconds since the epoch plus any finer digits, so offsets compare as instants. */
function instant(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  const fraction = /\.(\d+)/.exec(timestamp)?.[1] ?? '';
  // …05.123Z and …05.1230Z are the same instant.
  return `${ms}.${fraction.slice(3).replace(/0+$/, '')}`;
}

/**
 * An LRS may keep durations to 0.01 s only (xAPI 2.0 Data 4.6), so a signed 0.1237S and a
 * stored 0.12S are the same duration.
 */
function durationToCentiseconds(duration: string): string {
  return duration.replace(/(\d+)\.(\d+)S$/, (_, whole: string, fraction: string) => {
    const kept = fraction.slice(0, 2).replace(/0+$/, '');
    return kept === '' ? `${whole}S` : `${whole}.${kept}S`;
  });
}

/** JSON with object keys sorted, so property order never matters. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
