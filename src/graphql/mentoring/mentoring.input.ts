// Inputs of the mentoring mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { CheckInChannelEnum } from './mentoring.type.js';

@InputType()
export class AssignMentorInput {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => ID)
  mentorId!: string;

  @Field(() => ID)
  menteeId!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOn?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn?: string | null;
}

@InputType()
export class RecordCheckInInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field(() => GraphQLLocalDate)
  heldOn!: string;

  @Field(() => CheckInChannelEnum)
  channel!: CheckInChannelEnum;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => String, { nullable: true })
  nextSteps?: string | null;

  @Field(() => String, { nullable: true })
  skpProgress?: string | null;
}
