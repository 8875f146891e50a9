// Face-to-face sessions and attendance as GraphQL types.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MeetingProviderEnum } from '../meetings/meeting.type.js';
import { connectionType } from '../relay.js';

export enum AttendanceStatusEnum {
  PRESENT = 'PRESENT',
  LATE = 'LATE',
  EXCUSED = 'EXCUSED',
  ABSENT = 'ABSENT',
}
registerEnumType(AttendanceStatusEnum, { name: 'AttendanceStatus' });

export enum AttendanceSourceEnum {
  MANUAL = 'MANUAL',
  MEETING = 'MEETING',
}
registerEnumType(AttendanceSourceEnum, { name: 'AttendanceSource' });

@ObjectType('Session', { description: 'A face-to-face (or live online) meeting of a cohort.' })
export class SessionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => GraphQLDateTime)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true })
  onlineLink!: string | null;

  @Field(() => ID, { nullable: true })
  moduleId!: string | null;

  @Field(() => MeetingProviderEnum, {
    nullable: true,
    description: 'The meeting tool it is held in (setSessionMeeting).',
  })
  meetingProvider!: MeetingProviderEnum | null;

  @Field(() => String, {
    nullable: true,
    description: "The provider's meeting id (Zoom's number, Meet's code) or join link.",
  })
  meetingId!: string | null;

  /** Resolved through the cohort loader. */
  cohortId!: string;
}

@ObjectType('Attendance')
export class AttendanceType {
  @Field(() => AttendanceStatusEnum)
  status!: AttendanceStatusEnum;

  @Field(() => GraphQLDateTime)
  recordedAt!: Date;

  @Field(() => String, {
    description: 'The token subject of whoever recorded it (`jejak:meetings` when computed).',
  })
  recordedBy!: string;

  @Field(() => AttendanceSourceEnum, {
    description: 'Recorded by hand, or computed from the meeting tool.',
  })
  source!: AttendanceSourceEnum;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes present in the meeting, when computed from it.',
  })
  minutesPresent!: number | null;

  personId!: string;
  sessionId!: string;
}

export const SessionConnection = connectionType(SessionType, 'Session');
export const AttendanceConnection = connectionType(AttendanceType, 'Attendance');
