// The PUT/POST /statements use case as one script: validate every statement, pair the
// attachment parts (and check signatures), then store the batch, all or nothing.
import type { JejakDb } from '../../db/client.js';
import type { AuthenticatedCredential } from '../../domain/credentials/authenticateCredential.js';
import { authorityOf } from './authority.js';
import { attachmentsFromParts } from './attachments.js';
import type { MultipartPart } from './multipart.js';
import { storeStatements, type StoreStatementsResult } from './storeStatements.js';
import type { XapiVersion } from './validateStatement.js';
import { validateStatements } from './validateStatements.js';

export interface WriteStatementsInput {
  credential: AuthenticatedCredential;
  version: XapiVersion;
  statements: unknown[];
  /** The attachment parts of a multipart request; empty for plain JSON. */
  parts: MultipartPart[];
  /** How messages name each statement: `statements[3]`, or `statement`. */
  paths: string[];
}

export async function writeStatements(
  db: JejakDb,
  input: WriteStatementsInput,
): Promise<StoreStatementsResult> {
  const valid = validateStatements(input.statements, input.version, input.paths);
  const attachments = await attachmentsFromParts(valid, input.parts, input.paths);
  return storeStatements(db, {
    tenantId: input.credential.tenantId,
    credentialId: input.credential.id,
    authority: authorityOf(input.credential),
    version: input.version,
    statements: valid,
    attachments,
  });
}
