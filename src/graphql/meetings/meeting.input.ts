// Inputs of the virtual-session operations.
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
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

  @Field(() => MeetingProviderEnum, {
    nullable: true,
    description:
      'The participant’s provider; required when the key names participants of several providers.',
  })
  provider?: MeetingProviderEnum | null;

  @Field(() => ID, { description: 'A learner of the session’s cohort.' })
  personId!: string;
}

@ArgsType()
export class MeetingParticipantsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those matched to nobody.' })
  unmatchedOnly?: boolean;
}

export enum AttendanceReportFormatEnum {
  TEAMS = 'TEAMS',
  MEET = 'MEET',
  GENERIC = 'GENERIC',
}
registerEnumType(AttendanceReportFormatEnum, { name: 'AttendanceReportFormat' });

@InputType({ description: 'Column names of a GENERIC report (Webex, anything else).' })
export class GenericReportMappingInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string;

  @Field(() => String)
  joinedAt!: string;

  @Field(() => String, { nullable: true, description: 'leftAt or duration is needed.' })
  leftAt?: string;

  @Field(() => String, { nullable: true, description: 'Minutes, `1h 35m` or `01:35:00`.' })
  duration?: string;

  @Field(() => String, { nullable: true, description: 'E.g. `DD/MM/YYYY HH:mm`.' })
  dateFormat?: string;
}

@InputType()
export class ImportAttendanceReportInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => AttendanceReportFormatEnum)
  format!: AttendanceReportFormatEnum;

  @Field(() => String, {
    nullable: true,
    description: 'The file as text. Either this or contentBase64.',
  })
  content?: string;

  @Field(() => String, {
    nullable: true,
    description: "The file's bytes in base64 (Teams' UTF-16 files).",
  })
  contentBase64?: string;

  @Field(() => GenericReportMappingInput, { nullable: true })
  mapping?: GenericReportMappingInput;

  @Field(() => String, {
    nullable: true,
    description: 'IANA zone of times written without an offset; Asia/Jakarta when absent.',
  })
  timeZone?: string;

  @Field(() => MeetingProviderEnum, {
    nullable: true,
    description: 'The tool a GENERIC file comes from; WEBEX when absent.',
  })
  provider?: MeetingProviderEnum;
}
