// Action plans: thin adapters over the caller's action-plan repository.
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type {
  ActionPlan,
  ActionPlanReview,
  ActionPlanStep,
} from '../../domain/actionPlans/actionPlanRepository.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import {
  AddActionPlanStepInput,
  CreateActionPlanInput,
  ReviewActionPlanInput,
  UpdateActionPlanStepInput,
} from './actionPlan.input.js';
import { ActionPlanReviewType, ActionPlanStepType, ActionPlanType } from './actionPlan.type.js';

const toPlanType = (row: ActionPlan) => row as ActionPlanType;
const toStepType = (row: ActionPlanStep) => row as unknown as ActionPlanStepType;
const toReviewType = (row: ActionPlanReview) => row as ActionPlanReviewType;

@Resolver(() => PersonType)
export class PersonActionPlansResolver {
  @FieldResolver(() => [ActionPlanType], { description: 'As the caller may see them.' })
  async actionPlans(@Root() person: PersonType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.actionPlansByPersonId.load(person.id)).map(toPlanType);
  }
}

@Resolver(() => ActionPlanType)
export class ActionPlanResolver {
  @FieldResolver(() => [ActionPlanStepType])
  async steps(@Root() plan: ActionPlanType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.stepsByPlanId.load(plan.id)).map(toStepType);
  }

  @FieldResolver(() => [ActionPlanReviewType])
  async reviews(@Root() plan: ActionPlanType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.reviewsByPlanId.load(plan.id)).map(toReviewType);
  }

  @Authorized('LEARNER', 'ADMIN')
  @Mutation(() => ActionPlanType)
  async createActionPlan(
    @Arg('input', () => CreateActionPlanInput) input: CreateActionPlanInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toPlanType(await context.domain().actionPlans.createPlan(input));
  }

  @Authorized('LEARNER', 'ADMIN')
  @Mutation(() => ActionPlanStepType)
  async addActionPlanStep(
    @Arg('input', () => AddActionPlanStepInput) input: AddActionPlanStepInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toStepType(await context.domain().actionPlans.addStep(input));
  }

  @Authorized('LEARNER', 'ADMIN')
  @Mutation(() => ActionPlanStepType, {
    description: 'Also records an xAPI progressed/completed statement.',
  })
  async updateActionPlanStep(
    @Arg('input', () => UpdateActionPlanStepInput) input: UpdateActionPlanStepInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toStepType(await context.domain().actionPlans.updateStep(input));
  }

  @Authorized('MENTOR', 'FACILITATOR')
  @Mutation(() => ActionPlanReviewType)
  async reviewActionPlan(
    @Arg('input', () => ReviewActionPlanInput) input: ReviewActionPlanInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toReviewType(await context.domain().actionPlans.review(input));
  }
}

@Resolver(() => ActionPlanReviewType)
export class ActionPlanReviewResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  async reviewer(@Root() row: ActionPlanReviewType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.reviewerId);
  }
}
