// Hashing of credential secrets with scrypt (node:crypto). The stored form carries its own
// parameters, `scrypt$N$r$p$salt$hash`, so they can be raised later without a migration.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const defaults = { N: 16384, r: 8, p: 1, keyLength: 32, saltLength: 16 };

function scryptAsync(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function memoryFor(N: number, r: number): number {
  // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default.
  return 256 * N * r + 1024 * 1024;
}

export async function hashSecret(secret: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = defaults;
  const salt = randomBytes(saltLength);
  const hash = await scryptAsync(secret, salt, keyLength, { N, r, p, maxmem: memoryFor(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p) || !expected.length) {
    return false;
  }
  const actual = await scryptAsync(secret, salt, expected.length, {
    N,
    r,
    p,
    maxmem: memoryFor(N, r),
  });
  return timingSafeEqual(actual, expected);
}
