// Agencies and org units: thin adapters over the agency repository of the caller.
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
import { NotFoundError } from '../../lib/errors.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CreateAgencyInput,
  CreateOrgUnitInput,
  OrgUnitsArgs,
  UpdateAgencyInput,
  UpdateOrgUnitInput,
} from './agency.input.js';
import { AgencyConnection, AgencyType, OrgUnitConnection, OrgUnitType } from './agency.type.js';

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Authorized()
  @Query(() => AgencyConnection, { description: "The tenant's agencies, by name." })
  async agencies(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().agencies.list(pageOf(args));
    return toConnection(page, (agency) => agency);
  }

  @FieldResolver(() => OrgUnitConnection, { description: 'By name.' })
  async orgUnits(
    @Root() agency: AgencyType,
    @Args(() => OrgUnitsArgs) args: OrgUnitsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.orgUnitPages.load({
      agencyId: agency.id,
      ...(args.topLevelOnly ? { parentId: null } : {}),
      ...pageOf(args),
    });
    return toConnection(page, (unit) => unit);
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
  @Mutation(() => AgencyType)
  updateAgency(
    @Arg('input', () => UpdateAgencyInput) input: UpdateAgencyInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return context.domain().agencies.updateAgency(id, changes);
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, { description: 'Only an agency without org units; returns its id.' })
  deleteAgency(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().agencies.deleteAgency(id);
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

  @FieldResolver(() => OrgUnitType, {
    nullable: true,
    description: 'The unit this one belongs to.',
  })
  async parent(@Root() unit: OrgUnitType, @Ctx() context: GraphQLContext) {
    return unit.parentId ? ((await context.loaders.orgUnitById.load(unit.parentId)) ?? null) : null;
  }

  @FieldResolver(() => OrgUnitConnection, { description: 'The units directly under it, by name.' })
  async children(
    @Root() unit: OrgUnitType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.orgUnitPages.load({
      agencyId: unit.agencyId,
      parentId: unit.id,
      ...pageOf(args),
    });
    return toConnection(page, (child) => child);
  }

  @Authorized('ADMIN')
  @Mutation(() => OrgUnitType)
  createOrgUnit(
    @Arg('input', () => CreateOrgUnitInput) input: CreateOrgUnitInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().agencies.createOrgUnit(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => OrgUnitType)
  updateOrgUnit(
    @Arg('input', () => UpdateOrgUnitInput) input: UpdateOrgUnitInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return context.domain().agencies.updateOrgUnit(id, changes);
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, {
    description: 'Only a unit without sub-units and people; returns its id.',
  })
  deleteOrgUnit(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().agencies.deleteOrgUnit(id);
  }
}
