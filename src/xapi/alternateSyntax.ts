// xAPI 1.0.3's alternate request syntax (Communication 1.3): a POST with `?method=GET|PUT|…`
// whose form-encoded body carries the real headers, the content and the query parameters,
// for clients that cannot send other methods or headers. xAPI 2.0 removed it.
import type { FastifyRequest } from 'fastify';
import { BadUserInputError } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The method an alternate-syntax request stands for; null for ordinary requests. */
    xapiMethod: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD' | null;
  }
}

const methods = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);
const headerFields = new Map([
  ['authorization', 'authorization'],
  ['x-experience-api-version', 'x-experience-api-version'],
  ['content-type', 'content-type'],
  ['content-length', 'content-length'],
  ['if-match', 'if-match'],
  ['if-none-match', 'if-none-match'],
]);

export function isAlternateRequest(request: FastifyRequest): boolean {
  return request.method === 'POST' && Object.hasOwn(request.query as object, 'method');
}

/**
 * Turns the form fields back into headers, query parameters and a body, in place, so the
 * handlers see an ordinary request. The body is parsed as JSON when its Content-Type says so.
 */
export function unwrapAlternateRequest(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown>;
  const method = String(query.method).toUpperCase();
  if (!methods.has(method)) {
    throw new BadUserInputError(`method=${String(query.method)} is not an HTTP method xAPI uses`);
  }
  const extra = Object.keys(query).find((name) => name !== 'method');
  if (extra !== undefined) {
    throw new BadUserInputError(
      `with ?method= every parameter but method goes in the form body; found ${extra} in the URL`,
    );
  }
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new BadUserInputError(
      'an alternate-syntax request must have Content-Type application/x-www-form-urlencoded',
    );
  }
  const form = (request.body ?? {}) as Record<string, string>;
  const parameters: Record<string, string> = {};
  let content: string | undefined;
  for (const [name, value] of Object.entries(form)) {
    const header = headerFields.get(name.toLowerCase());
    if (header !== undefined) request.headers[header] = value;
    else if (name === 'content') content = value;
    else parameters[name] = value;
  }
  request.query = parameters;
  request.xapiMethod = method as FastifyRequest['xapiMethod'];
  const typed = Object.keys(form).some((name) => name.toLowerCase() === 'content-type');
  if (!typed) {
    // Clients often leave out the content's type; what xAPI resources take is mostly JSON.
    if (content === undefined) delete request.headers['content-type'];
    else
      request.headers['content-type'] = looksLikeJson(content)
        ? 'application/json'
        : 'application/octet-stream';
  }
  request.body = parseContent(content);
}

function looksLikeJson(content: string): boolean {
  try {
    JSON.parse(content);
    return true;
  } catch {
    return false;
  }
}

/** The content as bytes, parsed by the resource as it parses any body of that type. */
function parseContent(content: string | undefined): Buffer | undefined {
  return content === undefined ? undefined : Buffer.from(content, 'utf8');
}

export function parseFormBody(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) fields[name] = value;
  return fields;
}
