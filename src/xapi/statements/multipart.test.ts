// multipart/mixed: boundaryOf, parseMultipart and writeMultipart, round trip and malformed bodies.
import { describe, it, expect } from 'vitest';
import { BadUserInputError } from '../../lib/errors.js';
import { boundaryOf, parseMultipart, writeMultipart } from './multipart.js';

const crlf = '\r\n';

function body(...lines: string[]): Buffer {
  return Buffer.from(lines.join(crlf), 'latin1');
}

describe('boundaryOf', () => {
  it('reads an unquoted boundary', () => {
    expect(boundaryOf('multipart/mixed; boundary=abc123')).toBe('abc123');
  });

  it('reads a quoted boundary, spaces included', () => {
    expect(boundaryOf('multipart/mixed; boundary="abc 123"')).toBe('abc 123');
  });

  it('reads the boundary among other parameters, in any case', () => {
    expect(boundaryOf('multipart/mixed;charset=utf-8;BOUNDARY=xyz; foo=bar')).toBe('xyz');
  });

  it('rejects a content type without a boundary as bad user input', () => {
    expect(() => boundaryOf('multipart/mixed')).toThrow(BadUserInputError);
    expect(() => boundaryOf('multipart/mixed; charset=utf-8')).toThrow(BadUserInputError);
    expect(() => boundaryOf('multipart/mixed; boundary=')).toThrow(BadUserInputError);
  });
});

describe('writeMultipart → parseMultipart', () => {
  it('round-trips parts with binary content containing CRLF and -- sequences', () => {
    const binary = Buffer.concat([
      Buffer.from('\r\n--\r\n--jejak\r\n\r\n--x--\r\n'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('\r\n'),
    ]);
    const statements = JSON.stringify([{ id: 'x', text: 'a\r\nb' }]);
    const sha2 = 'a'.repeat(64);
    const written = writeMultipart([
      { contentType: 'application/json', body: statements },
      { contentType: 'application/octet-stream', body: binary, sha2 },
    ]);

    expect(written.contentType).toMatch(/^multipart\/mixed; boundary=/);
    const parts = parseMultipart(written.body, boundaryOf(written.contentType));
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers).toEqual({ 'content-type': 'application/json' });
    expect(parts[0]!.body.toString('utf8')).toBe(statements);
    expect(parts[1]!.headers).toEqual({
      'content-type': 'application/octet-stream',
      'content-transfer-encoding': 'binary',
      'x-experience-api-hash': sha2,
    });
    expect(parts[1]!.body.equals(binary)).toBe(true);
  });

  it('round-trips an empty part body', () => {
    const written = writeMultipart([{ contentType: 'text/plain', body: '' }]);
    const parts = parseMultipart(written.body, boundaryOf(written.contentType));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.body.length).toBe(0);
  });

  it('uses a new boundary for each body', () => {
    const a = writeMultipart([{ contentType: 'text/plain', body: 'x' }]);
    const b = writeMultipart([{ contentType: 'text/plain', body: 'x' }]);
    expect(boundaryOf(a.contentType)).not.toBe(boundaryOf(b.contentType));
  });
});

describe('parseMultipart', () => {
  it('parses a body whose quoted boundary contains a space', () => {
    const boundary = boundaryOf('multipart/mixed; boundary="my boundary"');
    const parts = parseMultipart(
      body('--my boundary', 'Content-Type: application/json', '', '{}', '--my boundary--', ''),
      boundary,
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]!.body.toString()).toBe('{}');
  });

  it('skips a preamble before the first delimiter', () => {
    const parts = parseMultipart(
      body('', '--b', 'Content-Type: application/json', '', '[]', '--b--', ''),
      'b',
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]!.headers['content-type']).toBe('application/json');
    expect(parts[0]!.body.toString()).toBe('[]');
  });

  it('skips preamble text and transport padding after a delimiter', () => {
    const parts = parseMultipart(
      body('This is a preamble.', '--b  ', 'Content-Type: text/plain', '', 'hi', '--b--'),
      'b',
    );
    expect(parts.map((part) => part.body.toString())).toEqual(['hi']);
  });

  it('reads headers without a space after the colon, names in lowercase', () => {
    const parts = parseMultipart(
      body('--b', 'Content-Type:application/json', 'X-Experience-API-Hash:abc', '', '{}', '--b--'),
      'b',
    );
    expect(parts[0]!.headers).toEqual({
      'content-type': 'application/json',
      'x-experience-api-hash': 'abc',
    });
  });

  it('accepts a body that ends right after the closing delimiter', () => {
    const raw = body(
      '--b',
      'Content-Type: text/plain',
      '',
      'one',
      '--b',
      'Content-Type: text/plain',
      '',
      'two',
      '--b--',
    );
    expect(raw.subarray(-5).toString()).toBe('--b--');
    expect(parseMultipart(raw, 'b').map((part) => part.body.toString())).toEqual(['one', 'two']);
  });

  it('ignores an epilogue after the closing delimiter', () => {
    const raw = body('--b', 'Content-Type: text/plain', '', 'one', '--b--', 'epilogue', '--b', 'x');
    expect(parseMultipart(raw, 'b').map((part) => part.body.toString())).toEqual(['one']);
  });

  it('keeps CRLFs inside a part body, removing only the one before the delimiter', () => {
    const parts = parseMultipart(
      body('--b', 'Content-Type: text/plain', '', '', 'line', '', '--b--'),
      'b',
    );
    expect(parts[0]!.body.toString()).toBe('\r\nline\r\n');
  });

  it('rejects a body without the boundary as bad user input', () => {
    expect(() => parseMultipart(body('--other', '', 'x', '--other--'), 'b')).toThrow(
      BadUserInputError,
    );
    expect(() => parseMultipart(Buffer.alloc(0), 'b')).toThrow(BadUserInputError);
  });

  it('rejects a body without a closing delimiter', () => {
    expect(() => parseMultipart(body('--b', 'Content-Type: text/plain', '', 'x'), 'b')).toThrow(
      BadUserInputError,
    );
  });

  it('rejects a body that ends inside a delimiter line', () => {
    expect(() => parseMultipart(Buffer.from('--b'), 'b')).toThrow(BadUserInputError);
  });

  it('rejects a header line without a colon', () => {
    expect(() =>
      parseMultipart(body('--b', 'Content-Type text/plain', '', 'x', '--b--'), 'b'),
    ).toThrow(BadUserInputError);
  });

  // BUG (low impact): RFC 2046 allows a part with no header fields, i.e. the delimiter line is
  // followed directly by the blank line. parsePart looks for CRLFCRLF, but the part then starts
  // with a lone CRLF, so the body line is read as a header and rejected as "malformed header".
  it('parses a part without header fields as empty headers and its body', () => {
    const parts = parseMultipart(body('--b', '', 'no headers here', '--b--'), 'b');
    expect(parts).toEqual([{ headers: {}, body: Buffer.from('no headers here') }]);
  });
});
