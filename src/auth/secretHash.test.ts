import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './secretHash.js';

describe('secret hashing', () => {
  it('verifies the secret it hashed and nothing else', async () => {
    const stored = await hashSecret('s3cret-value');
    expect(stored).not.toContain('s3cret-value');
    expect(await verifySecret('s3cret-value', stored)).toBe(true);
    expect(await verifySecret('s3cret-valuE', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashSecret('same')).not.toBe(await hashSecret('same'));
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifySecret('x', 'plain-text')).toBe(false);
    expect(await verifySecret('x', 'scrypt$a$b$c$d$e')).toBe(false);
  });
});
