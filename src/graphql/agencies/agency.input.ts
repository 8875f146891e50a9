// Inputs of the agency mutations.
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateAgencyInput {
  @Field(() => String)
  name!: string;

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
