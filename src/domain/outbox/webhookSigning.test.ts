import { describe, expect, it } from 'vitest';
import {
  retryDelayMs,
  secretFingerprint,
  signatureHeader,
  verifySignature,
  webhookSecret,
} from './webhookSigning.js';

const key = 'k'.repeat(32);
const at = new Date('2026-03-01T10:00:00Z');

describe('webhook signatures', () => {
  it('derives a secret per webhook, and keeps only its fingerprint', () => {
    expect(webhookSecret(key, 'a')).toBe(webhookSecret(key, 'a'));
    expect(webhookSecret(key, 'a')).not.toBe(webhookSecret(key, 'b'));
    expect(webhookSecret('x'.repeat(32), 'a')).not.toBe(webhookSecret(key, 'a'));
    expect(secretFingerprint('s')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a body so a receiver can check it, and refuses changes and replays', () => {
    const secret = webhookSecret(key, 'a');
    const header = signatureHeader(secret, '{"a":1}', at);
    expect(header).toMatch(/^t=1772359200,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, '{"a":1}', header, at)).toBe(true);
    expect(verifySignature(secret, '{"a":2}', header, at)).toBe(false);
    expect(verifySignature(webhookSecret(key, 'b'), '{"a":1}', header, at)).toBe(false);
    expect(verifySignature(secret, '{"a":1}', header, new Date(at.getTime() + 301_000))).toBe(
      false,
    );
    expect(verifySignature(secret, '{"a":1}', 'v1=bad', at)).toBe(false);
  });

  it('waits 30 s, doubling, up to 6 hours between attempts', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(6 * 3600_000);
  });
});
