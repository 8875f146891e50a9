// Point rules, leaderboards, badges and the learner's own points as GraphQL types.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnrollmentType } from '../programs/program.type.js';
import { connectionType } from '../relay.js';

export enum PointRuleTargetEnum {
  MODULE = 'MODULE',
  ASSESSMENT = 'ASSESSMENT',
}
registerEnumType(PointRuleTargetEnum, {
  name: 'PointRuleTarget',
  description:
    'MODULE: the statement is about a module itself (not a part of it); ASSESSMENT: it is about an assessment (or an attempt at one).',
});

export enum PointRuleScopeEnum {
  PROGRAM = 'PROGRAM',
  TENANT = 'TENANT',
  DEFAULT = 'DEFAULT',
}
registerEnumType(PointRuleScopeEnum, {
  name: 'PointRuleScope',
  description:
    "Where rules in force come from: the programme's own, the tenant's, or the built-in defaults.",
});

export enum BadgeKindEnum {
  FIRST_MODULE = 'FIRST_MODULE',
  ALL_ONLINE_ON_TIME = 'ALL_ONLINE_ON_TIME',
  PERFECT_QUIZ = 'PERFECT_QUIZ',
}
registerEnumType(BadgeKindEnum, {
  name: 'BadgeKind',
  description:
    'FIRST_MODULE: a first module completed; ALL_ONLINE_ON_TIME: every online self-paced module completed by its due day; PERFECT_QUIZ: an assessment (not a survey) with a full score.',
});

@ObjectType('PointRule', {
  description:
    'Statements with this verb, and whatever else the rule names, earn its points: every matching rule scores.',
})
export class PointRuleType {
  @Field(() => ID)
  id!: string;

  @Field(() => PointRuleScopeEnum)
  scope!: PointRuleScopeEnum;

  @Field(() => ID, { nullable: true, description: 'The programme whose own rule it is.' })
  programId!: string | null;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => String)
  verbIri!: string;

  @Field(() => String, { nullable: true, description: "The object's activity type." })
  activityType!: string | null;

  @Field(() => String, { nullable: true, description: "The start of the object's IRI." })
  iriPrefix!: string | null;

  @Field(() => PointRuleTargetEnum, { nullable: true })
  target!: PointRuleTargetEnum | null;

  @Field(() => Boolean, { nullable: true, description: 'The result must be a pass (or a fail).' })
  success!: boolean | null;

  @Field(() => Float, { nullable: true, description: 'The scaled score must be at least this.' })
  minScaledScore!: number | null;

  @Field(() => Boolean, {
    description: 'Scores once per enrollment and activity (assessment, module, else object IRI).',
  })
  oncePerActivity!: boolean;

  @Field(() => Int)
  points!: number;
}

@ObjectType('PointRulesChange')
export class PointRulesChangeType {
  @Field(() => ID, { nullable: true })
  programId!: string | null;

  @Field(() => PointRuleScopeEnum, { description: 'Where the rules now in force come from.' })
  scope!: PointRuleScopeEnum;

  @Field(() => Int, { description: 'How many rules are now in force.' })
  rules!: number;

  @Field(() => Int, { description: 'Enrollments whose points were worked out again.' })
  rescoredEnrollments!: number;
}

@ObjectType('Badge')
export class BadgeType {
  @Field(() => BadgeKindEnum)
  kind!: BadgeKindEnum;

  @Field(() => GraphQLDateTime)
  earnedAt!: Date;
}

@ObjectType('LeaderboardEntry')
export class LeaderboardEntryType {
  @Field(() => Int, {
    description:
      'By points, then who reached them first, then enrollment id: 1, 2, 3… without ties.',
  })
  rank!: number;

  @Field(() => Int)
  points!: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the learner reached their points.',
  })
  reachedAt!: Date | null;

  /** Resolved through loaders. */
  enrollmentId!: string;
  personId!: string;
}

@ObjectType('EnrollmentPoints', { description: "One of the caller's own enrollments." })
export class EnrollmentPointsType {
  @Field(() => Int)
  points!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The rank in the cohort's leaderboard; null when opted out or withdrawn.",
  })
  rank!: number | null;

  @Field(() => [BadgeType])
  badges!: BadgeType[];

  @Field(() => EnrollmentType)
  enrollment!: EnrollmentType;
}

@ObjectType('LeaderboardPreference')
export class LeaderboardPreferenceType {
  @Field(() => Boolean, { description: 'Left off every leaderboard (points are still kept).' })
  optedOut!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  optedOutAt!: Date | null;
}

export const PointRuleConnection = connectionType(PointRuleType, 'PointRule');
export const LeaderboardEntryConnection = connectionType(LeaderboardEntryType, 'LeaderboardEntry');
export const EnrollmentPointsConnection = connectionType(EnrollmentPointsType, 'EnrollmentPoints');
