// Random identifiers and credentials. Everything comes from the operating system's CSPRNG.
import { randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random string over [A-Za-z0-9], without modulo bias. */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes at or above it would make the first letters more likely.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

/** An xAPI credential key: safe as a Basic-auth user name (no colon) and in a URL. */
export function newCredentialKey(): string {
  return `jk_${randomAlphanumeric(24)}`;
}

/** An xAPI credential secret: about 238 bits of entropy. */
export function newCredentialSecret(): string {
  return randomAlphanumeric(40);
}
