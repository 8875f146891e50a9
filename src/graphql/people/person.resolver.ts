// People: thin adapters over the caller's people repository and the person use cases.
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
import { createPerson, updatePerson } from '../../domain/people/writePeople.js';
import { presentOnly } from '../../lib/definedOnly.js';
import { OrgUnitType } from '../agencies/agency.type.js';
import type { GraphQLContext } from '../context.js';
import { pageOf, toConnection } from '../relay.js';
import { CreatePersonInput, PeopleArgs, UpdatePersonInput } from './person.input.js';
import {
  PersonConnection,
  PersonType,
  XapiIdentityType,
  type EmploymentTypeEnum,
} from './person.type.js';
import type { Person } from '../../domain/people/peopleRepository.js';

/** The person of an id through the request's loader, or null when the caller may not see them. */
export async function loadPerson(context: GraphQLContext, id: string): Promise<PersonType | null> {
  const person = await context.loaders.personById.load(id);
  return person ? toPersonType(person) : null;
}

export function toPersonType(person: Person): PersonType {
  return { ...person, employmentType: person.employmentType as EmploymentTypeEnum };
}

@Resolver(() => PersonType)
export class PersonResolver {
  @Authorized()
  @Query(() => PersonConnection, {
    description:
      'People the caller may see (ADMIN, ANALYST: the tenant; others: themselves), by name.',
  })
  async people(@Args(() => PeopleArgs) args: PeopleArgs, @Ctx() context: GraphQLContext) {
    const page = await context
      .domain()
      .people.list(
        presentOnly({ search: args.search, orgUnitId: args.orgUnitId }),
        args.orderBy ?? { field: 'NAME', direction: 'ASC' },
        pageOf(args),
      );
    return toConnection(page, toPersonType);
  }

  @Authorized()
  @Query(() => PersonType, { nullable: true })
  async person(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return loadPerson(context, id);
  }

  @Authorized()
  @Query(() => PersonType, { nullable: true })
  async personByNip(@Arg('nip', () => String) nip: string, @Ctx() context: GraphQLContext) {
    const person = await context.domain().people.findByNip(nip);
    return person ? toPersonType(person) : null;
  }

  @Authorized()
  @Query(() => PersonType, { nullable: true, description: 'The person the token belongs to.' })
  async me(@Ctx() context: GraphQLContext) {
    const person = await context.domain().people.findSelf();
    return person ? toPersonType(person) : null;
  }

  @FieldResolver(() => OrgUnitType, { nullable: true })
  async orgUnit(@Root() person: PersonType, @Ctx() context: GraphQLContext) {
    return person.orgUnitId
      ? ((await context.loaders.orgUnitById.load(person.orgUnitId)) ?? null)
      : null;
  }

  @FieldResolver(() => [XapiIdentityType])
  xapiIdentities(@Root() person: PersonType, @Ctx() context: GraphQLContext) {
    return context.loaders.identitiesByPersonId.load(person.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => PersonType)
  async createPerson(
    @Arg('input', () => CreatePersonInput) input: CreatePersonInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor } = context.domain();
    return toPersonType(await createPerson(db, actor, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => PersonType)
  async updatePerson(
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor } = context.domain();
    const { id, ...changes } = input;
    return toPersonType(await updatePerson(db, actor, id, changes));
  }
}
