// Inputs of the competency queries and mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../relay.js';
import { CompetencyKindEnum } from './competency.type.js';

@InputType()
export class CreateCompetencyInput {
  @Field(() => CompetencyKindEnum)
  kind!: CompetencyKindEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class RecordCompetencyGapInput {
  @Field(() => ID)
  competencyId!: string;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'A jabatan, for a gap of a position.' })
  position?: string | null;

  @Field(() => Int)
  currentLevel!: number;

  @Field(() => Int)
  requiredLevel!: number;

  @Field(() => GraphQLLocalDate)
  assessedOn!: string;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateCompetencyInput {
  @Field(() => ID)
  id!: string;

  @Field(() => CompetencyKindEnum, { nullable: true })
  kind?: CompetencyKindEnum;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType({
  description: 'Corrects a gap: fields left out stay as they are; whose gap it is stays.',
})
export class UpdateCompetencyGapInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  currentLevel?: number;

  @Field(() => Int, { nullable: true })
  requiredLevel?: number;

  @Field(() => GraphQLLocalDate, { nullable: true })
  assessedOn?: string;
}

@ArgsType()
export class CompetenciesArgs extends PageArgs {
  @Field(() => CompetencyKindEnum, { nullable: true })
  kind?: CompetencyKindEnum;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  search?: string;
}

@ArgsType()
export class PositionGapsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'One jabatan only.' })
  position?: string;

  @Field(() => ID, { nullable: true })
  competencyId?: string;
}
