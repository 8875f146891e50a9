// Inputs of the mentoring mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../relay.js';
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

  @Field(() => Int, {
    nullable: true,
    description: 'How the mentee applies the learning at work, 1 (not yet) to 5 (fully).',
  })
  rating?: number | null;
}

@InputType({ description: 'The coaching period; fields left out stay as they are.' })
export class UpdateMentorAssignmentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOn?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn?: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateCheckInInput {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  heldOn?: string;

  @Field(() => CheckInChannelEnum, { nullable: true })
  channel?: CheckInChannelEnum;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => String, { nullable: true })
  nextSteps?: string | null;

  @Field(() => String, { nullable: true })
  skpProgress?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How the mentee applies the learning at work, 1 (not yet) to 5 (fully).',
  })
  rating?: number | null;
}

@ArgsType()
export class MentorAssignmentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  cohortId?: string;

  @Field(() => ID, { nullable: true })
  mentorId?: string;

  @Field(() => ID, { nullable: true })
  menteeId?: string;
}
