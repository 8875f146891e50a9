// Inputs of the programme queries and mutations.
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { orderInputType, PageArgs } from '../relay.js';
import {
  EnrollmentStatusEnum,
  LearningKindEnum,
  PhaseEnum,
  ProgramStatusEnum,
} from './program.type.js';

@InputType()
export class CreateProgramInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LearningKindEnum)
  learningKind!: LearningKindEnum;

  @Field(() => Int, { nullable: true })
  siasnJenisDiklatId?: number | null;

  @Field(() => String, { nullable: true })
  organiser?: string | null;

  @Field(() => Int)
  totalJp!: number;

  @Field(() => ProgramStatusEnum, { nullable: true })
  status?: ProgramStatusEnum;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "xAPI activity IRIs that are the programme, e.g. its Moodle course's URL.",
  })
  activityIris?: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'At risk under this best score, scaled 0..1 (0.6 when never set).',
  })
  riskScoreThreshold?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'At risk after this many days without activity (7 when never set).',
  })
  riskInactiveDays?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Coaching check-ins are planned this many days apart (14 when never set).',
  })
  checkInIntervalDays?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Virtual sessions: LATE after this many minutes past the start (10 when never set).',
  })
  attendanceGraceMinutes?: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Virtual sessions: ABSENT under this share (0..1) of the session (0.75 when never set).',
  })
  attendanceMinShare?: number;
}

@InputType()
export class CreateModuleInput {
  @Field(() => ID)
  programId!: string;

  @Field(() => PhaseEnum)
  phase!: PhaseEnum;

  @Field(() => Int)
  position!: number;

  @Field(() => String)
  title!: string;

  @Field(() => Int)
  expectedMinutes!: number;

  @Field(() => Int, { nullable: true })
  dueOffsetDays?: number | null;

  @Field(() => [String], { nullable: true })
  mediaKinds?: string[];

  @Field(() => [String], { nullable: true })
  activityIris?: string[];
}

@InputType()
export class CreateCohortInput {
  @Field(() => ID)
  programId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLLocalDate)
  startDate!: string;

  @Field(() => GraphQLLocalDate)
  endDate!: string;

  @Field(() => Int, { nullable: true })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Where it is held (tempat).' })
  location?: string | null;

  @Field(() => [ID], { nullable: true })
  facilitatorIds?: string[];
}

@InputType()
export class EnrollPeopleInput {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => [ID])
  personIds!: string[];
}

@InputType()
export class EnrollPersonInput {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => ID)
  personId!: string;
}

export enum ProgramOrderFieldEnum {
  TITLE = 'TITLE',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(ProgramOrderFieldEnum, { name: 'ProgramOrderField' });
export const ProgramOrder = orderInputType('Program', ProgramOrderFieldEnum);

export enum CohortOrderFieldEnum {
  START_DATE = 'START_DATE',
  NAME = 'NAME',
}
registerEnumType(CohortOrderFieldEnum, { name: 'CohortOrderField' });
export const CohortOrder = orderInputType('Cohort', CohortOrderFieldEnum);

@ArgsType()
export class ProgramsArgs extends PageArgs {
  @Field(() => ProgramStatusEnum, { nullable: true })
  status?: ProgramStatusEnum;

  @Field(() => String, { nullable: true, description: 'Part of the title.' })
  search?: string;

  @Field(() => ProgramOrder, { nullable: true, description: 'By title when absent.' })
  orderBy?: InstanceType<typeof ProgramOrder>;
}

@ArgsType()
export class CohortsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  programId?: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Only cohorts running on this date (between their start and end dates).',
  })
  runningOn?: string;

  @Field(() => CohortOrder, { nullable: true, description: 'By start date when absent.' })
  orderBy?: InstanceType<typeof CohortOrder>;
}

@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => EnrollmentStatusEnum, { nullable: true })
  status?: EnrollmentStatusEnum;
}

@InputType()
export class UpdateEnrollmentStatusInput {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => EnrollmentStatusEnum)
  status!: EnrollmentStatusEnum;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateProgramInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LearningKindEnum, { nullable: true })
  learningKind?: LearningKindEnum;

  @Field(() => Int, { nullable: true })
  siasnJenisDiklatId?: number | null;

  @Field(() => String, { nullable: true })
  organiser?: string | null;

  @Field(() => Int, { nullable: true })
  totalJp?: number;

  @Field(() => ProgramStatusEnum, { nullable: true })
  status?: ProgramStatusEnum;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the old list.' })
  activityIris?: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'At risk under this best score, scaled 0..1 (0.6 when never set).',
  })
  riskScoreThreshold?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'At risk after this many days without activity (7 when never set).',
  })
  riskInactiveDays?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Coaching check-ins are planned this many days apart (14 when never set).',
  })
  checkInIntervalDays?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Virtual sessions: LATE after this many minutes past the start (10 when never set).',
  })
  attendanceGraceMinutes?: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Virtual sessions: ABSENT under this share (0..1) of the session (0.75 when never set).',
  })
  attendanceMinShare?: number;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateCohortInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endDate?: string;

  @Field(() => Int, { nullable: true })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Where it is held (tempat).' })
  location?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the facilitators.' })
  facilitatorIds?: string[];
}

@InputType({ description: 'Fields left out stay as they are; lists given replace the old.' })
export class UpdateModuleInput {
  @Field(() => ID)
  id!: string;

  @Field(() => PhaseEnum, { nullable: true })
  phase?: PhaseEnum;

  @Field(() => Int, { nullable: true })
  position?: number;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => Int, { nullable: true })
  expectedMinutes?: number;

  @Field(() => Int, { nullable: true })
  dueOffsetDays?: number | null;

  @Field(() => [String], { nullable: true })
  mediaKinds?: string[];

  @Field(() => [String], { nullable: true })
  activityIris?: string[];
}

@InputType()
export class CompleteModuleForEnrollmentsInput {
  @Field(() => ID)
  moduleId!: string;

  @Field(() => [ID], { description: 'Enrollments of one cohort.' })
  enrollmentIds!: string[];
}

@InputType()
export class CompleteModuleInput {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  moduleId!: string;
}
