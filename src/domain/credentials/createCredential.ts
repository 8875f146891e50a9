// Creates an xAPI credential: a fresh key and secret (or given ones, for the bootstrap
// credential), the secret stored only as its scrypt hash and returned to the caller once.
import { hashSecret } from '../../auth/secretHash.js';
import type { XapiScope } from '../../auth/scopes.js';
import { BadUserInputError, ConflictError } from '../../lib/errors.js';
import { newCredentialKey, newCredentialSecret } from '../../lib/ids.js';
import type { Credential, CredentialRepository } from './credentialRepository.js';

export interface CreateCredentialInput {
  name: string;
  scopes: XapiScope[];
  /** Given only by the bootstrap from JEJAK_BOOTSTRAP_KEY / _SECRET. */
  key?: string;
  secret?: string;
}

export interface CreatedCredential {
  credential: Credential;
  /** The plain secret: shown to the caller now and never again. */
  secret: string;
}

export async function createCredential(
  repository: CredentialRepository,
  input: CreateCredentialInput,
): Promise<CreatedCredential> {
  const name = input.name.trim();
  if (name === '' || name.length > 200) {
    throw new BadUserInputError('a credential name must be 1 to 200 characters');
  }
  if (input.scopes.length === 0) {
    throw new BadUserInputError('a credential needs at least one scope');
  }
  const key = input.key ?? newCredentialKey();
  const secret = input.secret ?? newCredentialSecret();
  const credential = await repository.insert({
    key,
    secretHash: await hashSecret(secret),
    name,
    scopes: input.scopes,
  });
  if (credential === undefined) throw new ConflictError(`the key "${key}" is already in use`);
  return { credential, secret };
}
