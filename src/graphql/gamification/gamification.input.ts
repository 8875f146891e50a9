// Inputs of the point rules and the leaderboards.
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../relay.js';
import { PointRuleTargetEnum } from './gamification.type.js';

@InputType()
export class PointRuleInput {
  @Field(() => String, { nullable: true, description: 'At most 100 characters.' })
  label?: string | null;

  @Field(() => String, { description: 'e.g. http://adlnet.gov/expapi/verbs/completed' })
  verbIri!: string;

  @Field(() => String, { nullable: true })
  activityType?: string | null;

  @Field(() => String, { nullable: true })
  iriPrefix?: string | null;

  @Field(() => PointRuleTargetEnum, { nullable: true })
  target?: PointRuleTargetEnum | null;

  @Field(() => Boolean, { nullable: true })
  success?: boolean | null;

  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  minScaledScore?: number | null;

  @Field(() => Boolean, { defaultValue: false })
  oncePerActivity!: boolean;

  @Field(() => Int, { description: '1 to 1000.' })
  points!: number;
}

@ArgsType()
export class PointRulesArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "A programme's rules in force; without it, the tenant's.",
  })
  programId?: string | null;
}

@ArgsType()
export class CohortLeaderboardArgs extends PageArgs {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Only learners of this OPD (the person's org unit).",
  })
  orgUnitId?: string | null;
}

@ArgsType()
export class ProgramLeaderboardArgs extends PageArgs {
  @Field(() => ID)
  programId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Only learners of this OPD (the person's org unit).",
  })
  orgUnitId?: string | null;
}
