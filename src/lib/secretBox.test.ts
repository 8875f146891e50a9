import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, SecretBoxError } from './secretBox.js';

const key = 'secrets-key-for-tests-0123456789abcdef';

describe('secret box', () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const sealed = sealSecret(key, 'siasn', 'tenant-1', 'eyJ0b2tlbiI6dHJ1ZX0');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('eyJ0b2tlbiI6dHJ1ZX0');
    expect(openSecret(key, 'siasn', 'tenant-1', sealed)).toBe('eyJ0b2tlbiI6dHJ1ZX0');
    expect(sealSecret(key, 'siasn', 'tenant-1', 'eyJ0b2tlbiI6dHJ1ZX0')).not.toBe(sealed);
  });

  it('refuses another key, purpose, owner, or a changed value', () => {
    const sealed = sealSecret(key, 'siasn', 'tenant-1', 'token');
    expect(() => openSecret(`${key}x`, 'siasn', 'tenant-1', sealed)).toThrow(SecretBoxError);
    expect(() => openSecret(key, 'other', 'tenant-1', sealed)).toThrow(SecretBoxError);
    expect(() => openSecret(key, 'siasn', 'tenant-2', sealed)).toThrow(SecretBoxError);
    const [v, iv, ciphertext, tag] = sealed.split('.');
    const flipped = `${ciphertext![0] === 'A' ? 'B' : 'A'}${ciphertext!.slice(1)}`;
    expect(() => openSecret(key, 'siasn', 'tenant-1', [v, iv, flipped, tag].join('.'))).toThrow(
      SecretBoxError,
    );
    expect(() => openSecret(key, 'siasn', 'tenant-1', 'plain')).toThrow(SecretBoxError);
  });

  it('refuses a tag cut short, which GCM would otherwise check only as far as it goes', () => {
    const sealed = sealSecret(key, 'siasn', 'tenant-1', 'token');
    const [v, iv, ciphertext, tag] = sealed.split('.');
    const full = Buffer.from(tag!, 'base64url');
    expect(full).toHaveLength(16);
    for (const length of [4, 8, 12, 15]) {
      const cut = full.subarray(0, length).toString('base64url');
      expect(() =>
        openSecret(key, 'siasn', 'tenant-1', [v, iv, ciphertext, cut].join('.')),
      ).toThrow(SecretBoxError);
    }
    const longer = Buffer.concat([full, Buffer.from([0])]).toString('base64url');
    expect(() =>
      openSecret(key, 'siasn', 'tenant-1', [v, iv, ciphertext, longer].join('.')),
    ).toThrow(SecretBoxError);
  });
});
