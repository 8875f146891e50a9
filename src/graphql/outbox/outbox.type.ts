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

@ObjectType('Webhook', { description: 'Where the outbox delivers messages of its topics.' })
export class WebhookType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String])
  topics!: string[];

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
export class CreateWebhookInput {
  @Field(() => String)
  url!: string;

  @Field(() => [String], { description: 'Topics: nudge.at_risk.' })
  topics!: string[];
}

@ArgsType()
export class OutboxArgs extends PageArgs {
  @Field(() => OutboxStatusEnum, { nullable: true })
  status?: OutboxStatusEnum;
}

export const WebhookConnection = connectionType(WebhookType, 'Webhook');
export const OutboxMessageConnection = connectionType(OutboxMessageType, 'OutboxMessage');
