// Inputs of the session mutations.
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../relay.js';
import { AttendanceStatusEnum } from './session.type.js';

@InputType()
export class CreateSessionInput {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => ID, { nullable: true })
  moduleId?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => GraphQLDateTime)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  onlineLink?: string | null;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => AttendanceStatusEnum)
  status!: AttendanceStatusEnum;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateSessionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: "A module of the cohort's programme." })
  moduleId?: string | null;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => GraphQLDateTime, { nullable: true })
  startsAt?: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  endsAt?: Date;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  onlineLink?: string | null;
}

@ArgsType()
export class SessionsArgs extends PageArgs {
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Starting at or after.' })
  from?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Starting before.' })
  until?: Date;
}

@InputType()
export class AttendanceRecordInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => AttendanceStatusEnum)
  status!: AttendanceStatusEnum;
}

@InputType()
export class RecordSessionAttendanceInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => [AttendanceRecordInput])
  records!: AttendanceRecordInput[];
}
