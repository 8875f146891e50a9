// Agencies (instansi) and their org units (OPD / unit kerja) as GraphQL types.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { connectionType } from '../relay.js';

@ObjectType('OrgUnit', { description: 'An OPD / unit kerja of an agency; units form a tree.' })
export class OrgUnitType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The id of the unit this one belongs to.' })
  parentId!: string | null;

  /** Resolved through the agency loader. */
  agencyId!: string;
}

@ObjectType('Agency', { description: 'An instansi: a ministry or a regional government.' })
export class AgencyType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: "The agency's instansiId in SIASN." })
  siasnId!: string | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}

export const AgencyConnection = connectionType(AgencyType, 'Agency');
export const OrgUnitConnection = connectionType(OrgUnitType, 'OrgUnit');
