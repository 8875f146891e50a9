// Face-to-face sessions and attendance as GraphQL types.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum AttendanceStatusEnum {
  PRESENT = 'PRESENT',
  LATE = 'LATE',
  EXCUSED = 'EXCUSED',
  ABSENT = 'ABSENT',
}
registerEnumType(AttendanceStatusEnum, { name: 'AttendanceStatus' });

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

  /** Resolved through the cohort loader. */
  cohortId!: string;
}

@ObjectType('Attendance')
export class AttendanceType {
  @Field(() => AttendanceStatusEnum)
  status!: AttendanceStatusEnum;

  @Field(() => GraphQLDateTime)
  recordedAt!: Date;

  @Field(() => String, { description: 'The token subject of whoever recorded it.' })
  recordedBy!: string;

  personId!: string;
  sessionId!: string;
}

export const SessionConnection = connectionType(SessionType, 'Session');
export const AttendanceConnection = connectionType(AttendanceType, 'Attendance');
