// Virtual sessions as GraphQL types: meeting providers, participants, identities, Zoom webhook.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum MeetingProviderEnum {
  ZOOM = 'ZOOM',
  TEAMS = 'TEAMS',
  MEET = 'MEET',
  WEBEX = 'WEBEX',
}
registerEnumType(MeetingProviderEnum, { name: 'MeetingProvider' });

@ObjectType('MeetingParticipant', {
  description: "Someone in a session's meeting, as last computed; `person` is null when unmatched.",
})
export class MeetingParticipantType {
  @Field(() => MeetingProviderEnum)
  provider!: MeetingProviderEnum;

  @Field(() => String, {
    description:
      'The participant within the session (email:…, user:… or name:…): matchMeetingParticipant takes it.',
  })
  participantKey!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => Int, { description: "Minutes within the session's scheduled time." })
  minutesPresent!: number;

  @Field(() => GraphQLDateTime)
  firstJoinedAt!: Date;

  personId!: string | null;
}

@ObjectType('MeetingIdentity', {
  description:
    'Who a person is in a meeting tool: an email, user id or display name (lower-cased).',
})
export class MeetingIdentityType {
  @Field(() => ID)
  id!: string;

  @Field(() => MeetingProviderEnum)
  provider!: MeetingProviderEnum;

  @Field(() => String)
  identity!: string;
}

@ObjectType('ZoomWebhook', {
  description: "The tenant's Zoom webhook; its secret token is never shown.",
})
export class ZoomWebhookType {
  @Field(() => String, { description: 'Where Zoom posts events: append it to the server URL.' })
  path!: string;

  @Field(() => GraphQLDateTime)
  updatedAt!: Date;

  @Field(() => String)
  updatedBy!: string;
}

export const MeetingParticipantConnection = connectionType(
  MeetingParticipantType,
  'MeetingParticipant',
);

@ObjectType('AttendanceReportImport', {
  description: "What an imported report changed in the session's attendance.",
})
export class AttendanceReportImportType {
  @Field(() => String, { nullable: true })
  meetingTitle!: string | null;

  @Field(() => Int, { description: 'Participants in the session, across its sources.' })
  participants!: number;

  @Field(() => Int, {
    description: 'Of those, not matched to a learner (see meetingParticipants).',
  })
  unmatched!: number;

  @Field(() => Int, { description: 'Attendance rows written (new or changed).' })
  written!: number;
}
