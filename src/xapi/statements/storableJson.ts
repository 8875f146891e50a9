// Pure: what PostgreSQL's JSON types cannot hold, found before any SQL runs, so such input
// is a 400 rather than a failed query: NUL characters, lone UTF-16 surrogates, and nesting
// deeper than any real statement needs (which would also exhaust the stack).
import type { StatementProblem } from './validateStatement.js';

export const maxJsonDepth = 64;

/**
 * The longest identifier (IRI, agent key, document id) Jejak indexes, in UTF-8 bytes.
 * A PostgreSQL B-tree entry holds at most ~2.7 KB, and the widest index holds an agent key
 * and a verb IRI together (and a document key an activity, an agent and an id).
 */
export const maxIndexedBytes = 800;

export function fitsIndex(text: string, limit = maxIndexedBytes): boolean {
  return text.length * 3 <= limit || Buffer.byteLength(text) <= limit;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !loneSurrogate.test(text);
}

/** The first place in `value` PostgreSQL could not store, or undefined. */
export function unstorableJson(value: unknown, path = ''): StatementProblem | undefined {
  const found = visit(value, 0);
  if (found === undefined) return undefined;
  const steps = found.stepsOut.reverse().join('');
  return { path: path === '' ? steps.replace(/^\./, '') : `${path}${steps}`, rule: found.rule };
}

/**
 * Where the problem is, as the steps to it from the inside out (`.key`, `[index]`), added on
 * the way back: a walk over every statement stored must not build a path at every key.
 */
interface Found {
  stepsOut: string[];
  rule: string;
}

function visit(value: unknown, depth: number): Found | undefined {
  if (typeof value === 'string') {
    return isStorableText(value)
      ? undefined
      : { stepsOut: [], rule: 'must not contain NUL characters or unpaired surrogates' };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= maxJsonDepth) {
    return { stepsOut: [], rule: `is nested deeper than ${maxJsonDepth} levels` };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = visit(value[index], depth + 1);
      if (found) return stepOut(found, `[${index}]`);
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!isStorableText(key)) {
      return {
        stepsOut: [`.${key}`],
        rule: 'key must not contain NUL characters or unpaired surrogates',
      };
    }
    const found = visit((value as Record<string, unknown>)[key], depth + 1);
    if (found) return stepOut(found, `.${key}`);
  }
  return undefined;
}

function stepOut(found: Found, step: string): Found {
  found.stepsOut.push(step);
  return found;
}
