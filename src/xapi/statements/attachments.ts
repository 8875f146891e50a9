// Pairs the raw parts of a multipart statement request with the attachments the statements
// declare: every part's SHA-2 is recomputed and must match its header and a declaration,
// every declared attachment without a fileUrl must have its part, and signatures are checked.
import { createHash } from 'node:crypto';
import { BadUserInputError } from '../../lib/errors.js';
import type { MultipartPart } from './multipart.js';
import { verifyStatementSignature } from './statementSignature.js';
import type { AttachmentContent } from './storeStatements.js';
import { signatureUsageType, type StatementJson } from './xapiJson.js';

const algorithmByHexLength: Record<number, string> = { 64: 'sha256', 96: 'sha384', 128: 'sha512' };

export function sha2Of(content: Buffer, hexLength: number): string | undefined {
  const algorithm = algorithmByHexLength[hexLength];
  return algorithm === undefined ? undefined : createHash(algorithm).update(content).digest('hex');
}

export async function attachmentsFromParts(
  statements: StatementJson[],
  parts: MultipartPart[],
  paths: string[],
): Promise<Map<string, AttachmentContent>> {
  const received = new Map<string, AttachmentContent>();
  parts.forEach((part, index) => {
    const declared = part.headers['x-experience-api-hash'];
    const where = `attachment part ${index + 1}`;
    if (declared === undefined || declared === '') {
      throw new BadUserInputError(`${where}: needs an X-Experience-API-Hash header`);
    }
    const encoding = part.headers['content-transfer-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
      throw new BadUserInputError(`${where}: Content-Transfer-Encoding must be binary`);
    }
    const hash = declared.toLowerCase();
    const actual = sha2Of(part.body, hash.length);
    if (actual !== hash) {
      throw new BadUserInputError(
        `${where}: its content does not hash to the X-Experience-API-Hash ${declared}`,
      );
    }
    received.set(hash, { contentType: 'application/octet-stream', content: part.body });
  });

  const used = new Set<string>();
  for (const [index, statement] of statements.entries()) {
    for (const [position, attachment] of (statement.attachments ?? []).entries()) {
      const path = `${paths[index]}.attachments[${position}]`;
      const hash = attachment.sha2.toLowerCase();
      const part = received.get(hash);
      if (part === undefined) {
        if (attachment.fileUrl !== undefined && attachment.usageType !== signatureUsageType) {
          continue;
        }
        throw new BadUserInputError(
          `${path}.sha2: no multipart part carries an attachment with this hash`,
        );
      }
      used.add(hash);
      // The statement's declaration is what was validated; the part's header is not.
      part.contentType = attachment.contentType;
      if (attachment.usageType === signatureUsageType) {
        await verifyStatementSignature(statement, attachment, part.content, path);
      }
    }
  }
  const unused = [...received.keys()].find((hash) => !used.has(hash));
  if (unused !== undefined) {
    throw new BadUserInputError(
      `attachment part with hash ${unused}: no statement declares an attachment with this hash`,
    );
  }
  return received;
}
