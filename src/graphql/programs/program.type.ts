// Programmes, modules, cohorts and enrollments as GraphQL types.
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum PhaseEnum {
  ONLINE_SELF_PACED = 'ONLINE_SELF_PACED',
  FACE_TO_FACE = 'FACE_TO_FACE',
  ON_THE_JOB = 'ON_THE_JOB',
}
registerEnumType(PhaseEnum, {
  name: 'Phase',
  description: 'Online self-paced (daring), face-to-face (tatap muka), on-the-job coaching.',
});

export enum LearningKindEnum {
  KLASIKAL = 'KLASIKAL',
  NONKLASIKAL = 'NONKLASIKAL',
}
registerEnumType(LearningKindEnum, { name: 'LearningKind' });

export enum ProgramStatusEnum {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  RUNNING = 'RUNNING',
  CLOSED = 'CLOSED',
}
registerEnumType(ProgramStatusEnum, { name: 'ProgramStatus' });

export enum EnrollmentStatusEnum {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
  FAILED = 'FAILED',
}
registerEnumType(EnrollmentStatusEnum, { name: 'EnrollmentStatus' });

@ObjectType('Module', { description: 'A unit of a programme, in one of its three phases.' })
export class ModuleType {
  @Field(() => ID)
  id!: string;

  @Field(() => PhaseEnum)
  phase!: PhaseEnum;

  @Field(() => Int)
  position!: number;

  @Field(() => String)
  title!: string;

  @Field(() => Int)
  expectedMinutes!: number;

  @Field(() => Int, { nullable: true, description: "Days after the cohort's start it is due." })
  dueOffsetDays!: number | null;

  @Field(() => [String])
  mediaKinds!: string[];

  @Field(() => [String], { description: 'xAPI activity IRIs that are this module.' })
  activityIris!: string[];

  /** Resolved through the programme loader. */
  programId!: string;
}

@ObjectType('Program', {
  description: 'A diklat: competencies taught in modules over three phases.',
})
export class ProgramType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => LearningKindEnum)
  learningKind!: LearningKindEnum;

  @Field(() => Int, { nullable: true, description: "SIASN's jenisDiklatId (1–25)." })
  siasnJenisDiklatId!: number | null;

  @Field(() => String, { nullable: true })
  organiser!: string | null;

  @Field(() => Int, { description: 'Jam pelajaran (45 minutes each).' })
  totalJp!: number;

  @Field(() => [String], {
    description:
      "xAPI activity IRIs that are the programme (e.g. its Moodle course's URL): statements under them count for its cohorts.",
  })
  activityIris!: string[];

  @Field(() => Float, { description: 'At risk under this best score (scaled 0..1).' })
  riskScoreThreshold!: number;

  @Field(() => Int, { description: 'At risk after this many days without activity.' })
  riskInactiveDays!: number;

  @Field(() => Int, { description: 'Coaching check-ins are planned this many days apart.' })
  checkInIntervalDays!: number;

  @Field(() => Int, {
    description:
      'Virtual sessions: LATE when the first join is more than this many minutes after the start.',
  })
  attendanceGraceMinutes!: number;

  @Field(() => Float, {
    description:
      'Virtual sessions: ABSENT when present for less than this share (0..1) of the session.',
  })
  attendanceMinShare!: number;

  @Field(() => ProgramStatusEnum)
  status!: ProgramStatusEnum;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endDate!: string | null;
}

@ObjectType('Cohort', { description: 'An angkatan: one run of a programme.' })
export class CohortType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLLocalDate)
  startDate!: string;

  @Field(() => GraphQLLocalDate)
  endDate!: string;

  @Field(() => Int, { nullable: true })
  capacity!: number | null;

  @Field(() => String, { nullable: true, description: 'Where it is held (tempat).' })
  location!: string | null;

  @Field(() => ID, { description: 'The xAPI registration of what is learned in this cohort.' })
  registration!: string;

  /** Resolved through the programme loader. */
  programId!: string;
}

@ObjectType('Enrollment', { description: 'A person in a cohort.' })
export class EnrollmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => EnrollmentStatusEnum)
  status!: EnrollmentStatusEnum;

  @Field(() => GraphQLDateTime)
  enrolledAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  completedAt!: Date | null;

  /** Resolved through loaders. */
  personId!: string;
  cohortId!: string;
}

export const ProgramConnection = connectionType(ProgramType, 'Program');
export const CohortConnection = connectionType(CohortType, 'Cohort');
export const EnrollmentConnection = connectionType(EnrollmentType, 'Enrollment');
