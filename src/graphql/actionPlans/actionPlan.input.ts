// Inputs of the action-plan mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { PlanStatusEnum, StepStatusEnum } from './actionPlan.type.js';

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

@InputType({
  description: 'Fields left out stay as they are; a status given is recorded in the LRS.',
})
export class UpdateActionPlanStepInput {
  @Field(() => ID)
  stepId!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dueOn?: string | null;

  @Field(() => StepStatusEnum, { nullable: true })
  status?: StepStatusEnum;

  @Field(() => [String], { nullable: true, description: 'http(s) URLs; replaces the old.' })
  evidenceLinks?: string[];
}

@InputType({ description: 'Fields left out stay as they are; APPROVED is set by a review.' })
export class UpdateActionPlanInput {
  @Field(() => ID)
  planId!: string;

  @Field(() => String, { nullable: true })
  goal?: string;

  @Field(() => PlanStatusEnum, { nullable: true })
  status?: PlanStatusEnum;
}

@InputType()
export class ReviewActionPlanInput {
  @Field(() => ID)
  planId!: string;

  @Field(() => String)
  comment!: string;

  @Field(() => Boolean, { nullable: true, description: 'Also approve the plan (APPROVED).' })
  approve?: boolean | null;
}
