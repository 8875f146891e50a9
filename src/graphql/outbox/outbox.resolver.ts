// Webhooks, the outbox and nudges: thin adapters over the caller's webhook repository and
// the nudge rule.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { runNudges } from '../../domain/nudges/runNudges.js';
import { storedStatementFilter } from '../../domain/outbox/statementFilter.js';
import type { OutboxMessage, Webhook } from '../../domain/outbox/webhookRepository.js';
import { presentOnly } from '../../lib/definedOnly.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CreatedWebhookType,
  CreateWebhookInput,
  NudgeRunType,
  OutboxArgs,
  OutboxMessageConnection,
  OutboxMessageType,
  WebhookConnection,
  WebhookDeliveryType,
  WebhookType,
} from './outbox.type.js';

const toMessageType = (row: OutboxMessage) => row as unknown as OutboxMessageType;
const toWebhookType = (row: Webhook): WebhookType => ({
  ...row,
  statementFilter: storedStatementFilter(row.statementFilter),
});

@Resolver(() => WebhookType)
export class WebhookResolver {
  @Authorized('ADMIN')
  @Query(() => WebhookConnection)
  async webhooks(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    return toConnection(await context.domain().webhooks.list(pageOf(args)), toWebhookType);
  }

  @Authorized('ADMIN')
  @Mutation(() => CreatedWebhookType)
  async createWebhook(
    @Arg('input', () => CreateWebhookInput) input: CreateWebhookInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { webhook, secret } = await context.domain().webhooks.create(input);
    return { webhook: toWebhookType(webhook), secret };
  }

  @Authorized('ADMIN')
  @Mutation(() => WebhookType, { description: 'Stops deliveries to it; pending messages fail.' })
  async disableWebhook(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return toWebhookType(await context.domain().webhooks.disable(id));
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => NudgeRunType, {
    description:
      "Reminds the learners at risk now (at most once a day each): a cohort's (ADMIN, its facilitators), or every cohort running today (ADMIN).",
  })
  async runNudges(
    @Arg('cohortId', () => ID, { nullable: true }) cohortId: string | null,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, cohortAnalytics, programs } = context.domain();
    const nudged = await runNudges(db, actor, cohortAnalytics, programs, presentOnly({ cohortId }));
    return { nudged };
  }
}

@Resolver(() => OutboxMessageType)
export class OutboxMessageResolver {
  @Authorized('ADMIN')
  @Query(() => OutboxMessageConnection, { description: 'The outbox, newest first.' })
  async outboxMessages(@Args(() => OutboxArgs) args: OutboxArgs, @Ctx() context: GraphQLContext) {
    const page = await context
      .domain()
      .webhooks.messages(presentOnly({ status: args.status }), pageOf(args));
    return toConnection(page, toMessageType);
  }

  @FieldResolver(() => [WebhookDeliveryType], {
    description: 'Attempts in order (a dozen at most).',
  })
  deliveries(@Root() message: OutboxMessageType, @Ctx() context: GraphQLContext) {
    return context.loaders.deliveriesByMessageId.load(message.id);
  }
}
