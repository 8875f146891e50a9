// multipart/mixed for statements with attachments (xAPI Communication 1.5.2): parsing the
// request (statement part first, then one part per attachment) and writing the response of
// GET /statements?attachments=true.
import { randomBytes } from 'node:crypto';
import { BadUserInputError } from '../../lib/errors.js';

export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) {
    throw new BadUserInputError('a multipart/mixed request needs a boundary in its Content-Type');
  }
  return boundary;
}

const crlfCrlf = Buffer.from('\r\n\r\n');

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0)
    throw new BadUserInputError('the multipart body has no part delimited by its boundary');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') break; // closing delimiter
    // Skip the rest of the delimiter line (transport padding, then CRLF).
    const lineEnd = body.indexOf('\r\n', position);
    if (lineEnd < 0) throw new BadUserInputError('the multipart body ends inside a delimiter line');
    const start = lineEnd + 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), start);
    if (next < 0) throw new BadUserInputError('the multipart body has no closing boundary');
    parts.push(parsePart(body.subarray(start, next)));
    position = next + 2;
  }
  return parts;
}

function parsePart(raw: Buffer): MultipartPart {
  // A part may have no headers at all: its body starts right after the blank line.
  if (raw.subarray(0, 2).toString() === '\r\n') return { headers: {}, body: raw.subarray(2) };
  const split = raw.indexOf(crlfCrlf);
  const headerText = split < 0 ? raw.toString('latin1') : raw.subarray(0, split).toString('latin1');
  const body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new BadUserInputError(`a multipart part has a malformed header: ${line}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

export interface OutgoingPart {
  contentType: string;
  body: Buffer | string;
  sha2?: string;
}

export function writeMultipart(parts: OutgoingPart[]): { contentType: string; body: Buffer } {
  const boundary = `jejak-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Type: ${part.contentType}\r\n`;
    if (part.sha2 !== undefined) {
      head += `Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${part.sha2}\r\n`;
    }
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
