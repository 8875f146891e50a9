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
import { presentOnly } from '../../lib/definedOnly.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { ProgramType } from '../programs/program.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CompetenciesArgs,
  CreateCompetencyInput,
  PositionGapsArgs,
  RecordCompetencyGapInput,
  UpdateCompetencyGapInput,
  UpdateCompetencyInput,
} from './competency.input.js';
import {
  CompetencyConnection,
  CompetencyGapConnection,
  CompetencyGapType,
  CompetencyType,
} from './competency.type.js';

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
    const page = await context
      .domain()
      .competencies.list(presentOnly({ kind: args.kind, search: args.search }), pageOf(args));
    return toConnection(page, toCompetencyType);
  }

  @Authorized('ADMIN', 'ANALYST', 'FACILITATOR')
  @Query(() => CompetencyGapConnection, {
    description: 'Gaps of positions (jabatan), from TNAs, by position.',
  })
  async positionCompetencyGaps(
    @Args(() => PositionGapsArgs) args: PositionGapsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .competencies.positionGaps(
        presentOnly({ position: args.position, competencyId: args.competencyId }),
        pageOf(args),
      );
    return toConnection(page, toGapType);
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
  @Mutation(() => CompetencyType)
  async updateCompetency(
    @Arg('input', () => UpdateCompetencyInput) input: UpdateCompetencyInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toCompetencyType(await context.domain().competencies.update(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, {
    description: 'Only a competency no programme teaches and no gap names; returns its id.',
  })
  deleteCompetency(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().competencies.delete(id);
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

  @Authorized('ADMIN')
  @Mutation(() => CompetencyGapType)
  async updateCompetencyGap(
    @Arg('input', () => UpdateCompetencyGapInput) input: UpdateCompetencyGapInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toGapType(await context.domain().competencies.updateGap(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, { description: 'Returns the id of the gap deleted.' })
  deleteCompetencyGap(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().competencies.deleteGap(id);
  }
}

@Resolver(() => CompetencyGapType)
export class CompetencyGapResolver {
  @FieldResolver(() => CompetencyType, { nullable: true })
  async competency(@Root() gap: CompetencyGapType, @Ctx() context: GraphQLContext) {
    const competency = await context.loaders.competencyById.load(gap.competencyId);
    return competency ? toCompetencyType(competency) : null;
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: 'The person assessed; null for a gap of a position.',
  })
  async person(@Root() gap: CompetencyGapType, @Ctx() context: GraphQLContext) {
    return gap.personId ? loadPerson(context, gap.personId) : null;
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
  @FieldResolver(() => CompetencyGapConnection, {
    description: 'Newest TNA first; ADMIN, ANALYST and the person see these.',
  })
  async competencyGaps(
    @Root() person: PersonType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.personGapPages.load({
      personId: person.id,
      ...pageOf(args),
    });
    return toConnection(page, toGapType);
  }
}
