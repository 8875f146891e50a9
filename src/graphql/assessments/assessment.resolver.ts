// Assessments and results: thin adapters over the caller's assessment repository.
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
  Assessment,
  AssessmentResult,
} from '../../domain/assessments/assessmentRepository.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toCohortType } from '../programs/cohort.resolver.js';
import { CohortType, EnrollmentType, ModuleType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CorrectAssessmentResultInput,
  CreateAssessmentInput,
  RecordAssessmentResultInput,
  RecordAssessmentResultsInput,
  UpdateAssessmentInput,
} from './assessment.input.js';
import {
  AssessmentResultConnection,
  AssessmentResultType,
  AssessmentType,
} from './assessment.type.js';

const toAssessmentType = (row: Assessment) => row as unknown as AssessmentType;
const toResultType = (row: AssessmentResult) => row as AssessmentResultType;

@Resolver(() => ModuleType)
export class ModuleAssessmentsResolver {
  @FieldResolver(() => [AssessmentType], { description: 'A handful per module: not paginated.' })
  async assessments(@Root() module: ModuleType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.assessmentsByModuleId.load(module.id)).map(toAssessmentType);
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentResultsResolver {
  @FieldResolver(() => AssessmentResultConnection, {
    description: "The learner's results in this cohort, newest first.",
  })
  async results(
    @Root() enrollment: EnrollmentType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.enrollmentResultPages.load({
      personId: enrollment.personId,
      cohortId: enrollment.cohortId,
      ...pageOf(args),
    });
    return toConnection(page, toResultType);
  }
}

@Resolver(() => AssessmentType)
export class AssessmentResolver {
  @FieldResolver(() => ModuleType, { nullable: true })
  async module(@Root() assessment: AssessmentType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.moduleById.load(assessment.moduleId)) ?? null;
  }

  @FieldResolver(() => AssessmentResultConnection, {
    description: 'Newest first; as the caller may see them (a learner: their own).',
  })
  async results(
    @Root() assessment: AssessmentType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.assessmentResultPages.load({
      assessmentId: assessment.id,
      ...pageOf(args),
    });
    return toConnection(page, toResultType);
  }

  @Authorized('ADMIN')
  @Mutation(() => AssessmentType)
  async createAssessment(
    @Arg('input', () => CreateAssessmentInput) input: CreateAssessmentInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toAssessmentType(await context.domain().assessments.createAssessment(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => AssessmentType)
  async updateAssessment(
    @Arg('input', () => UpdateAssessmentInput) input: UpdateAssessmentInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toAssessmentType(await context.domain().assessments.updateAssessment(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, { description: 'Only an assessment without results; returns its id.' })
  deleteAssessment(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().assessments.deleteAssessment(id);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => AssessmentResultType, {
    description:
      "Also records an xAPI passed/failed/scored statement and updates the learner's module progress.",
  })
  async recordAssessmentResult(
    @Arg('input', () => RecordAssessmentResultInput) input: RecordAssessmentResultInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toResultType(await context.domain().results.record(input));
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => [AssessmentResultType], {
    description:
      "A class's results in one assessment at once (at most 500), all or nothing; each the learner's next attempt, with its statement.",
  })
  async recordAssessmentResults(
    @Arg('input', () => RecordAssessmentResultsInput) input: RecordAssessmentResultsInput,
    @Ctx() context: GraphQLContext,
  ) {
    return (await context.domain().results.recordMany(input)).map(toResultType);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => AssessmentResultType, {
    description:
      'Corrects the score of an attempt: voids its xAPI statement, records the corrected one, and recomputes the best score.',
  })
  async correctAssessmentResult(
    @Arg('input', () => CorrectAssessmentResultInput) input: CorrectAssessmentResultInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toResultType(await context.domain().results.correct(input));
  }
}

@Resolver(() => AssessmentResultType)
export class AssessmentResultResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() row: AssessmentResultType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.personId);
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: 'The facilitator, or the peer in a peer assessment.',
  })
  async assessor(@Root() row: AssessmentResultType, @Ctx() context: GraphQLContext) {
    return row.assessorId ? loadPerson(context, row.assessorId) : null;
  }

  @FieldResolver(() => AssessmentType, { nullable: true })
  async assessment(@Root() row: AssessmentResultType, @Ctx() context: GraphQLContext) {
    const assessment = await context.loaders.assessmentById.load(row.assessmentId);
    return assessment ? toAssessmentType(assessment) : null;
  }

  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() row: AssessmentResultType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(row.cohortId);
    return cohort ? toCohortType(cohort) : null;
  }
}
