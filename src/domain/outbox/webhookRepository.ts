// A tenant's webhooks (ADMIN): where the outbox delivers messages of the topics each
// subscribes to; a webhook of `xapi.statement` may narrow the statements it receives with a
// filter (statementForwarding.ts). Creating one shows its signing secret once; the secret is derived from
// the server's key and never stored. Also the outbox as ADMIN reads it: each message with
// its delivery attempts.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  timestampKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
import {
  outboxMessages,
  webhookDeliveries,
  webhooks,
  type OutboxMessageRow,
  type WebhookDeliveryRow,
  type WebhookRow,
} from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import { parseStatementFilter, type StatementFilterInput } from './statementFilter.js';
import { statementTopic } from './statementForwarding.js';
import { secretFingerprint, webhookSecret } from './webhookSigning.js';

export type Webhook = WebhookRow;
export type OutboxMessage = OutboxMessageRow;
export type WebhookDelivery = WebhookDeliveryRow;

/** What the outbox can carry today; later side effects add theirs. */
export const webhookTopics = ['nudge.at_risk', statementTopic] as const;

const webhookOrder = keysetOrder<Webhook>('webhooks', 'CREATED_AT', 'ASC', [
  timestampKey(webhooks.createdAt, (row) => row.createdAt),
  idKey(webhooks.id, (row) => row.id),
]);

const messageOrder = keysetOrder<OutboxMessage>('outboxMessages', 'CREATED_AT', 'DESC', [
  timestampKey(outboxMessages.createdAt, (row) => row.createdAt),
  idKey(outboxMessages.id, (row) => row.id),
]);

export function createWebhookRepository(db: JejakDb, actor: Actor, serverKey: string | undefined) {
  const t = actor.tenantId;

  return {
    async create(input: {
      url: string;
      topics: string[];
      /** Only with the `xapi.statement` topic; absent: every statement. */
      statementFilter?: StatementFilterInput | null;
    }): Promise<{ webhook: Webhook; secret: string }> {
      requireRole(actor, 'creating a webhook', 'ADMIN');
      if (serverKey === undefined) {
        throw new BadUserInputError(
          'webhooks need the server to be started with JEJAK_WEBHOOK_KEY (their secrets are derived from it)',
        );
      }
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw new BadUserInputError('url: is not a URL');
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new BadUserInputError('url: must be an http(s) URL');
      const topics = [...new Set(input.topics)];
      if (topics.length === 0) throw new BadUserInputError('topics: name at least one topic');
      for (const topic of topics) {
        if (!(webhookTopics as readonly string[]).includes(topic))
          throw new BadUserInputError(`topics: ${topic} is not one of ${webhookTopics.join(', ')}`);
      }
      let statementFilter = null;
      if (input.statementFilter != null) {
        if (!topics.includes(statementTopic)) {
          throw new BadUserInputError(
            `statementFilter: only a webhook of the ${statementTopic} topic forwards statements`,
          );
        }
        statementFilter = parseStatementFilter(input.statementFilter);
      }
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(webhooks)
          .values({ tenantId: t, url: url.toString(), topics, statementFilter, secretHash: '' })
          .returning();
        const secret = webhookSecret(serverKey, row!.id);
        const [webhook] = await tx
          .update(webhooks)
          .set({ secretHash: secretFingerprint(secret) })
          .where(eq(webhooks.id, row!.id))
          .returning();
        return { webhook: webhook!, secret };
      });
    },

    async disable(id: string): Promise<Webhook> {
      requireRole(actor, 'disabling a webhook', 'ADMIN');
      const [row] = await db
        .update(webhooks)
        .set({ disabledAt: new Date() })
        .where(and(eq(webhooks.tenantId, t), eq(webhooks.id, requireUuid(id, 'id'))))
        .returning();
      if (row === undefined) throw new NotFoundError(`no webhook ${id}`);
      return row;
    },

    async list(page: PageRequest): Promise<KeysetPage<Webhook>> {
      requireRole(actor, 'listing webhooks', 'ADMIN');
      const rows = await db
        .select()
        .from(webhooks)
        .where(and(eq(webhooks.tenantId, t), keysetAfter(webhookOrder, page.after)))
        .orderBy(...keysetOrderBy(webhookOrder))
        .limit(page.first + 1);
      return keysetPageOf(webhookOrder, rows, page.first);
    },

    /** The outbox, newest first. */
    async messages(
      filter: { status?: string },
      page: PageRequest,
    ): Promise<KeysetPage<OutboxMessage>> {
      requireRole(actor, 'reading the outbox', 'ADMIN');
      const rows = await db
        .select()
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.tenantId, t),
            filter.status !== undefined ? eq(outboxMessages.status, filter.status) : undefined,
            keysetAfter(messageOrder, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(messageOrder))
        .limit(page.first + 1);
      return keysetPageOf(messageOrder, rows, page.first);
    },

    /** The delivery attempts of several messages (a dozen at most each). */
    async deliveriesOf(messageIds: readonly string[]): Promise<WebhookDelivery[]> {
      if (messageIds.length === 0) return [];
      return db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.tenantId, t),
            inArray(webhookDeliveries.messageId, [...messageIds]),
          ),
        )
        .orderBy(asc(webhookDeliveries.attempt));
    },
  };
}

/** Writes one message per active webhook of the topic, inside the caller's transaction. */
export async function enqueue(
  tx: Pick<JejakDb, 'select' | 'insert'>,
  tenantId: string,
  topic: string,
  payloads: Record<string, unknown>[],
): Promise<number> {
  if (payloads.length === 0) return 0;
  const targets = await tx
    .select({ id: webhooks.id, topics: webhooks.topics })
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, tenantId), isNull(webhooks.disabledAt)))
    .orderBy(desc(webhooks.createdAt));
  const subscribed = targets.filter((webhook) => webhook.topics.includes(topic));
  if (subscribed.length === 0) return 0;
  const rows = subscribed.flatMap((webhook) =>
    payloads.map((payload) => {
      // The message's id is its idempotency id: in the body and in X-Jejak-Delivery.
      const id = randomUUID();
      return { id, tenantId, topic, webhookId: webhook.id, payload: { id, topic, ...payload } };
    }),
  );
  await tx.insert(outboxMessages).values(rows);
  return rows.length;
}

export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
