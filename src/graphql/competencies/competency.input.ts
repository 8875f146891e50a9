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

@ArgsType()
export class CompetenciesArgs extends PageArgs {
  @Field(() => CompetencyKindEnum, { nullable: true })
  kind?: CompetencyKindEnum;
}
