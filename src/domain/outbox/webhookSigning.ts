// Pure: how Jejak signs what it sends to webhooks, so a receiver can check it came from
// Jejak and was not replayed. Each webhook's secret is derived from the server's key and
// the webhook's id (HMAC-SHA256), so no secret is stored; the signature is
// HMAC-SHA256(secret, "<unix seconds>.<body>") in hex, sent as
// `X-Jejak-Signature: t=<unix seconds>,v1=<hex>`.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function webhookSecret(serverKey: string, webhookId: string): string {
  return createHmac('sha256', serverKey).update(`webhook:${webhookId}`).digest('base64url');
}

/** What the database keeps of a secret: enough to recognise it, not to use it. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function signatureHeader(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/** A receiver's check (also Jejak's own tests'): the signature matches and is recent. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (match === null) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/** The wait before the next attempt: 30 s, doubling, at most 6 h. */
export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attemptsSoFar - 1), 6 * 3600_000);
}

/** Attempts after which a message is given up (FAILED). */
export const maxAttempts = 12;
