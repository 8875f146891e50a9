// Action plans: thin adapters over the caller's action-plan repository.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import type {
  ActionPlan,
  ActionPlanReview,
  ActionPlanStep,
} from '../../domain/actionPlans/actionPlanRepository.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toCohortType } from '../programs/cohort.resolver.js';
import { CohortType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  AddActionPlanStepInput,
  CreateActionPlanInput,
  ReviewActionPlanInput,
  UpdateActionPlanInput,
  UpdateActionPlanStepInput,
} from './actionPlan.input.js';
import {
  ActionPlanConnection,
  ActionPlanReviewType,
  ActionPlanStepType,
  ActionPlanType,
} from './actionPlan.type.js';

const toPlanType = (row: ActionPlan) => row as ActionPlanType;
const toStepType = (row: ActionPlanStep) => row as unknown as ActionPlanStepType;
const toReviewType = (row: ActionPlanReview) => row as ActionPlanReviewType;

@Resolver(() => PersonType)
export class PersonActionPlansResolver {
  @FieldResolver(() => [ActionPlanType], {
    description: 'As the caller may see them (one per cohort: not paginated).',
  })
  async actionPlans(@Root() person: PersonType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.actionPlansByPersonId.load(person.id)).map(toPlanType);
  }
}

@Resolver(() => CohortType)
export class CohortActionPlansResolver {
  @FieldResolver(() => ActionPlanConnection, {
    description: "The learners' plans the caller may see, oldest first.",
  })
  async actionPlans(
    @Root() cohort: CohortType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.actionPlanPages.load({
      cohortId: cohort.id,
      ...pageOf(args),
    });
    return toConnection(page, toPlanType);
  }
}

@Resolver(() => ActionPlanType)
export class ActionPlanResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The learner.' })
  async person(@Root() plan: ActionPlanType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, plan.personId);
  }

  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() plan: ActionPlanType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(plan.cohortId);
    return cohort ? toCohortType(cohort) : null;
  }

  @FieldResolver(() => [ActionPlanStepType], { description: 'In order (a handful).' })
  async steps(@Root() plan: ActionPlanType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.stepsByPlanId.load(plan.id)).map(toStepType);
  }

  @FieldResolver(() => [ActionPlanReviewType], { description: 'Oldest first (a handful).' })
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
  @Mutation(() => ActionPlanType)
  async updateActionPlan(
    @Arg('input', () => UpdateActionPlanInput) input: UpdateActionPlanInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { planId, ...changes } = input;
    return toPlanType(await context.domain().actionPlans.updatePlan(planId, changes));
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
    description: 'A status given also records an xAPI progressed/completed statement.',
  })
  async updateActionPlanStep(
    @Arg('input', () => UpdateActionPlanStepInput) input: UpdateActionPlanStepInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { stepId, ...changes } = input;
    return toStepType(await context.domain().actionPlans.updateStep(stepId, changes));
  }

  @Authorized('LEARNER', 'ADMIN')
  @Mutation(() => ID, { description: 'Only a step not yet done; returns its id.' })
  deleteActionPlanStep(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().actionPlans.deleteStep(id);
  }

  @Authorized('MENTOR', 'FACILITATOR')
  @Mutation(() => ActionPlanReviewType, {
    description: 'A comment on the plan; with approve, the plan becomes APPROVED.',
  })
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
