// Inputs of the person queries and mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputType, PageArgs } from '../relay.js';
import { EmploymentTypeEnum } from './person.type.js';

@InputType('XapiAccountInput')
export class XapiAccountInput {
  @Field(() => String, { description: "The LMS's URL, e.g. Moodle's site URL." })
  homePage!: string;

  @Field(() => String, { description: 'The user id, or the NIP with send_username.' })
  name!: string;
}

@InputType()
export class CreatePersonInput {
  @Field(() => String)
  nip!: string;

  @Field(() => EmploymentTypeEnum)
  employmentType!: EmploymentTypeEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => String, { nullable: true })
  rank?: string | null;

  @Field(() => String, { nullable: true, description: 'Tempat lahir.' })
  birthPlace?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Tanggal lahir.' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: "SIASN's pnsOrangId." })
  siasnId?: string | null;

  @Field(() => ID, { nullable: true })
  orgUnitId?: string | null;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => [XapiAccountInput], { nullable: true })
  xapiAccounts?: XapiAccountInput[];

  @Field(() => [String], { nullable: true, description: 'mailto: IRIs.' })
  mboxes?: string[];
}

@InputType({ description: 'Fields left out stay as they are; identity lists replace the old.' })
export class UpdatePersonInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => String, { nullable: true })
  rank?: string | null;

  @Field(() => String, { nullable: true, description: 'Tempat lahir.' })
  birthPlace?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Tanggal lahir.' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: "SIASN's pnsOrangId." })
  siasnId?: string | null;

  @Field(() => ID, { nullable: true })
  orgUnitId?: string | null;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => [XapiAccountInput], { nullable: true })
  xapiAccounts?: XapiAccountInput[];

  @Field(() => [String], { nullable: true })
  mboxes?: string[];
}

export enum PersonOrderFieldEnum {
  NAME = 'NAME',
  NIP = 'NIP',
}
registerEnumType(PersonOrderFieldEnum, { name: 'PersonOrderField' });
export const PersonOrder = orderInputType('Person', PersonOrderFieldEnum);

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name or NIP.' })
  search?: string;

  @Field(() => ID, { nullable: true })
  orgUnitId?: string;

  @Field(() => PersonOrder, { nullable: true, description: 'By name when absent.' })
  orderBy?: InstanceType<typeof PersonOrder>;
}
