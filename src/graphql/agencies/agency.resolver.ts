// Agencies and org units: thin adapters over the agency repository of the caller.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { encodeCursor } from '../../lib/cursor.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import { CreateAgencyInput, CreateOrgUnitInput } from './agency.input.js';
import { AgencyConnection, AgencyType, OrgUnitType } from './agency.type.js';

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Authorized()
  @Query(() => AgencyConnection, { description: "The tenant's agencies, by name." })
  async agencies(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().agencies.list(pageOf(args));
    return toConnection(
      page,
      (agency) => encodeCursor([agency.name, agency.id]),
      (agency) => agency,
    );
  }

  @FieldResolver(() => [OrgUnitType])
  orgUnits(@Root() agency: AgencyType, @Ctx() context: GraphQLContext) {
    return context.loaders.orgUnitsByAgencyId.load(agency.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => AgencyType)
  createAgency(
    @Arg('input', () => CreateAgencyInput) input: CreateAgencyInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().agencies.createAgency(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => OrgUnitType)
  createOrgUnit(
    @Arg('input', () => CreateOrgUnitInput) input: CreateOrgUnitInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().agencies.createOrgUnit(input);
  }
}

@Resolver(() => OrgUnitType)
export class OrgUnitResolver {
  @FieldResolver(() => AgencyType)
  async agency(@Root() unit: OrgUnitType, @Ctx() context: GraphQLContext) {
    const agency = await context.loaders.agencyById.load(unit.agencyId);
    if (agency === undefined) throw new NotFoundError('the agency of this unit is gone');
    return agency;
  }
}
