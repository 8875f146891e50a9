// Programmes, modules, cohorts and enrollments: thin adapters over the caller's programme
// repository and the enrollment use case.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { enrollPerson } from '../../domain/enrollments/enrollPerson.js';
import { updateEnrollmentStatus } from '../../domain/enrollments/updateEnrollmentStatus.js';
import type { Cohort, Enrollment, Program } from '../../domain/programs/programRepository.js';
import { encodeCursor } from '../../lib/cursor.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson, toPersonType } from '../people/person.resolver.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CohortsArgs,
  CreateCohortInput,
  CreateModuleInput,
  CreateProgramInput,
  EnrollPersonInput,
  ProgramsArgs,
  UpdateCohortInput,
  UpdateEnrollmentStatusInput,
  UpdateProgramInput,
} from './program.input.js';
import {
  CohortConnection,
  CohortType,
  EnrollmentConnection,
  EnrollmentType,
  ModuleType,
  ProgramConnection,
  ProgramType,
} from './program.type.js';

const toProgramType = (program: Program) => program as unknown as ProgramType;
const toCohortType = (cohort: Cohort) => cohort as CohortType;
const toEnrollmentType = (enrollment: Enrollment) => enrollment as unknown as EnrollmentType;

@Resolver(() => ProgramType)
export class ProgramResolver {
  @Authorized()
  @Query(() => ProgramConnection, { description: "The tenant's programmes, by title." })
  async programs(@Args(() => ProgramsArgs) args: ProgramsArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().programs.listPrograms(pageOf(args), args.status);
    return toConnection(
      page,
      (program) => encodeCursor([program.title, program.id]),
      toProgramType,
    );
  }

  @Authorized()
  @Query(() => ProgramType, { nullable: true })
  async program(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    const program = await context.loaders.programById.load(id);
    return program ? toProgramType(program) : null;
  }

  @FieldResolver(() => [ModuleType], { description: 'In order of position.' })
  modules(@Root() program: ProgramType, @Ctx() context: GraphQLContext) {
    return context.loaders.modulesByProgramId.load(program.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => ProgramType)
  async createProgram(
    @Arg('input', () => CreateProgramInput) input: CreateProgramInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toProgramType(await context.domain().programs.createProgram(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => ProgramType)
  async updateProgram(
    @Arg('input', () => UpdateProgramInput) input: UpdateProgramInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toProgramType(await context.domain().programs.updateProgram(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ModuleType)
  createModule(
    @Arg('input', () => CreateModuleInput) input: CreateModuleInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().programs.createModule(input);
  }
}

@Resolver(() => CohortType)
export class CohortResolver {
  @Authorized()
  @Query(() => CohortConnection, {
    description:
      'Cohorts the caller may see (ADMIN, ANALYST: all; FACILITATOR: theirs; LEARNER: enrolled).',
  })
  async cohorts(@Args(() => CohortsArgs) args: CohortsArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().programs.listCohorts(args.programId, pageOf(args));
    return toConnection(
      page,
      (cohort) => encodeCursor([cohort.startDate, cohort.id]),
      toCohortType,
    );
  }

  @Authorized()
  @Query(() => CohortType, { nullable: true })
  async cohort(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(id);
    return cohort ? toCohortType(cohort) : null;
  }

  @FieldResolver(() => ProgramType)
  async program(@Root() cohort: CohortType, @Ctx() context: GraphQLContext) {
    const program = await context.loaders.programById.load(cohort.programId);
    if (program === undefined) throw new NotFoundError('the programme of this cohort is gone');
    return toProgramType(program);
  }

  @FieldResolver(() => [PersonType], { description: 'Widyaiswara running the cohort.' })
  async facilitators(@Root() cohort: CohortType, @Ctx() context: GraphQLContext) {
    const ids = await context.loaders.facilitatorIdsByCohortId.load(cohort.id);
    const people = await context.loaders.personById.loadMany(ids);
    return people.flatMap((person) =>
      person && !(person instanceof Error) ? [toPersonType(person)] : [],
    );
  }

  @FieldResolver(() => EnrollmentConnection)
  async enrollments(
    @Root() cohort: CohortType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.domain().programs.listEnrollments(cohort.id, pageOf(args));
    return toConnection(
      page,
      (enrollment) => encodeCursor([enrollment.enrolledAt.toISOString(), enrollment.id]),
      toEnrollmentType,
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => CohortType)
  async updateCohort(
    @Arg('input', () => UpdateCohortInput) input: UpdateCohortInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toCohortType(await context.domain().programs.updateCohort(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => CohortType)
  async createCohort(
    @Arg('input', () => CreateCohortInput) input: CreateCohortInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toCohortType(await context.domain().programs.createCohort(input));
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  @FieldResolver(() => PersonType, {
    nullable: true,
    description: 'Null when the caller may not see the person.',
  })
  async person(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, enrollment.personId);
  }

  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(enrollment.cohortId);
    return cohort ? toCohortType(cohort) : null;
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => EnrollmentType, {
    description: 'COMPLETED, FAILED and WITHDRAWN also record an xAPI statement.',
  })
  async updateEnrollmentStatus(
    @Arg('input', () => UpdateEnrollmentStatusInput) input: UpdateEnrollmentStatusInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, programs } = context.domain();
    return toEnrollmentType(await updateEnrollmentStatus(db, actor, programs, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => EnrollmentType, { description: 'Also records a "registered" xAPI statement.' })
  async enrollPerson(
    @Arg('input', () => EnrollPersonInput) input: EnrollPersonInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, programs } = context.domain();
    return toEnrollmentType(await enrollPerson(db, actor, programs, input));
  }
}
