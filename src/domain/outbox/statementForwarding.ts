// Statement forwarding: statements stored by the LRS go to the tenant's webhooks of the
// `xapi.statement` topic through the outbox, in the transaction that stores them, so a
// statement is forwarded exactly when it is stored, and delivered at least once.
//
// Design: a subscription is a webhook, not a table of its own. A webhook of the topic
// carries an optional statement filter (statementFilter.ts; none: every statement), so the
// outbox, its signing, retries, delivery log and the admin's list/create/disable of webhooks
// serve forwarding unchanged; several filters to one URL are several webhooks (a receiver
// de-duplicates on the statement id). Each matching (webhook, statement) is one message:
// `{ id, topic, statementId, statement }`, the statement exactly as stored (the `exact`
// format), and the worker sends the statement id as X-Jejak-Statement-Id beside the
// message's own X-Jejak-Delivery, so a receiver can de-duplicate on either.
//
// Cost per batch: one query, sent as soon as the tenant's statement lock is held so it
// travels with the batch's other statements rather than costing a round trip of its own,
// answered from a partial index of the tenant's active statement webhooks (none, for most
// tenants); matching is pure TypeScript; messages are inserted only when something matches.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import { outboxMessages, webhooks } from '../../db/schema/index.js';
import type { StatementJson } from '../../xapi/statements/xapiJson.js';
import {
  matchesStatementFilter,
  storedStatementFilter,
  type StatementFilter,
} from './statementFilter.js';

export const statementTopic = 'xapi.statement';

export interface StatementSubscription {
  webhookId: string;
  filter: StatementFilter | null;
}

/** Messages per INSERT. */
const chunk = 500;

/**
 * The tenant's active statement webhooks, as this transaction sees them. Starts the query at
 * once (see the top of this file); the caller awaits it when the statements are stored.
 */
export function readStatementSubscriptions(
  tx: JejakTransaction,
  tenantId: string,
): Promise<StatementSubscription[]> {
  // Prepared, as it is read for every batch of statements stored (db/preparedStatements.ts).
  const pending = rawRows<{ id: string; statement_filter: unknown }>(
    tx,
    prepared(sql`select id, statement_filter from ${webhooks}
      where tenant_id = ${tenantId} and disabled_at is null
        and ${sql.raw(`'${statementTopic}'`)} = any(topics)`),
  ).then((rows) =>
    rows.map((row) => ({
      webhookId: row.id,
      filter: storedStatementFilter(row.statement_filter),
    })),
  );
  // Awaited later; if the transaction fails before that, its own error is the one to see.
  pending.catch(() => undefined);
  return pending;
}

/** Writes a message per webhook for each new statement its filter matches. */
export async function forwardStatements(
  tx: JejakTransaction,
  tenantId: string,
  subscriptions: StatementSubscription[],
  statements: { id: string; payload: StatementJson }[],
): Promise<number> {
  if (subscriptions.length === 0 || statements.length === 0) return 0;
  const rows = subscriptions.flatMap((subscription) =>
    statements
      .filter((statement) => matchesStatementFilter(subscription.filter, statement.payload))
      .map((statement) => {
        // The message's id is its idempotency id: in the body and in X-Jejak-Delivery.
        const id = randomUUID();
        const statementId = statement.id.toLowerCase();
        return {
          id,
          tenantId,
          topic: statementTopic,
          webhookId: subscription.webhookId,
          payload: { id, topic: statementTopic, statementId, statement: statement.payload },
        };
      }),
  );
  for (let start = 0; start < rows.length; start += chunk) {
    await tx.insert(outboxMessages).values(rows.slice(start, start + chunk));
  }
  return rows.length;
}

/** The statement id a message carries, sent as X-Jejak-Statement-Id; else undefined. */
export function statementIdOf(message: { topic: string; payload: unknown }): string | undefined {
  if (message.topic !== statementTopic) return undefined;
  const id = (message.payload as { statementId?: unknown } | null)?.statementId;
  return typeof id === 'string' ? id : undefined;
}
