// The fields a GraphQL client actually sent: it leaves out arguments as undefined, and sends
// null to clear a field (in a change) or to not filter (in a filter).
import { BadUserInputError } from './errors.js';

/** Drops undefined fields: what is left is a change to apply, null meaning "clear it". */
export function definedOnly<T extends object>(
  changes: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/**
 * A change as `definedOnly` gives it, refusing null for the fields that cannot be empty: a
 * client's `title: null` is a 400 naming the field, not a crash further down.
 */
export function changesOf<T extends object>(
  changes: T,
  required: readonly (keyof T & string)[],
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  for (const key of required) {
    if (changes[key] === null) throw new BadUserInputError(`${key}: cannot be cleared`);
  }
  return definedOnly(changes);
}

/** Drops undefined and null fields: what is left is a filter to apply. */
export function presentOnly<T extends object>(filter: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined && value !== null),
  ) as { [K in keyof T]?: NonNullable<T[K]> };
}
