// Pure rules of the document resources: ETags, the If-Match / If-None-Match preconditions,
// and the JSON merge of POST. Kept apart from HTTP and SQL so each rule is tested alone.
import { createHash } from 'node:crypto';
import { BadUserInputError, JejakError } from '../../lib/errors.js';

export class PreconditionFailedError extends JejakError {
  constructor(message: string) {
    super('PRECONDITION_FAILED', message);
  }
}

export class DocumentConflictError extends JejakError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export function sha1Of(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** The ETag header value of a document: its SHA-1, quoted. */
export function etagOf(sha1: string): string {
  return `"${sha1}"`;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** Entity tags of an If-Match / If-None-Match list, without quotes or weakness marks. */
function tagsOf(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter((tag) => tag !== '');
}

/**
 * Throws unless the request may change the document whose current SHA-1 is `current`
 * (undefined: no document). `requireOneWhenExisting`: a write to an existing document
 * without either header is a 409, as the spec asks of PUT (and 2.0 of every write).
 */
export function checkPreconditions(
  current: string | undefined,
  preconditions: Preconditions,
  requireOneWhenExisting: boolean,
  requireOneWhenNew = false,
): void {
  // An If-Match with no tag in it (`""`) matches nothing; an If-None-Match with none is no
  // precondition at all, so it cannot stand in for one where the spec requires one.
  const ifMatch = preconditions.ifMatch === undefined ? undefined : tagsOf(preconditions.ifMatch);
  const noneMatchTags = tagsOf(preconditions.ifNoneMatch);
  const ifNoneMatch = noneMatchTags.length > 0 ? noneMatchTags : undefined;
  if (ifMatch !== undefined) {
    const tags = ifMatch;
    const matches = current !== undefined && (tags.includes('*') || tags.includes(current));
    if (!matches) {
      throw new PreconditionFailedError(
        current === undefined
          ? 'If-Match: there is no document to match'
          : 'If-Match: the document has changed since that ETag',
      );
    }
  }
  if (ifNoneMatch !== undefined && current !== undefined) {
    const tags = ifNoneMatch;
    if (tags.includes('*') || tags.includes(current)) {
      throw new PreconditionFailedError('If-None-Match: the document already exists');
    }
  }
  if (
    requireOneWhenNew &&
    current === undefined &&
    ifMatch === undefined &&
    ifNoneMatch === undefined
  ) {
    throw new BadUserInputError(
      'PUT of a profile needs If-None-Match: * to create it (or If-Match with its ETag to replace it)',
    );
  }
  if (
    requireOneWhenExisting &&
    current !== undefined &&
    ifMatch === undefined &&
    ifNoneMatch === undefined
  ) {
    throw new DocumentConflictError(
      'the document exists: send If-Match with its ETag to replace it, or If-None-Match: * to create only',
    );
  }
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().split(';')[0]!.trim() === 'application/json';
}

/**
 * POST's merge: both the stored and the posted document must be JSON objects; the posted
 * top-level properties replace the stored ones (xAPI Communication 2.2, JSON Procedure).
 * Members are moved as the text they were sent as, so numbers keep every digit and the
 * untouched members keep their bytes.
 */
export function mergeJsonDocuments(stored: Buffer | undefined, posted: Buffer): Buffer {
  const incoming = jsonObjectMembers(posted, 'the posted document');
  const merged =
    stored === undefined
      ? new Map<string, string>()
      : jsonObjectMembers(stored, 'the stored document');
  for (const [key, raw] of incoming) merged.set(key, raw);
  const members = [...merged].map(([key, raw]) => `${JSON.stringify(key)}:${raw}`);
  return Buffer.from(`{${members.join(',')}}`);
}

/** The top-level members of a JSON object, as raw value text by key (the last one wins). */
function jsonObjectMembers(content: Buffer, what: string): Map<string, string> {
  const text = content.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadUserInputError(`${what} is not JSON: POST merges JSON objects only`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadUserInputError(`${what} is not a JSON object: POST merges JSON objects only`);
  }
  // Valid JSON from here on: a scan that tracks strings and nesting finds each member.
  const members = new Map<string, string>();
  let i = text.indexOf('{') + 1;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
  };
  const stringEnd = (start: number) => {
    let j = start + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  for (;;) {
    skipSpace();
    if (text[i] === '}') break;
    const keyEnd = stringEnd(i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    skipSpace();
    i += 1; // the colon
    skipSpace();
    const start = i;
    let depth = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i = stringEnd(i);
        continue;
      }
      if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth -= 1;
      } else if (c === ',' && depth === 0) break;
      i += 1;
    }
    members.delete(key);
    members.set(key, text.slice(start, i).trimEnd());
    if (text[i] === ',') i += 1;
  }
  return members;
}
