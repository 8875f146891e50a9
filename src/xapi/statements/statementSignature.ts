// Signed statements (xAPI Data 2.6): the signature attachment is a JWS whose payload is the
// statement as it was signed. The algorithm must be RS256, RS384 or RS512; when the JWS
// carries its certificate (x5c) the signature is verified with it.
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { BadUserInputError } from '../../lib/errors.js';
import { sameStatement } from './compareStatements.js';
import { isObject, type AttachmentJson, type JsonObject, type StatementJson } from './xapiJson.js';

const allowedAlgorithms = new Set(['RS256', 'RS384', 'RS512']);

export async function verifyStatementSignature(
  statement: StatementJson,
  attachment: AttachmentJson,
  content: Buffer,
  path: string,
): Promise<void> {
  const reject = (why: string) => new BadUserInputError(`${path}: ${why}`);
  if (attachment.contentType !== 'application/octet-stream') {
    throw reject('a signature attachment must have contentType application/octet-stream');
  }
  const jws = content.toString('utf8').trim();
  const segments = jws.split('.');
  if (segments.length !== 3) throw reject('the signature is not a JWS in compact serialization');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jws);
    payload = JSON.parse(Buffer.from(segments[1]!, 'base64url').toString('utf8'));
  } catch {
    throw reject('the signature is not a well-formed JWS with a JSON payload');
  }
  if (typeof header.alg !== 'string' || !allowedAlgorithms.has(header.alg)) {
    throw reject(
      `the signature algorithm must be RS256, RS384 or RS512, not ${String(header.alg)}`,
    );
  }
  if (
    !isObject(payload) ||
    !sameStatement(withoutAttachments(payload), withoutAttachments(statement))
  ) {
    throw reject('the signature payload does not match the statement');
  }
  const certificate = header.x5c?.[0];
  if (certificate === undefined) return;
  try {
    const pem = `-----BEGIN CERTIFICATE-----\n${certificate}\n-----END CERTIFICATE-----`;
    await compactVerify(jws, await importX509(pem, header.alg));
  } catch {
    throw reject('the signature does not verify with the certificate in its x5c header');
  }
}

/** The signature cannot sign itself: attachments are compared apart from the statement. */
function withoutAttachments(statement: JsonObject): JsonObject {
  const { attachments: _attachments, ...rest } = statement;
  return rest;
}
