// Pure: the canonical definition of an activity after a statement defines it again. The
// newer statement wins property by property; the name and description language maps and
// the extensions merge key by key, so an English name sent later does not erase the
// Indonesian one. Interaction components (choices, scale…) are replaced whole, as a list.
import { isObject, type JsonObject } from './xapiJson.js';

const languageMaps = new Set(['name', 'description']);

export function mergeDefinitions(
  current: JsonObject | undefined,
  incoming: JsonObject,
): JsonObject {
  if (current === undefined) return incoming;
  const merged: JsonObject = { ...current };
  for (const [property, value] of Object.entries(incoming)) {
    const previous = current[property];
    if (languageMaps.has(property) && isObject(previous) && isObject(value)) {
      merged[property] = { ...previous, ...value };
    } else if (property === 'extensions' && isObject(previous) && isObject(value)) {
      merged[property] = { ...previous, ...value };
    } else {
      merged[property] = value;
    }
  }
  return merged;
}
