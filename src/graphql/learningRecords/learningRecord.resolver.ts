// Learning records kept from statements: thin adapters over the caller's learning-record
// repository and loaders.
import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { EnrollmentType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  EnrollmentActivityType,
  UnknownActorConnection,
  UnknownActorType,
} from './learningRecord.type.js';

@Resolver(() => EnrollmentType)
export class EnrollmentActivityResolver {
  @FieldResolver(() => EnrollmentActivityType, {
    description: "The learner's statements in this cohort, counted as they arrive.",
  })
  async activity(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return (
      (await context.loaders.activityByEnrollmentId.load(enrollment.id)) ?? {
        statements: 0,
        forumPosts: 0,
        forumReplies: 0,
        timeSpentSeconds: 0,
        lastActivityAt: null,
      }
    );
  }
}

@Resolver(() => UnknownActorType)
export class UnknownActorResolver {
  @Authorized('ADMIN', 'ANALYST')
  @Query(() => UnknownActorConnection, {
    description: 'Actors of stored statements that no person of the tenant has yet.',
  })
  async unknownActors(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    return toConnection(
      await context.domain().learningRecords.unknownActors(pageOf(args)),
      (actor) => actor,
    );
  }
}
