// Inputs of the analytics queries and of the settings they read.
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../relay.js';
import { BetterDirectionEnum, TrendIntervalEnum } from './analytics.type.js';

@ArgsType()
export class AtRiskArgs extends PageArgs {
  @Field(() => ID)
  cohortId!: string;
}

@ArgsType()
export class TrendArgs {
  @Field(() => GraphQLLocalDate)
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'At most 731 days after from.' })
  to!: string;

  @Field(() => TrendIntervalEnum, { defaultValue: TrendIntervalEnum.DAY })
  interval!: TrendIntervalEnum;
}

@InputType()
export class SetJpTargetInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'JP a civil servant owes in the year (20 by default).' })
  targetJp!: number;

  @Field(() => Int, { description: 'Minutes one JP counts (45 by default).' })
  minutesPerJp!: number;
}

@InputType()
export class CreateOutcomeIndicatorInput {
  @Field(() => ID)
  programId!: string;

  @Field(() => ID)
  orgUnitId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => BetterDirectionEnum)
  better!: BetterDirectionEnum;

  @Field(() => Float)
  baselineValue!: number;

  @Field(() => GraphQLLocalDate)
  baselineOn!: string;

  @Field(() => Float, { nullable: true })
  followUpValue?: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  followUpOn?: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateOutcomeIndicatorInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => BetterDirectionEnum, { nullable: true })
  better?: BetterDirectionEnum;

  @Field(() => Float, { nullable: true })
  baselineValue?: number;

  @Field(() => GraphQLLocalDate, { nullable: true })
  baselineOn?: string;

  @Field(() => Float, { nullable: true })
  followUpValue?: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  followUpOn?: string | null;
}
