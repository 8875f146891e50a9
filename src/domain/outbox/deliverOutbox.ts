// The outbox worker: claims due messages (so several instances never send one twice at
// once), posts each to its webhook with a signature and its idempotency id, records the
// attempt, and marks it delivered on a 2xx, else schedules the next attempt with backoff
// until it gives up. Delivery is at least once: a receiver de-duplicates on the id (for a
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

/** How long a claimed message stays claimed if its instance dies mid-delivery. */
const claimMs = 120_000;

/** Delivers the messages due now; returns how many were delivered. */
export async function deliverDueMessages(db: JejakDb, options: DeliveryOptions): Promise<number> {
  const now = options.now ?? new Date();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.status, 'PENDING'), lte(outboxMessages.nextAttemptAt, now)))
      .orderBy(outboxMessages.nextAttemptAt)
      .limit(options.limit ?? 50)
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
  for (const message of claimed) {
    const [webhook] = await db.select().from(webhooks).where(eq(webhooks.id, message.webhookId));
    const outcome =
      webhook === undefined || webhook.disabledAt !== null || options.serverKey === undefined
        ? {
            statusCode: null,
            error: 'the webhook is disabled, or the server has no JEJAK_WEBHOOK_KEY',
            durationMs: 0,
          }
        : await post(
            webhook.url,
            webhookSecret(options.serverKey, webhook.id),
            message,
            options.timeoutMs ?? 10_000,
          );
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
  }
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
