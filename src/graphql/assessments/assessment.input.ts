// Inputs of the assessment mutations.
import { Field, Float, ID, InputType } from 'type-graphql';
import { AssessmentKindEnum } from './assessment.type.js';

@InputType()
export class CreateAssessmentInput {
  @Field(() => ID)
  moduleId!: string;

  @Field(() => AssessmentKindEnum)
  kind!: AssessmentKindEnum;

  @Field(() => String)
  title!: string;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Float, { nullable: true })
  passingScore?: number | null;

  @Field(() => [String], { nullable: true })
  activityIris?: string[];
}

@InputType()
export class RecordAssessmentResultInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID)
  cohortId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'A facilitator, or the peer in a peer assessment.',
  })
  assessorId?: string | null;
}

@InputType({
  description:
    'Fields left out stay as they are; maxScore and passingScore change only while there are no results.',
})
export class UpdateAssessmentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => AssessmentKindEnum, { nullable: true })
  kind?: AssessmentKindEnum;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => Float, { nullable: true })
  maxScore?: number;

  @Field(() => Float, { nullable: true })
  passingScore?: number | null;

  @Field(() => [String], { nullable: true })
  activityIris?: string[];
}

@InputType()
export class CorrectAssessmentResultInput {
  @Field(() => ID)
  resultId!: string;

  @Field(() => Float)
  score!: number;
}

@InputType()
export class LearnerScoreInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'A facilitator, or the peer in a peer assessment.',
  })
  assessorId?: string | null;
}

@InputType()
export class RecordAssessmentResultsInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID)
  cohortId!: string;

  @Field(() => [LearnerScoreInput])
  results!: LearnerScoreInput[];
}
