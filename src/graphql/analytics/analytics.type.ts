// Dashboards, at-risk learners, learner records, evaluation and trends as GraphQL types.
import { GraphQLDateTime, GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnrollmentStatusEnum } from '../programs/program.type.js';
import { connectionType } from '../relay.js';

export enum RiskKindEnum {
  BEHIND_ON_DUE_MODULES = 'BEHIND_ON_DUE_MODULES',
  LOW_SCORE = 'LOW_SCORE',
  INACTIVE = 'INACTIVE',
}
registerEnumType(RiskKindEnum, {
  name: 'RiskKind',
  description:
    "Modules past their due day not completed; a best score under the programme's threshold; no activity for the programme's number of days.",
});

export enum TrendIntervalEnum {
  DAY = 'DAY',
  WEEK = 'WEEK',
}
registerEnumType(TrendIntervalEnum, { name: 'TrendInterval' });

export enum BetterDirectionEnum {
  LOWER = 'LOWER',
  HIGHER = 'HIGHER',
}
registerEnumType(BetterDirectionEnum, { name: 'BetterDirection' });

@ObjectType('EnrollmentStatusCount')
export class EnrollmentStatusCountType {
  @Field(() => EnrollmentStatusEnum)
  status!: EnrollmentStatusEnum;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ModuleFigures', { description: "A module's figures in one cohort." })
export class ModuleFiguresType {
  @Field(() => Int, { description: 'Learners who started it.' })
  started!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Completed over the learners counted (all but the withdrawn).',
  })
  completionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The median of learners' best scaled scores (0..1), among those scored.",
  })
  medianScaledScore!: number | null;

  @Field(() => [Int], {
    description: "Learners' best scaled scores in ten bands: [0, 0.1), [0.1, 0.2) … [0.9, 1].",
  })
  scoreBands!: number[];

  @Field(() => Float, { nullable: true })
  averageTimeSpentSeconds!: number | null;

  moduleId!: string;
}

@ObjectType('CohortDashboard', {
  description:
    "A cohort's figures, read from progress kept as statements arrive. Forum activity per learner: Cohort.enrollments { activity }.",
})
export class CohortDashboardType {
  @Field(() => Int)
  enrolled!: number;

  @Field(() => [EnrollmentStatusCountType])
  byStatus!: EnrollmentStatusCountType[];

  @Field(() => [ModuleFiguresType], { description: 'In module order.' })
  modules!: ModuleFiguresType[];

  @Field(() => Int)
  forumPosts!: number;

  @Field(() => Int)
  forumReplies!: number;

  @Field(() => Int, { description: 'Learners with at least one post or reply.' })
  learnersInForums!: number;

  @Field(() => Int, { description: 'Sessions that have started.' })
  sessionsHeld!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'PRESENT or LATE records over sessions held × learners counted; null before any session.',
  })
  attendanceRate!: number | null;

  @Field(() => Int)
  checkInsHeld!: number;

  @Field(() => Int, {
    description:
      "Check-ins due by today: one per programme interval from each assignment's start to its end.",
  })
  checkInsPlanned!: number;

  @Field(() => Int)
  actionPlanStepsDone!: number;

  @Field(() => Int)
  actionPlanSteps!: number;

  @Field(() => Int, { description: 'Learners at risk (see atRiskLearners).' })
  atRisk!: number;

  cohortId!: string;
}

@ObjectType('RiskReason')
export class RiskReasonType {
  @Field(() => RiskKindEnum)
  kind!: RiskKindEnum;

  @Field(() => Float, { nullable: true, description: 'LOW_SCORE: the lowest best score.' })
  lowestScaledScore!: number | null;

  @Field(() => Int, { nullable: true, description: 'INACTIVE: days since the last activity.' })
  daysInactive!: number | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastActivityAt!: Date | null;

  moduleIds!: string[];
}

@ObjectType('AtRiskLearner')
export class AtRiskLearnerType {
  @Field(() => [RiskReasonType])
  reasons!: RiskReasonType[];

  enrollmentId!: string;
  personId!: string;
}

@ObjectType('TimelineEntry', { description: 'A statement of the person, as resolved.' })
export class TimelineEntryType {
  @Field(() => ID)
  statementId!: string;

  @Field(() => String)
  verb!: string;

  @Field(() => GraphQLDateTime)
  occurredAt!: Date;

  @Field(() => Boolean, { description: 'The learner took part (not an absence, a registration…).' })
  takesPart!: boolean;

  @Field(() => Float, { nullable: true })
  scaledScore!: number | null;

  @Field(() => Boolean, { nullable: true })
  success!: boolean | null;

  @Field(() => Int)
  durationSeconds!: number;

  @Field(() => GraphQLJSONObject, { description: 'The statement as the LRS serves it.' })
  statement!: Record<string, unknown>;

  moduleId!: string | null;
  enrollmentId!: string | null;
}

@ObjectType('JpYear', { description: 'Learning hours (JP) in a year, against the target.' })
export class JpYearType {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'From programmes completed in the year.' })
  programmeMinutes!: number;

  @Field(() => Int, { description: 'From learning outside programmes (durations reported).' })
  otherMinutes!: number;

  @Field(() => Int)
  minutes!: number;

  @Field(() => Float)
  jp!: number;

  @Field(() => Int)
  targetJp!: number;

  @Field(() => Int)
  minutesPerJp!: number;

  @Field(() => Float, { description: 'The target times the share of the year gone by.' })
  expectedJpSoFar!: number;

  @Field(() => Boolean)
  onTrack!: boolean;
}

@ObjectType('LearnerRecord')
export class LearnerRecordType {
  personId!: string;
}

@ObjectType('JpTarget')
export class JpTargetType {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  targetJp!: number;

  @Field(() => Int)
  minutesPerJp!: number;
}

@ObjectType('CompetencyMapCell', {
  description: 'People of one org unit by their latest TNA of one competency.',
})
export class CompetencyMapCellType {
  @Field(() => Int, { description: 'Whose latest assessment still finds a gap.' })
  open!: number;

  @Field(() => Int)
  closed!: number;

  competencyId!: string;
  orgUnitId!: string;
}

@ObjectType('ParticipationPoint')
export class ParticipationPointType {
  @Field(() => GraphQLLocalDate, { description: 'The day, or the Monday starting the week.' })
  start!: string;

  @Field(() => Int, { description: 'Learners who took part (a person, or an unknown actor).' })
  learners!: number;

  @Field(() => Int)
  statements!: number;
}

@ObjectType('OutcomeIndicator', {
  description:
    'An organisational result measured in an org unit before and after (Kirkpatrick L4).',
})
export class OutcomeIndicatorType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => BetterDirectionEnum)
  better!: BetterDirectionEnum;

  @Field(() => Float)
  baselineValue!: number;

  @Field(() => GraphQLLocalDate)
  baselineOn!: string;

  @Field(() => Float, { nullable: true })
  followUpValue!: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  followUpOn!: string | null;

  @Field(() => Float, { nullable: true, description: 'followUpValue − baselineValue.' })
  change!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'The change goes the better way.' })
  improved!: boolean | null;

  orgUnitId!: string;
  programId!: string;
}

@ObjectType('ReactionFigure', { description: 'L1: a reaction survey of the programme.' })
export class ReactionFigureType {
  @Field(() => Int)
  responses!: number;

  @Field(() => Float, { nullable: true, description: "Learners' scores, scaled 0..1, averaged." })
  averageScaledScore!: number | null;

  assessmentId!: string;
}

@ObjectType('LearningGain', {
  description: 'L2: learners who took both a pre-test and a post-test.',
})
export class LearningGainType {
  @Field(() => Int)
  learners!: number;

  @Field(() => Float, { nullable: true })
  averagePreScaled!: number | null;

  @Field(() => Float, { nullable: true })
  averagePostScaled!: number | null;

  @Field(() => Float, { nullable: true, description: 'The average of each learner’s gain.' })
  averageGain!: number | null;
}

@ObjectType('BehaviourFigures', { description: 'L3: application at work.' })
export class BehaviourFiguresType {
  @Field(() => Int, { description: 'Check-ins with a mentor’s rating.' })
  ratings!: number;

  @Field(() => Float, { nullable: true, description: 'Mentors’ ratings (1–5), averaged.' })
  averageRating!: number | null;

  @Field(() => Int)
  actionPlanSteps!: number;

  @Field(() => Int)
  actionPlanStepsDone!: number;
}

@ObjectType('Evaluation', { description: "A programme's evaluation on Kirkpatrick's four levels." })
export class EvaluationType {
  @Field(() => [ReactionFigureType])
  reaction!: ReactionFigureType[];

  @Field(() => LearningGainType)
  learning!: LearningGainType;

  @Field(() => BehaviourFiguresType)
  behaviour!: BehaviourFiguresType;

  @Field(() => [OutcomeIndicatorType], { description: 'L4, by name.' })
  results!: OutcomeIndicatorType[];

  programId!: string;
}

export const AtRiskLearnerConnection = connectionType(AtRiskLearnerType, 'AtRiskLearner');
export const TimelineEntryConnection = connectionType(TimelineEntryType, 'TimelineEntry');
