// Revokes a credential of the repository's tenant; requests with it get 401 from then on.
import { NotFoundError } from '../../lib/errors.js';
import type { Credential, CredentialRepository } from './credentialRepository.js';

export async function revokeCredential(
  repository: CredentialRepository,
  key: string,
): Promise<Credential> {
  const credential = await repository.revoke(key);
  if (credential === undefined) throw new NotFoundError(`no credential with key "${key}"`);
  return credential;
}
