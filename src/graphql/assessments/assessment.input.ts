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
