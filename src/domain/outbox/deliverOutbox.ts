// The outbox worker: claims due messages (so several instances never send one twice at
// once), posts each to its webhook with a signature and its idempotency id, records the
// attempt, and marks it delivered on a 2xx, else schedules the next attempt with backoff
// until it gives up. Up to eight deliveries are in flight at once, so messages arrive in no
// promised order. Delivery is at least once: a receiver de-duplicates on the id (for a
// forwarded statement, also on X-Jejak-Statement-Id).
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { outboxMessages, webhookDeliveries, webhooks } from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';
import { statementIdOf } from './statementForwarding.js';
import { maxAttempts, retryDelayMs, signatureHeader, webhookSecret } from './webhookSigning.js';

export interface DeliveryOptions {
  serverKey: string | undefined;
  now?: Date;
  /** Messages claimed per run. */
  limit?: number;
  timeoutMs?: number;
  logger?: Logger;
}

/** Deliveries in flight at once: one slow receiver does not hold up the others. */
const concurrentDeliveries = 8;

/**
 * How long a claimed message stays claimed: the whole run's worst case (every delivery
 * timing out, so many at a time) and a margin, so no other instance takes a message
 * while this one may still be sending it. Also how long one waits if its instance dies.
 */
function claimMsOf(limit: number, timeoutMs: number): number {
  return Math.ceil(limit / concurrentDeliveries) * (timeoutMs + 5_000) + 60_000;
}

/** Delivers the messages due now; returns how many were delivered. */
export async function deliverDueMessages(db: JejakDb, options: DeliveryOptions): Promise<number> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 50;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const claimMs = claimMsOf(limit, timeoutMs);
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.status, 'PENDING'), lte(outboxMessages.nextAttemptAt, now)))
      .orderBy(outboxMessages.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboxMessages)
      .set({
        attempts: sql`${outboxMessages.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + claimMs),
      })
      .where(
        inArray(
          outboxMessages.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
  let delivered = 0;
  const deliver = async (message: (typeof claimed)[number]) => {
    const [webhook] = await db.select().from(webhooks).where(eq(webhooks.id, message.webhookId));
    const outcome =
      webhook === undefined || webhook.disabledAt !== null || options.serverKey === undefined
        ? {
            statusCode: null,
            error: 'the webhook is disabled, or the server has no JEJAK_WEBHOOK_KEY',
            durationMs: 0,
          }
        : await post(webhook.url, webhookSecret(options.serverKey, webhook.id), message, timeoutMs);
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    if (ok) delivered += 1;
    await db.transaction(async (tx) => {
      await tx.insert(webhookDeliveries).values({
        tenantId: message.tenantId,
        messageId: message.id,
        attempt: message.attempts,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
      });
      await tx
        .update(outboxMessages)
        .set(
          ok
            ? { status: 'DELIVERED', deliveredAt: now }
            : message.attempts >= maxAttempts
              ? { status: 'FAILED' }
              : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)) },
        )
        .where(eq(outboxMessages.id, message.id));
    });
    if (!ok) {
      options.logger?.warn(
        {
          messageId: message.id,
          attempt: message.attempts,
          status: outcome.statusCode,
          error: outcome.error,
        },
        'webhook delivery failed',
      );
    }
  };
  await inPool(claimed, concurrentDeliveries, async (message) => {
    // One message's trouble (its webhook deleted meanwhile) is not the others'.
    await deliver(message).catch((error: unknown) =>
      options.logger?.error({ err: error, messageId: message.id }, 'webhook delivery not recorded'),
    );
  });
  return delivered;
}

async function post(
  url: string,
  secret: string,
  message: { id: string; topic: string; payload: unknown },
  timeoutMs: number,
): Promise<{ statusCode: number | null; error: string | null; durationMs: number }> {
  const body = JSON.stringify(message.payload);
  const statementId = statementIdOf(message);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-jejak-delivery': message.id,
        'x-jejak-topic': message.topic,
        // A forwarded statement's id: the same on every delivery of it, whatever the message.
        ...(statementId === undefined ? {} : { 'x-jejak-statement-id': statementId }),
        // Signed with the real clock: what the receiver checks the timestamp against.
        'x-jejak-signature': signatureHeader(secret, body, new Date()),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return {
      statusCode: response.status,
      error: response.ok ? null : `HTTP ${response.status}`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      statusCode: null,
      error: (error as Error).message.slice(0, 500),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/** Runs `work` over the items, at most `size` at a time. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
