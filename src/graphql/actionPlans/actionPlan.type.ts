// Action plans (rencana aksi), their steps and the mentor's reviews as GraphQL types.
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StepStatusEnum {
  TODO = 'TODO',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(StepStatusEnum, { name: 'ActionPlanStepStatus' });

@ObjectType('ActionPlanStep')
export class ActionPlanStepType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => String)
  description!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dueOn!: string | null;

  @Field(() => StepStatusEnum)
  status!: StepStatusEnum;

  @Field(() => [String])
  evidenceLinks!: string[];
}

@ObjectType('ActionPlanReview')
export class ActionPlanReviewType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  comment!: string;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  reviewerId!: string;
}

@ObjectType('ActionPlan', { description: 'Rencana aksi: what the learner will change at work.' })
export class ActionPlanType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  goal!: string;

  @Field(() => String)
  status!: string;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  personId!: string;
  cohortId!: string;
}
