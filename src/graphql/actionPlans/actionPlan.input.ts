// Inputs of the action-plan mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { StepStatusEnum } from './actionPlan.type.js';

@InputType()
export class CreateActionPlanInput {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => ID, { nullable: true, description: 'ADMIN only; a learner writes their own.' })
  personId?: string | null;

  @Field(() => String)
  goal!: string;
}

@InputType()
export class AddActionPlanStepInput {
  @Field(() => ID)
  planId!: string;

  @Field(() => String)
  description!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dueOn?: string | null;
}

@InputType()
export class UpdateActionPlanStepInput {
  @Field(() => ID)
  stepId!: string;

  @Field(() => StepStatusEnum)
  status!: StepStatusEnum;

  @Field(() => [String], { nullable: true })
  evidenceLinks?: string[];
}

@InputType()
export class ReviewActionPlanInput {
  @Field(() => ID)
  planId!: string;

  @Field(() => String)
  comment!: string;
}
