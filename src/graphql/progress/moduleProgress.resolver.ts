// Module progress of an enrollment, and a facilitator marking a module complete: thin
// adapters over the caller's progress repository and loaders.
import { Arg, Authorized, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import {
  enrollmentStanding,
  isOverdue,
  moduleDueOn,
  moduleStatus,
  type ModuleProgressState,
} from '../../domain/progress/moduleProgress.js';
import type { Cohort, Module } from '../../domain/programs/programRepository.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import {
  CompleteModuleForEnrollmentsInput,
  CompleteModuleInput,
} from '../programs/program.input.js';
import { EnrollmentType, PhaseEnum, type ModuleType } from '../programs/program.type.js';
import { ModuleProgressType, type ModuleStatusEnum } from './moduleProgress.type.js';

function toProgressType(
  module: Module,
  cohort: Cohort,
  state: ModuleProgressState | undefined,
  today: string,
): ModuleProgressType {
  const dueOn = moduleDueOn(cohort.startDate, module.dueOffsetDays);
  return {
    module: module as unknown as ModuleType,
    status: moduleStatus(state) as ModuleStatusEnum,
    startedAt: state?.startedAt ?? null,
    completedAt: state?.completedAt ?? null,
    success: state?.success ?? null,
    bestScaledScore: state?.bestScaledScore ?? null,
    timeSpentSeconds: state?.timeSpentSeconds ?? 0,
    lastActivityAt: state?.lastActivityAt ?? null,
    dueOn,
    overdue: isOverdue(state, dueOn, today),
  };
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** From the same per-request loaders as moduleProgress: no query of its own. */
async function standingOf(enrollment: EnrollmentType, context: GraphQLContext) {
  const cohort = await context.loaders.cohortById.load(enrollment.cohortId);
  if (cohort === undefined) return enrollmentStanding([], () => undefined);
  const [modules, rows] = await Promise.all([
    context.loaders.modulesByProgramId.load(cohort.programId),
    context.loaders.progressByEnrollmentId.load(enrollment.id),
  ]);
  const byModule = new Map(rows.map((row) => [row.moduleId, row]));
  return enrollmentStanding(modules, (moduleId) => byModule.get(moduleId));
}

@Resolver(() => EnrollmentType)
export class EnrollmentProgressResolver {
  @FieldResolver(() => [ModuleProgressType], {
    description: 'One entry per module of the programme, in module order.',
  })
  async moduleProgress(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(enrollment.cohortId);
    if (cohort === undefined) return [];
    const [modules, rows] = await Promise.all([
      context.loaders.modulesByProgramId.load(cohort.programId),
      context.loaders.progressByEnrollmentId.load(enrollment.id),
    ]);
    const byModule = new Map(rows.map((row) => [row.moduleId, row]));
    const today = todayUtc();
    return modules.map((module) => toProgressType(module, cohort, byModule.get(module.id), today));
  }

  @FieldResolver(() => Float, {
    description:
      "Modules completed over the programme's modules, in percent (one decimal); 0 without modules.",
  })
  async percentComplete(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return (await standingOf(enrollment, context)).percentComplete;
  }

  @FieldResolver(() => PhaseEnum, {
    nullable: true,
    description:
      'The phase of the first module, in programme order, the learner has not completed; null once every module is.',
  })
  async currentPhase(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return (await standingOf(enrollment, context)).currentPhase as PhaseEnum | null;
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => [ModuleProgressType], {
    description:
      'Marks a module complete for learners of one cohort at once (at most 500), all or nothing; an xAPI "completed" each.',
  })
  async completeModuleForEnrollments(
    @Arg('input', () => CompleteModuleForEnrollmentsInput) input: CompleteModuleForEnrollmentsInput,
    @Ctx() context: GraphQLContext,
  ) {
    const rows = await context.domain().progress.completeModuleFor(input);
    const today = todayUtc();
    return Promise.all(
      rows.map(async (row) => {
        const enrollment = await context.loaders.enrollmentById.load(row.enrollmentId);
        const [module, cohort] = await Promise.all([
          context.loaders.moduleById.load(row.moduleId),
          context.loaders.cohortById.load(enrollment!.cohortId),
        ]);
        return toProgressType(module!, cohort!, row, today);
      }),
    );
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => ModuleProgressType, {
    description: 'A facilitator marks a module complete; also records an xAPI "completed".',
  })
  async completeModule(
    @Arg('input', () => CompleteModuleInput) input: CompleteModuleInput,
    @Ctx() context: GraphQLContext,
  ) {
    const row = await context.domain().progress.completeModule(input);
    const [module, enrollment] = await Promise.all([
      context.loaders.moduleById.load(row.moduleId),
      context.loaders.enrollmentById.load(row.enrollmentId),
    ]);
    const cohort = enrollment && (await context.loaders.cohortById.load(enrollment.cohortId));
    if (module === undefined || !cohort) throw new NotFoundError('the module or cohort is gone');
    return toProgressType(module, cohort, row, todayUtc());
  }
}
