// People as GraphQL types: a civil servant (or PPPK employee) and the xAPI identities that
// tie their learning records to them.
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum EmploymentTypeEnum {
  PNS = 'PNS',
  PPPK = 'PPPK',
}
registerEnumType(EmploymentTypeEnum, {
  name: 'EmploymentType',
  description: 'PNS (civil servant, with a NIP) or PPPK (contract civil servant).',
});

@ObjectType('XapiIdentity', {
  description: 'An xAPI agent that is this person: an LMS account, or an mbox.',
})
export class XapiIdentityType {
  @Field(() => String, { description: '`account` or `mbox`.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: "The account's homePage (the LMS URL)." })
  homePage!: string | null;

  @Field(() => String, { description: 'The account name, or the mailto: IRI.' })
  name!: string;
}

@ObjectType('Person', { description: 'A civil servant or PPPK employee of the tenant.' })
export class PersonType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'NIP (PNS, checked for plausibility) or PPPK number.' })
  nip!: string;

  @Field(() => EmploymentTypeEnum)
  employmentType!: EmploymentTypeEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Jabatan.' })
  position!: string | null;

  @Field(() => String, { nullable: true, description: 'Pangkat/golongan, e.g. III/a.' })
  rank!: string | null;

  @Field(() => String, { nullable: true, description: 'Tempat lahir.' })
  birthPlace!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Tanggal lahir.' })
  birthDate!: string | null;

  @Field(() => String, { nullable: true, description: "SIASN's pnsOrangId." })
  siasnId!: string | null;

  @Field(() => String, { nullable: true, description: 'The `sub` of this person’s tokens.' })
  subject!: string | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime)
  updatedAt!: Date;

  /** Resolved through the org unit loader. */
  orgUnitId!: string | null;
}

export const PersonConnection = connectionType(PersonType, 'Person');
