// Cohorts (angkatan): thin adapters over the caller's programme repository (reads) and the
// cohort administration (writes).
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
import type { Cohort } from '../../domain/programs/programRepository.js';
import { presentOnly } from '../../lib/definedOnly.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { toPersonType } from '../people/person.resolver.js';
import { pageOf, toConnection } from '../relay.js';
import { toEnrollmentType } from './enrollment.resolver.js';
import { toProgramType } from './program.resolver.js';
import {
  CohortsArgs,
  CreateCohortInput,
  EnrollmentsArgs,
  UpdateCohortInput,
} from './program.input.js';
import { CohortConnection, CohortType, EnrollmentConnection, ProgramType } from './program.type.js';

export const toCohortType = (cohort: Cohort) => cohort as CohortType;

@Resolver(() => CohortType)
export class CohortResolver {
  @Authorized()
  @Query(() => CohortConnection, {
    description:
      'Cohorts the caller may see (ADMIN, ANALYST: all; FACILITATOR: theirs; LEARNER: enrolled; MENTOR: their mentees’), by start date unless told.',
  })
  async cohorts(@Args(() => CohortsArgs) args: CohortsArgs, @Ctx() context: GraphQLContext) {
    const page = await context
      .domain()
      .programs.listCohorts(
        presentOnly({ programId: args.programId, runningOn: args.runningOn }),
        args.orderBy ?? { field: 'START_DATE', direction: 'ASC' },
        pageOf(args),
      );
    return toConnection(page, toCohortType);
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

  @FieldResolver(() => [PersonType], {
    description: 'Widyaiswara running the cohort (a handful: not paginated).',
  })
  async facilitators(@Root() cohort: CohortType, @Ctx() context: GraphQLContext) {
    const ids = await context.loaders.facilitatorIdsByCohortId.load(cohort.id);
    const people = await context.loaders.personById.loadMany(ids);
    return people.flatMap((person) =>
      person && !(person instanceof Error) ? [toPersonType(person)] : [],
    );
  }

  @FieldResolver(() => EnrollmentConnection, { description: 'In enrollment order.' })
  async enrollments(
    @Root() cohort: CohortType,
    @Args(() => EnrollmentsArgs) args: EnrollmentsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.enrollmentPages.load({
      cohortId: cohort.id,
      ...presentOnly({ status: args.status }),
      ...pageOf(args),
    });
    return toConnection(page, toEnrollmentType);
  }

  @Authorized('ADMIN')
  @Mutation(() => CohortType)
  async createCohort(
    @Arg('input', () => CreateCohortInput) input: CreateCohortInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toCohortType(await context.domain().cohortAdministration.createCohort(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => CohortType)
  async updateCohort(
    @Arg('input', () => UpdateCohortInput) input: UpdateCohortInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toCohortType(await context.domain().cohortAdministration.updateCohort(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, {
    description:
      'Only a cohort without enrollments, sessions or mentor assignments; returns its id.',
  })
  deleteCohort(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().cohortAdministration.deleteCohort(id);
  }
}
