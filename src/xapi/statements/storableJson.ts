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
  return visit(value, path, 0);
}

function visit(value: unknown, path: string, depth: number): StatementProblem | undefined {
  if (typeof value === 'string') {
    return isStorableText(value)
      ? undefined
      : { path, rule: 'must not contain NUL characters or unpaired surrogates' };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= maxJsonDepth) return { path, rule: `is nested deeper than ${maxJsonDepth} levels` };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = visit(item, `${path}[${index}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!isStorableText(key)) {
      return { path: at, rule: 'key must not contain NUL characters or unpaired surrogates' };
    }
    const problem = visit(item, at, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
