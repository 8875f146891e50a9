// Side effects written in the same transaction as the change that causes them, delivered
// later by a worker with retries: the outbox. Webhooks are where messages go; each delivery
// attempt is recorded. Nudges remember which learner was reminded on which day, so a rule
// run again the same day reminds nobody twice. A webhook of the `xapi.statement` topic may
// narrow what it receives with a statement filter (see domain/outbox/statementFilter.ts).
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { tenantIdColumn } from './tenants.js';

export const webhooks = pgTable(
  'webhooks',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    url: text('url').notNull(),
    /** Topics delivered here, e.g. `nudge.at_risk`. */
    topics: text('topics').array().notNull(),
    /**
     * A SHA-256 of the signing secret, to recognise it: the secret itself is derived from
     * the server's JEJAK_WEBHOOK_KEY and the webhook's id, never stored.
     */
    secretHash: text('secret_hash').notNull(),
    /**
     * Which statements of the `xapi.statement` topic come here (a StatementFilter: verb,
     * activity IRI prefix, actor key, all optional, AND-ed); null forwards every statement.
     */
    statementFilter: jsonb('statement_filter'),
    createdAt: createdAt(),
    disabledAt: timestamptz('disabled_at'),
  },
  (table) => [
    index('webhooks_tenant_created_idx').on(table.tenantId, table.createdAt, table.id),
    // Read by every batch of statements stored: the tenant's active statement webhooks, an
    // index of the few webhooks that forward statements (empty for most tenants).
    index('webhooks_tenant_statement_topic_idx')
      .on(table.tenantId)
      .where(sql`disabled_at is null and 'xapi.statement' = any(topics)`),
  ],
);

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    /** Also the idempotency id receivers see in X-Jejak-Delivery. */
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    topic: text('topic').notNull(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    payload: json('payload').notNull(),
    /** `PENDING`, `DELIVERED` or `FAILED` (gave up). */
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    createdAt: createdAt(),
    deliveredAt: timestamptz('delivered_at'),
  },
  (table) => [
    // The worker's queue: due messages first.
    index('outbox_messages_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`status = 'PENDING'`),
    index('outbox_messages_tenant_created_idx').on(table.tenantId, table.createdAt, table.id),
  ],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** The receiver's HTTP status, or null when it could not be reached. */
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: createdAt(),
  },
  (table) => [index('webhook_deliveries_message_idx').on(table.messageId, table.attempt)],
);

export const nudges = pgTable(
  'nudges',
  {
    tenantId: tenantIdColumn(),
    enrollmentId: uuid('enrollment_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    reasons: text('reasons').array().notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.enrollmentId, table.day] })],
);

export type WebhookRow = typeof webhooks.$inferSelect;
export type OutboxMessageRow = typeof outboxMessages.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
