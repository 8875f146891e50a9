// Programmes and their modules: thin adapters over the caller's programme repository (reads)
// and the programme catalogue (writes).
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
import type { Program } from '../../domain/programs/programRepository.js';
import { presentOnly } from '../../lib/definedOnly.js';
import type { GraphQLContext } from '../context.js';
import { pageOf, toConnection } from '../relay.js';
import {
  CreateModuleInput,
  CreateProgramInput,
  ProgramsArgs,
  UpdateModuleInput,
  UpdateProgramInput,
} from './program.input.js';
import { ModuleType, ProgramConnection, ProgramType } from './program.type.js';

export const toProgramType = (program: Program) => program as unknown as ProgramType;

@Resolver(() => ProgramType)
export class ProgramResolver {
  @Authorized()
  @Query(() => ProgramConnection, { description: "The tenant's programmes, by title unless told." })
  async programs(@Args(() => ProgramsArgs) args: ProgramsArgs, @Ctx() context: GraphQLContext) {
    const page = await context
      .domain()
      .programs.listPrograms(
        presentOnly({ status: args.status, search: args.search }),
        args.orderBy ?? { field: 'TITLE', direction: 'ASC' },
        pageOf(args),
      );
    return toConnection(page, toProgramType);
  }

  @Authorized()
  @Query(() => ProgramType, { nullable: true })
  async program(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    const program = await context.loaders.programById.load(id);
    return program ? toProgramType(program) : null;
  }

  @FieldResolver(() => [ModuleType], {
    description: 'In order of position (a programme has a handful: not paginated).',
  })
  modules(@Root() program: ProgramType, @Ctx() context: GraphQLContext) {
    return context.loaders.modulesByProgramId.load(program.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => ProgramType)
  async createProgram(
    @Arg('input', () => CreateProgramInput) input: CreateProgramInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toProgramType(await context.domain().catalogue.createProgram(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => ProgramType)
  async updateProgram(
    @Arg('input', () => UpdateProgramInput) input: UpdateProgramInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toProgramType(await context.domain().catalogue.updateProgram(id, changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, {
    description: 'Only a programme without cohorts (its modules go with it); returns its id.',
  })
  deleteProgram(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().catalogue.deleteProgram(id);
  }
}

@Resolver(() => ModuleType)
export class ModuleResolver {
  @FieldResolver(() => ProgramType)
  async program(@Root() module: ModuleType, @Ctx() context: GraphQLContext) {
    return toProgramType((await context.loaders.programById.load(module.programId))!);
  }

  @Authorized('ADMIN')
  @Mutation(() => ModuleType)
  createModule(
    @Arg('input', () => CreateModuleInput) input: CreateModuleInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().catalogue.createModule(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => ModuleType)
  updateModule(
    @Arg('input', () => UpdateModuleInput) input: UpdateModuleInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return context.domain().catalogue.updateModule(id, changes);
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, {
    description:
      'Only a module without sessions, results or learner progress (its assessments go with it); returns its id.',
  })
  deleteModule(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().catalogue.deleteModule(id);
  }
}
