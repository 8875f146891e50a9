// Action plans (rencana aksi), their steps and the mentor's reviews as GraphQL types.
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum StepStatusEnum {
  TODO = 'TODO',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(StepStatusEnum, { name: 'ActionPlanStepStatus' });

export enum PlanStatusEnum {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(PlanStatusEnum, { name: 'ActionPlanStatus' });

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

  @Field(() => PlanStatusEnum)
  status!: PlanStatusEnum;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime)
  updatedAt!: Date;

  /** Resolved through loaders. */
  personId!: string;
  cohortId!: string;
}

export const ActionPlanConnection = connectionType(ActionPlanType, 'ActionPlan');
