// Inputs of the agency and org-unit queries and mutations.
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../relay.js';

@InputType()
export class CreateAgencyInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  siasnId?: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateAgencyInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  siasnId?: string | null;
}

@InputType()
export class CreateOrgUnitInput {
  @Field(() => ID)
  agencyId!: string;

  @Field(() => ID, { nullable: true, description: 'The unit the new one belongs to.' })
  parentId?: string | null;

  @Field(() => String)
  name!: string;
}

@InputType({ description: 'Fields left out stay as they are; parentId null moves it to the top.' })
export class UpdateOrgUnitInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Another unit of the same agency.' })
  parentId?: string | null;
}

@ArgsType()
export class OrgUnitsArgs extends PageArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only the units at the top of the tree (no parent).',
  })
  topLevelOnly?: boolean;
}
