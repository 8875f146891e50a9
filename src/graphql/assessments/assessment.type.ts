// Assessments and results as GraphQL types.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum AssessmentKindEnum {
  PRE_TEST = 'PRE_TEST',
  POST_TEST = 'POST_TEST',
  FORMATIVE_QUIZ = 'FORMATIVE_QUIZ',
  PERFORMANCE_TASK = 'PERFORMANCE_TASK',
  ROLE_PLAY = 'ROLE_PLAY',
  PEER_ASSESSMENT = 'PEER_ASSESSMENT',
  REACTION_SURVEY = 'REACTION_SURVEY',
}
registerEnumType(AssessmentKindEnum, { name: 'AssessmentKind' });

@ObjectType('Assessment')
export class AssessmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => AssessmentKindEnum)
  kind!: AssessmentKindEnum;

  @Field(() => String)
  title!: string;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Float, { nullable: true, description: 'Absent: results are scored, not passed.' })
  passingScore!: number | null;

  @Field(() => [String])
  activityIris!: string[];

  @Field(() => ID)
  moduleId!: string;
}

@ObjectType('AssessmentResult')
export class AssessmentResultType {
  @Field(() => ID)
  id!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => Boolean, { nullable: true })
  passed!: boolean | null;

  @Field(() => Int)
  attempt!: number;

  @Field(() => GraphQLDateTime)
  recordedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the score was corrected.' })
  correctedAt!: Date | null;

  /** Resolved through loaders. */
  personId!: string;
  assessorId!: string | null;
  assessmentId!: string;
  cohortId!: string;
}

export const AssessmentResultConnection = connectionType(AssessmentResultType, 'AssessmentResult');
