// Inputs of the session mutations.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
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
