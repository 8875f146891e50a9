// Mentor assignments and coaching check-ins as GraphQL types.
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum CheckInChannelEnum {
  IN_PERSON = 'IN_PERSON',
  VIDEO = 'VIDEO',
  FORUM = 'FORUM',
}
registerEnumType(CheckInChannelEnum, { name: 'CheckInChannel' });

@ObjectType('CoachingCheckIn', {
  description:
    'Notes, next steps and SKP progress are null for all but mentor, mentee and facilitators.',
})
export class CoachingCheckInType {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate)
  heldOn!: string;

  @Field(() => CheckInChannelEnum)
  channel!: CheckInChannelEnum;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => String, { nullable: true })
  nextSteps!: string | null;

  @Field(() => String, { nullable: true })
  skpProgress!: string | null;

  @Field(() => Boolean, { description: 'Whether the caller may read the private fields.' })
  private!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The mentor's rating (1–5) of how the mentee applies the learning at work.",
  })
  rating!: number | null;
}

@ObjectType('MentorAssignment', {
  description: 'A mentor (usually the atasan) coaching a learner.',
})
export class MentorAssignmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOn!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn!: string | null;

  mentorId!: string;
  menteeId!: string;
  cohortId!: string;
}

export const MentorAssignmentConnection = connectionType(MentorAssignmentType, 'MentorAssignment');
