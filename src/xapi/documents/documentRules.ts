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
function tagsOf(header: string): string[] {
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
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifMatch !== undefined) {
    const tags = tagsOf(ifMatch);
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
    const tags = tagsOf(ifNoneMatch);
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
 */
export function mergeJsonDocuments(stored: Buffer | undefined, posted: Buffer): Buffer {
  const incoming = parseJsonObject(posted, 'the posted document');
  if (stored === undefined) return Buffer.from(JSON.stringify(incoming));
  const current = parseJsonObject(stored, 'the stored document');
  return Buffer.from(JSON.stringify({ ...current, ...incoming }));
}

function parseJsonObject(content: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    throw new BadUserInputError(`${what} is not JSON: POST merges JSON objects only`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadUserInputError(`${what} is not a JSON object: POST merges JSON objects only`);
  }
  return value as Record<string, unknown>;
}
