// Analytics for facilitators and management: thin adapters over the caller's analytics
// (cohort dashboards and at-risk learners, learner records, programme evaluation, the
// competency map and the participation trend) and the settings they read.
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
import type { RiskReason } from '../../domain/analytics/atRisk.js';
import type { CohortDashboard } from '../../domain/analytics/cohortAnalytics.js';
import type { OutcomeIndicator } from '../../domain/analytics/programEvaluation.js';
import { NotFoundError } from '../../lib/errors.js';
import { OrgUnitType } from '../agencies/agency.type.js';
import { AssessmentType } from '../assessments/assessment.type.js';
import { CompetencyType } from '../competencies/competency.type.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toCohortType } from '../programs/cohort.resolver.js';
import { toEnrollmentType } from '../programs/enrollment.resolver.js';
import { toProgramType } from '../programs/program.resolver.js';
import {
  CohortType,
  EnrollmentType,
  ModuleType,
  ProgramType,
  type EnrollmentStatusEnum,
} from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  AtRiskArgs,
  CreateOutcomeIndicatorInput,
  SetJpTargetInput,
  TrendArgs,
  UpdateOutcomeIndicatorInput,
} from './analytics.input.js';
import {
  AtRiskLearnerConnection,
  AtRiskLearnerType,
  CohortDashboardType,
  CompetencyMapCellType,
  EvaluationType,
  JpTargetType,
  JpYearType,
  LearnerRecordType,
  ModuleFiguresType,
  OutcomeIndicatorType,
  ParticipationPointType,
  ReactionFigureType,
  RiskReasonType,
  TimelineEntryConnection,
  type BetterDirectionEnum,
  type RiskKindEnum,
} from './analytics.type.js';

function toDashboardType(dashboard: CohortDashboard): CohortDashboardType {
  return {
    ...dashboard,
    cohortId: dashboard.cohort.id,
    byStatus: dashboard.byStatus.map((entry) => ({
      status: entry.status as EnrollmentStatusEnum,
      count: entry.count,
    })),
    modules: dashboard.modules.map((figures) => ({ ...figures, moduleId: figures.module.id })),
  };
}

function toReasonType(reason: RiskReason): RiskReasonType {
  return {
    kind: reason.kind as RiskKindEnum,
    moduleIds: 'moduleIds' in reason ? reason.moduleIds : [],
    lowestScaledScore: reason.kind === 'LOW_SCORE' ? reason.lowestScaledScore : null,
    daysInactive: reason.kind === 'INACTIVE' ? reason.daysInactive : null,
    lastActivityAt: reason.kind === 'INACTIVE' ? reason.lastActivityAt : null,
  };
}

const toIndicatorType = (
  indicator: OutcomeIndicator & { change?: number | null; improved?: boolean | null },
) =>
  ({
    ...indicator,
    better: indicator.better as BetterDirectionEnum,
    change:
      indicator.change ??
      (indicator.followUpValue === null ? null : indicator.followUpValue - indicator.baselineValue),
    improved:
      indicator.improved ??
      (indicator.followUpValue === null
        ? null
        : indicator.better === 'LOWER'
          ? indicator.followUpValue < indicator.baselineValue
          : indicator.followUpValue > indicator.baselineValue),
  }) as OutcomeIndicatorType;

async function loadModules(context: GraphQLContext, ids: string[]) {
  const modules = await context.loaders.moduleById.loadMany(ids);
  return modules.flatMap((module) => (module && !(module instanceof Error) ? [module] : []));
}

@Resolver(() => CohortDashboardType)
export class CohortDashboardResolver {
  @Authorized('ADMIN', 'ANALYST', 'FACILITATOR')
  @Query(() => CohortDashboardType, {
    description: 'A cohort at a glance (ADMIN, ANALYST, and the facilitators of the cohort).',
  })
  async cohortDashboard(
    @Arg('cohortId', () => ID) cohortId: string,
    @Ctx() context: GraphQLContext,
  ) {
    return toDashboardType(await context.domain().cohortAnalytics.dashboard(cohortId));
  }

  @Authorized('ADMIN', 'ANALYST', 'FACILITATOR')
  @Query(() => AtRiskLearnerConnection, {
    description:
      "The cohort's learners at risk, each with its reasons, in enrollment order (thresholds per programme).",
  })
  async atRiskLearners(@Args(() => AtRiskArgs) args: AtRiskArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().cohortAnalytics.atRiskLearners(args.cohortId, pageOf(args));
    return toConnection(page, (entry) => ({
      reasons: entry.reasons.map(toReasonType),
      enrollmentId: entry.enrollment.id,
      personId: entry.enrollment.personId,
    }));
  }

  @FieldResolver(() => CohortType)
  async cohort(@Root() dashboard: CohortDashboardType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(dashboard.cohortId);
    if (cohort === undefined) throw new NotFoundError('the cohort is gone');
    return toCohortType(cohort);
  }
}

@Resolver(() => ModuleFiguresType)
export class ModuleFiguresResolver {
  @FieldResolver(() => ModuleType)
  async module(@Root() figures: ModuleFiguresType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.moduleById.load(figures.moduleId))!;
  }
}

@Resolver(() => AtRiskLearnerType)
export class AtRiskLearnerResolver {
  @FieldResolver(() => EnrollmentType)
  async enrollment(@Root() entry: AtRiskLearnerType, @Ctx() context: GraphQLContext) {
    return toEnrollmentType((await context.loaders.enrollmentById.load(entry.enrollmentId))!);
  }

  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() entry: AtRiskLearnerType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, entry.personId);
  }
}

@Resolver(() => RiskReasonType)
export class RiskReasonResolver {
  @FieldResolver(() => [ModuleType], { description: 'The modules behind, or scored low.' })
  modules(@Root() reason: RiskReasonType, @Ctx() context: GraphQLContext) {
    return loadModules(context, reason.moduleIds);
  }
}

@Resolver(() => LearnerRecordType)
export class LearnerRecordResolver {
  @Authorized()
  @Query(() => LearnerRecordType, {
    description:
      "A person's learning record: ADMIN, ANALYST, the person, their cohorts' facilitators and their mentors.",
  })
  async learnerRecord(@Arg('personId', () => ID) personId: string, @Ctx() context: GraphQLContext) {
    // Checks the caller may read it now, so a refusal is the query's, not each field's.
    await context.domain().learnerRecords.timeline(personId, { first: 1 });
    return { personId: personId.toLowerCase() };
  }

  @FieldResolver(() => PersonType, { nullable: true })
  person(@Root() record: LearnerRecordType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, record.personId);
  }

  @FieldResolver(() => TimelineEntryConnection, { description: 'Newest first.' })
  async timeline(
    @Root() record: LearnerRecordType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.domain().learnerRecords.timeline(record.personId, pageOf(args));
    return toConnection(page, (entry) => ({
      ...entry,
      verb: entry.verbIri,
      scaledScore: entry.scaled,
      statement: entry.statement,
    }));
  }

  @FieldResolver(() => [JpYearType], {
    description: 'The years asked for, else every year with learning and the current one.',
  })
  jpLedger(
    @Root() record: LearnerRecordType,
    @Arg('years', () => [Int], { nullable: true }) years: number[] | null,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().learnerRecords.jpLedger(record.personId, years ?? undefined);
  }
}

@Resolver(() => EvaluationType)
export class EvaluationResolver {
  @Authorized('ADMIN', 'ANALYST', 'FACILITATOR')
  @Query(() => EvaluationType, {
    description: "A programme's evaluation, Kirkpatrick L1–L4 (ADMIN, ANALYST, its facilitators).",
  })
  async evaluation(@Arg('programId', () => ID) programId: string, @Ctx() context: GraphQLContext) {
    const evaluation = await context.domain().evaluation.evaluate(programId);
    return {
      ...evaluation,
      programId: evaluation.program.id,
      reaction: evaluation.reaction.map((entry) => ({
        responses: entry.responses,
        averageScaledScore: entry.averageScaledScore,
        assessmentId: entry.assessment.id,
      })),
      results: evaluation.results.map(toIndicatorType),
    };
  }

  @FieldResolver(() => ProgramType)
  async program(@Root() evaluation: EvaluationType, @Ctx() context: GraphQLContext) {
    return toProgramType((await context.loaders.programById.load(evaluation.programId))!);
  }

  @Authorized('ADMIN')
  @Mutation(() => OutcomeIndicatorType)
  async createOutcomeIndicator(
    @Arg('input', () => CreateOutcomeIndicatorInput) input: CreateOutcomeIndicatorInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toIndicatorType(await context.domain().evaluation.createIndicator(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => OutcomeIndicatorType, { description: 'Records the follow-up, or corrects.' })
  async updateOutcomeIndicator(
    @Arg('input', () => UpdateOutcomeIndicatorInput) input: UpdateOutcomeIndicatorInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toIndicatorType(await context.domain().evaluation.updateIndicator(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, { description: 'Returns the id of the indicator deleted.' })
  deleteOutcomeIndicator(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().evaluation.deleteIndicator(id);
  }
}

@Resolver(() => ReactionFigureType)
export class ReactionFigureResolver {
  @FieldResolver(() => AssessmentType)
  async assessment(@Root() figure: ReactionFigureType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.assessmentById.load(
      figure.assessmentId,
    ))! as unknown as AssessmentType;
  }
}

@Resolver(() => OutcomeIndicatorType)
export class OutcomeIndicatorResolver {
  @FieldResolver(() => OrgUnitType, { nullable: true })
  async orgUnit(@Root() indicator: OutcomeIndicatorType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.orgUnitById.load(indicator.orgUnitId)) ?? null;
  }
}

@Resolver(() => CompetencyMapCellType)
export class CompetencyMapResolver {
  @Authorized('ADMIN', 'ANALYST')
  @Query(() => [CompetencyMapCellType], {
    description:
      'Per competency and org unit (this one and the units under it): people whose latest TNA finds a gap still open, or closed. One entry per competency and unit with people assessed.',
  })
  competencyMap(@Arg('orgUnitId', () => ID) orgUnitId: string, @Ctx() context: GraphQLContext) {
    return context.domain().tenantAnalytics.competencyMap(orgUnitId);
  }

  @FieldResolver(() => CompetencyType, { nullable: true })
  async competency(@Root() cell: CompetencyMapCellType, @Ctx() context: GraphQLContext) {
    return ((await context.loaders.competencyById.load(cell.competencyId)) ??
      null) as CompetencyType | null;
  }

  @FieldResolver(() => OrgUnitType, { nullable: true })
  async orgUnit(@Root() cell: CompetencyMapCellType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.orgUnitById.load(cell.orgUnitId)) ?? null;
  }
}

@Resolver(() => ParticipationPointType)
export class ParticipationResolver {
  @Authorized('ADMIN', 'ANALYST')
  @Query(() => [ParticipationPointType], {
    description: 'Learners taking part and their statements per day or week (at most 731 days).',
  })
  participationTrend(@Args(() => TrendArgs) args: TrendArgs, @Ctx() context: GraphQLContext) {
    return context.domain().tenantAnalytics.participationTrend(args);
  }

  @Authorized('ADMIN')
  @Mutation(() => JpTargetType, { description: 'The JP target of a year and the minutes of a JP.' })
  setJpTarget(
    @Arg('input', () => SetJpTargetInput) input: SetJpTargetInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().learnerRecords.setJpTarget(input);
  }
}
