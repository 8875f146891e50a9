// A learner's progress in one module of their cohort's programme, as a GraphQL type.
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ModuleType } from '../programs/program.type.js';

export enum ModuleStatusEnum {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ModuleStatusEnum, { name: 'ModuleStatus' });

@ObjectType('ModuleProgress', {
  description: "A learner's progress in one module, kept as they act (not recomputed on read).",
})
export class ModuleProgressType {
  @Field(() => ModuleType)
  module!: ModuleType;

  @Field(() => ModuleStatusEnum)
  status!: ModuleStatusEnum;

  @Field(() => GraphQLDateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True once passed, false when only failed, null when nothing was graded.',
  })
  success!: boolean | null;

  @Field(() => Float, { nullable: true, description: 'The best score, scaled to 0..1.' })
  bestScaledScore!: number | null;

  @Field(() => Int, { description: 'The sum of the durations statements about it report.' })
  timeSpentSeconds!: number;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastActivityAt!: Date | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "The cohort's start plus the module's due offset.",
  })
  dueOn!: string | null;

  @Field(() => Boolean, { description: 'Past its due day and not completed.' })
  overdue!: boolean;
}
