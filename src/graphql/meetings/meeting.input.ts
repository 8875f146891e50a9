// Inputs of the virtual-session operations.
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../relay.js';
import { MeetingProviderEnum } from './meeting.type.js';

@InputType()
export class SetSessionMeetingInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => MeetingProviderEnum)
  provider!: MeetingProviderEnum;

  @Field(() => String, {
    description: "The provider's meeting id (Zoom's number, Meet's code) or its join link.",
  })
  meetingId!: string;
}

@InputType()
export class AddMeetingIdentityInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => MeetingProviderEnum)
  provider!: MeetingProviderEnum;

  @Field(() => String, { description: 'An email, the tool user id, or the display name.' })
  identity!: string;
}

@InputType()
export class MatchMeetingParticipantInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => String)
  participantKey!: string;

  @Field(() => ID, { description: 'A learner of the session’s cohort.' })
  personId!: string;
}

@ArgsType()
export class MeetingParticipantsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those matched to nobody.' })
  unmatchedOnly?: boolean;
}
