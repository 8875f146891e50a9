// Secrets Jejak must use later (an agency's SIASN tokens) kept encrypted at rest: AES-256-GCM
// with a key derived (HKDF-SHA256) from the server's JEJAK_SECRETS_KEY and a purpose, the
// owner (e.g. the tenant id) bound as associated data so a sealed value cannot be moved to
// another row. Sealed form: `v1.<iv>.<ciphertext>.<tag>`, base64url parts.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { BadUserInputError } from './errors.js';

export class SecretBoxError extends Error {}

/**
 * The server's key, for storing a secret; without one, a BadUserInputError that says so. The
 * message keeps the caller's words: `subject` is what would be stored, with its verb
 * ("SIASN tokens are").
 */
export function requireSecretsKey(serverKey: string | undefined, subject: string): string {
  if (serverKey === undefined) {
    throw new BadUserInputError(
      `${subject} stored encrypted: start the server with JEJAK_SECRETS_KEY (at least 32 characters) first`,
    );
  }
  return serverKey;
}

/** GCM's full tag: a shorter one is easier to forge, and is never what sealSecret wrote. */
const tagBytes = 16;

function keyOf(serverKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, 'jejak secret box', purpose, 32));
}

export function sealSecret(
  serverKey: string,
  purpose: string,
  owner: string,
  plaintext: string,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(serverKey, purpose), iv, {
    authTagLength: tagBytes,
  });
  cipher.setAAD(Buffer.from(owner, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Throws SecretBoxError when the value was sealed with another key, purpose or owner. */
export function openSecret(serverKey: string, purpose: string, owner: string, sealed: string) {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || ciphertext === undefined || tag === undefined)
    throw new SecretBoxError('not a sealed secret');
  const authTag = Buffer.from(tag, 'base64url');
  if (authTag.length !== tagBytes) throw new SecretBoxError('not a sealed secret (tag length)');
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyOf(serverKey, purpose),
      Buffer.from(iv, 'base64url'),
      { authTagLength: tagBytes },
    );
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(authTag);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretBoxError('the secret was sealed with another key (JEJAK_SECRETS_KEY changed?)');
  }
}
