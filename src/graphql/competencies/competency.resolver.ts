// Competencies and gaps: thin adapters over the caller's competency repository.
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
import type { Competency, CompetencyGap } from '../../domain/competencies/competencyRepository.js';
import { encodeCursor } from '../../lib/cursor.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { ProgramType } from '../programs/program.type.js';
import { pageOf, toConnection } from '../relay.js';
import {
  CompetenciesArgs,
  CreateCompetencyInput,
  RecordCompetencyGapInput,
} from './competency.input.js';
import { CompetencyConnection, CompetencyGapType, CompetencyType } from './competency.type.js';

const toCompetencyType = (row: Competency) => row as CompetencyType;
const toGapType = (row: CompetencyGap): CompetencyGapType => ({
  ...row,
  gap: Math.max(row.requiredLevel - row.currentLevel, 0),
});

@Resolver(() => CompetencyType)
export class CompetencyResolver {
  @Authorized()
  @Query(() => CompetencyConnection)
  async competencies(
    @Args(() => CompetenciesArgs) args: CompetenciesArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.domain().competencies.list(pageOf(args), args.kind);
    return toConnection(page, (row) => encodeCursor([row.name, row.id]), toCompetencyType);
  }

  @Authorized('ADMIN', 'ANALYST', 'FACILITATOR')
  @Query(() => [CompetencyGapType], { description: 'Gaps of positions (jabatan), from TNAs.' })
  async positionCompetencyGaps(@Ctx() context: GraphQLContext) {
    return (await context.domain().competencies.positionGaps()).map(toGapType);
  }

  @Authorized('ADMIN')
  @Mutation(() => CompetencyType)
  async createCompetency(
    @Arg('input', () => CreateCompetencyInput) input: CreateCompetencyInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toCompetencyType(await context.domain().competencies.create(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => ProgramType, { description: 'The programme teaches exactly these competencies.' })
  async setProgramCompetencies(
    @Arg('programId', () => ID) programId: string,
    @Arg('competencyIds', () => [ID]) competencyIds: string[],
    @Ctx() context: GraphQLContext,
  ) {
    const id = await context.domain().competencies.setProgramCompetencies(programId, competencyIds);
    const program = await context.loaders.programById.load(id);
    if (program === undefined) throw new NotFoundError(`no programme ${programId}`);
    return program as unknown as ProgramType;
  }

  @Authorized('ADMIN')
  @Mutation(() => CompetencyGapType)
  async recordCompetencyGap(
    @Arg('input', () => RecordCompetencyGapInput) input: RecordCompetencyGapInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toGapType(await context.domain().competencies.recordGap(input));
  }
}

@Resolver(() => CompetencyGapType)
export class CompetencyGapResolver {
  @FieldResolver(() => CompetencyType, { nullable: true })
  async competency(@Root() gap: CompetencyGapType, @Ctx() context: GraphQLContext) {
    const competency = await context.loaders.competencyById.load(gap.competencyId);
    return competency ? toCompetencyType(competency) : null;
  }
}

@Resolver(() => ProgramType)
export class ProgramCompetenciesResolver {
  @FieldResolver(() => [CompetencyType])
  async competencies(@Root() program: ProgramType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.competenciesByProgramId.load(program.id)).map(toCompetencyType);
  }
}

@Resolver(() => PersonType)
export class PersonCompetencyGapsResolver {
  @FieldResolver(() => [CompetencyGapType], {
    description: 'ADMIN, ANALYST and the person see these.',
  })
  async competencyGaps(@Root() person: PersonType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.gapsByPersonId.load(person.id)).map(toGapType);
  }
}
