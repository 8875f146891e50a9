// Webhooks, the outbox and its deliveries, and nudge runs as GraphQL types.
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType, PageArgs } from '../relay.js';

export enum OutboxStatusEnum {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(OutboxStatusEnum, { name: 'OutboxStatus' });

@ObjectType('StatementFilter', {
  description:
    'Which statements a webhook of xapi.statement receives: every condition named must hold.',
})
export class StatementFilterType {
  @Field(() => String, { nullable: true, description: 'The verb id, exactly.' })
  verb?: string;

  @Field(() => String, {
    nullable: true,
    description: "The start of the object's activity id (context activities do not count).",
  })
  activityIriPrefix?: string;

  @Field(() => String, {
    nullable: true,
    description: 'The agent key of the actor, e.g. account:["https://lms…","1990…"].',
  })
  actorKey?: string;
}

@ObjectType('Webhook', { description: 'Where the outbox delivers messages of its topics.' })
export class WebhookType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String])
  topics!: string[];

  @Field(() => StatementFilterType, {
    nullable: true,
    description: 'Null: every statement (for xapi.statement).',
  })
  statementFilter!: StatementFilterType | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  disabledAt!: Date | null;
}

@ObjectType('CreatedWebhook')
export class CreatedWebhookType {
  @Field(() => WebhookType)
  webhook!: WebhookType;

  @Field(() => String, {
    description:
      'Shown once: verify X-Jejak-Signature (t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">) with it.',
  })
  secret!: string;
}

@ObjectType('WebhookDelivery', { description: 'One attempt to deliver an outbox message.' })
export class WebhookDeliveryType {
  @Field(() => Int)
  attempt!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status, if it answered." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => GraphQLDateTime)
  at!: Date;
}

@ObjectType('OutboxMessage')
export class OutboxMessageType {
  @Field(() => ID, { description: 'Also the idempotency id (X-Jejak-Delivery).' })
  id!: string;

  @Field(() => String)
  topic!: string;

  @Field(() => OutboxStatusEnum)
  status!: OutboxStatusEnum;

  @Field(() => Int)
  attempts!: number;

  @Field(() => GraphQLDateTime)
  nextAttemptAt!: Date;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => GraphQLJSONObject)
  payload!: Record<string, unknown>;

  webhookId!: string;
}

@ObjectType('NudgeRun')
export class NudgeRunType {
  @Field(() => Int, { description: 'Learners reminded now (each at most once a day).' })
  nudged!: number;
}

@InputType()
export class StatementFilterInput {
  @Field(() => String, { nullable: true, description: 'A verb id.' })
  verb?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The start of the object's activity id, e.g. https://lms.example/mod/quiz/.",
  })
  activityIriPrefix?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The actor: an Agent as JSON ({"mbox":"mailto:…"}, {"account":{"homePage":…,"name":…}}) or an agent key.',
  })
  actor?: string | null;
}

@InputType()
export class CreateWebhookInput {
  @Field(() => String)
  url!: string;

  @Field(() => [String], {
    description:
      'Topics: nudge.at_risk, xapi.statement (each statement stored; X-Jejak-Statement-Id carries its id).',
  })
  topics!: string[];

  @Field(() => StatementFilterInput, {
    nullable: true,
    description: 'With xapi.statement: forward only the statements it matches (absent: all).',
  })
  statementFilter?: StatementFilterInput | null;
}

@ArgsType()
export class OutboxArgs extends PageArgs {
  @Field(() => OutboxStatusEnum, { nullable: true })
  status?: OutboxStatusEnum;
}

export const WebhookConnection = connectionType(WebhookType, 'Webhook');
export const OutboxMessageConnection = connectionType(OutboxMessageType, 'OutboxMessage');
