// Erasures of people and their audit as GraphQL types: counts of what went, never what.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../relay.js';

@ObjectType('ErasureCounts', { description: 'Rows erased, by kind.' })
export class ErasureCountsType {
  @Field(() => Int, {
    description: 'Statements whose actor or object was the person, and voidings of them.',
  })
  statements!: number;

  @Field(() => Int, { description: 'Attachment contents no remaining statement cites.' })
  attachments!: number;

  @Field(() => Int, { description: 'State and agent-profile documents.' })
  documents!: number;

  @Field(() => Int)
  learningEvents!: number;

  @Field(() => Int)
  dailyParticipation!: number;

  @Field(() => Int)
  enrollments!: number;

  @Field(() => Int, {
    description: "Meeting tools' join/leave events, report rows and participants that were them.",
  })
  meetingRecords!: number;

  @Field(() => Int, { description: 'Certificates issued to them (a check of the number: 404).' })
  certificates!: number;

  @Field(() => Int)
  moduleProgress!: number;

  @Field(() => Int)
  enrollmentActivity!: number;

  @Field(() => Int)
  nudges!: number;

  @Field(() => Int, { description: 'Outbox messages about the person or their statements.' })
  outboxMessages!: number;

  @Field(() => Int)
  attendance!: number;

  @Field(() => Int)
  assessmentResults!: number;

  @Field(() => Int, { description: "Others' results they assessed: kept, assessor cleared." })
  assessorsCleared!: number;

  @Field(() => Int, { description: 'As mentee or as mentor.' })
  mentorAssignments!: number;

  @Field(() => Int)
  checkIns!: number;

  @Field(() => Int)
  actionPlans!: number;

  @Field(() => Int, { description: "Reviews they wrote of others' action plans." })
  actionPlanReviews!: number;

  @Field(() => Int)
  competencyGaps!: number;

  @Field(() => Int, { description: 'Cohorts they facilitated (the cohorts stay).' })
  facilitations!: number;

  @Field(() => Int)
  xapiIdentities!: number;
}

@ObjectType('Erasure', {
  description: 'An entry of the erasure audit: who erased whom, when, how much; nothing erased.',
})
export class ErasureType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The id the erased person had.' })
  personId!: string;

  @Field(() => String, { description: 'The token subject of the admin who erased.' })
  erasedBy!: string;

  @Field(() => GraphQLDateTime)
  erasedAt!: Date;

  @Field(() => ErasureCountsType)
  counts!: ErasureCountsType;
}

export const ErasureConnection = connectionType(ErasureType, 'Erasure');
