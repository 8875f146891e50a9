// Assessments and results: thin adapters over the caller's assessment repository.
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type {
  Assessment,
  AssessmentResult,
} from '../../domain/assessments/assessmentRepository.js';
import { encodeCursor } from '../../lib/cursor.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { ModuleType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import { CreateAssessmentInput, RecordAssessmentResultInput } from './assessment.input.js';
import {
  AssessmentResultConnection,
  AssessmentResultType,
  AssessmentType,
} from './assessment.type.js';

const toAssessmentType = (row: Assessment) => row as unknown as AssessmentType;
const toResultType = (row: AssessmentResult) => row as AssessmentResultType;

@Resolver(() => ModuleType)
export class ModuleAssessmentsResolver {
  @FieldResolver(() => [AssessmentType])
  async assessments(@Root() module: ModuleType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.assessmentsByModuleId.load(module.id)).map(toAssessmentType);
  }
}

@Resolver(() => AssessmentType)
export class AssessmentResolver {
  @FieldResolver(() => AssessmentResultConnection, {
    description: 'Newest first; as the caller may see them (a learner: their own).',
  })
  async results(
    @Root() assessment: AssessmentType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.domain().assessments.listResults(assessment.id, pageOf(args));
    return toConnection(
      page,
      (row) => encodeCursor([row.recordedAt.toISOString(), row.id]),
      toResultType,
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => AssessmentType)
  async createAssessment(
    @Arg('input', () => CreateAssessmentInput) input: CreateAssessmentInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toAssessmentType(await context.domain().assessments.createAssessment(input));
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => AssessmentResultType, {
    description: 'Also records an xAPI passed/failed/scored statement.',
  })
  async recordAssessmentResult(
    @Arg('input', () => RecordAssessmentResultInput) input: RecordAssessmentResultInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toResultType(await context.domain().assessments.recordResult(input));
  }
}

@Resolver(() => AssessmentResultType)
export class AssessmentResultResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() row: AssessmentResultType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.personId);
  }
}
