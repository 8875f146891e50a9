// Gamification: thin adapters over the caller's gamification (point rules, leaderboards,
// points and badges of enrollments, the caller's own points and leaderboard opt-out).
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Badge } from '../../domain/gamification/badges.js';
import type {
  EffectivePointRule,
  LeaderboardEntry,
  PointRulesChange,
} from '../../domain/gamification/gamificationRepository.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toEnrollmentType } from '../programs/enrollment.resolver.js';
import { EnrollmentType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CohortLeaderboardArgs,
  PointRuleInput,
  PointRulesArgs,
  ProgramLeaderboardArgs,
} from './gamification.input.js';
import {
  BadgeType,
  EnrollmentPointsConnection,
  EnrollmentPointsType,
  LeaderboardEntryConnection,
  LeaderboardEntryType,
  LeaderboardPreferenceType,
  PointRuleConnection,
  PointRuleType,
  PointRulesChangeType,
  type BadgeKindEnum,
  type PointRuleScopeEnum,
  type PointRuleTargetEnum,
} from './gamification.type.js';

const toRuleType = (rule: EffectivePointRule) => ({
  ...rule,
  scope: rule.scope as PointRuleScopeEnum,
  target: rule.target as PointRuleTargetEnum | null,
});

const toChangeType = (change: PointRulesChange): PointRulesChangeType => ({
  ...change,
  scope: change.scope as PointRuleScopeEnum,
});

const toEntryType = (entry: LeaderboardEntry): LeaderboardEntryType => ({ ...entry });

const toBadgeType = (badge: Badge): BadgeType => ({
  kind: badge.kind as BadgeKindEnum,
  earnedAt: badge.earnedAt,
});

async function loadEnrollment(context: GraphQLContext, id: string) {
  const enrollment = await context.loaders.enrollmentById.load(id);
  if (enrollment === undefined) throw new NotFoundError('the enrollment is gone');
  return toEnrollmentType(enrollment);
}

async function loadBadges(context: GraphQLContext, enrollmentId: string) {
  return (await context.loaders.badgesByEnrollmentId.load(enrollmentId)).map(toBadgeType);
}

@Resolver(() => PointRuleType)
export class PointRuleResolver {
  @Authorized()
  @Query(() => PointRuleConnection, {
    description:
      "The rules a programme scores by (its own, else the tenant's, else the defaults), in order; without programId, the tenant's.",
  })
  async pointRules(
    @Args(() => PointRulesArgs) args: PointRulesArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .gamification.pointRules(args.programId ?? null, pageOf(args));
    return toConnection(page, toRuleType);
  }

  @Authorized('ADMIN')
  @Mutation(() => PointRulesChangeType, {
    description:
      "Replaces a programme's rules (or, without programId, the tenant's) and works out again the points of every enrollment scoring by them. An empty list scores nothing.",
  })
  async setPointRules(
    @Arg('programId', () => ID, { nullable: true }) programId: string | null,
    @Arg('rules', () => [PointRuleInput]) rules: PointRuleInput[],
    @Ctx() context: GraphQLContext,
  ) {
    return toChangeType(
      await context.domain().gamification.setPointRules(programId ?? null, rules),
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => PointRulesChangeType, {
    description:
      "A programme scores by the tenant's rules again (without programId: the tenant by the defaults); points are worked out again.",
  })
  async resetPointRules(
    @Arg('programId', () => ID, { nullable: true }) programId: string | null,
    @Ctx() context: GraphQLContext,
  ) {
    return toChangeType(await context.domain().gamification.resetPointRules(programId ?? null));
  }
}

@Resolver(() => LeaderboardEntryType)
export class LeaderboardEntryResolver {
  @Authorized('ADMIN', 'ANALYST', 'FACILITATOR')
  @Query(() => LeaderboardEntryConnection, {
    description:
      "A cohort's learners by points (ADMIN, ANALYST, the cohort's facilitators), optionally of one OPD; learners who opted out and withdrawn ones are left out.",
  })
  async cohortLeaderboard(
    @Args(() => CohortLeaderboardArgs) args: CohortLeaderboardArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .gamification.cohortLeaderboard(args.cohortId, args.orgUnitId, pageOf(args));
    return toConnection(page, toEntryType);
  }

  @Authorized('ADMIN', 'ANALYST')
  @Query(() => LeaderboardEntryConnection, {
    description:
      "A programme's learners across its cohorts by points (ADMIN, ANALYST), optionally of one OPD.",
  })
  async programLeaderboard(
    @Args(() => ProgramLeaderboardArgs) args: ProgramLeaderboardArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .gamification.programLeaderboard(args.programId, args.orgUnitId, pageOf(args));
    return toConnection(page, toEntryType);
  }

  @FieldResolver(() => EnrollmentType)
  enrollment(@Root() entry: LeaderboardEntryType, @Ctx() context: GraphQLContext) {
    return loadEnrollment(context, entry.enrollmentId);
  }

  @FieldResolver(() => PersonType, { nullable: true })
  person(@Root() entry: LeaderboardEntryType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, entry.personId);
  }

  @FieldResolver(() => [BadgeType])
  badges(@Root() entry: LeaderboardEntryType, @Ctx() context: GraphQLContext) {
    return loadBadges(context, entry.enrollmentId);
  }
}

@Resolver(() => EnrollmentPointsType)
export class MyPointsResolver {
  @Authorized()
  @Query(() => EnrollmentPointsConnection, {
    description:
      "The caller's own enrollments, newest first, with points, badges and rank (also while opted out of leaderboards, without the rank).",
  })
  async myPoints(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().gamification.myPoints(pageOf(args));
    return toConnection(page, (item) => ({
      points: item.points,
      rank: item.rank,
      badges: item.badges.map(toBadgeType),
      enrollment: toEnrollmentType(item.enrollment),
    }));
  }

  @Authorized()
  @Query(() => LeaderboardPreferenceType, {
    description: 'Whether the caller left leaderboards.',
  })
  myLeaderboardPreference(@Ctx() context: GraphQLContext) {
    return context.domain().gamification.leaderboardPreference();
  }

  @Authorized()
  @Mutation(() => LeaderboardPreferenceType, {
    description:
      'The caller leaves every leaderboard (optedOut: true) or comes back (false). Their points and badges are kept and stay visible to them.',
  })
  setLeaderboardOptOut(
    @Arg('optedOut', () => Boolean) optedOut: boolean,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().gamification.setLeaderboardOptOut(optedOut);
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentPointsResolver {
  @FieldResolver(() => Int, { description: 'Points earned in this enrollment.' })
  async points(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return context.loaders.pointsByEnrollmentId.load(enrollment.id);
  }

  @FieldResolver(() => [BadgeType], { description: 'Badges earned in this enrollment.' })
  badges(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return loadBadges(context, enrollment.id);
  }
}
