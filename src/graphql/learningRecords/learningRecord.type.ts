// What the learning records kept from statements show, as GraphQL types.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../relay.js';

@ObjectType('EnrollmentActivity', {
  description: "Counts kept from the learner's statements in the cohort, as they arrive.",
})
export class EnrollmentActivityType {
  @Field(() => Int, { description: 'Statements in which the learner took part.' })
  statements!: number;

  @Field(() => Int, { description: 'Forum discussions started.' })
  forumPosts!: number;

  @Field(() => Int)
  forumReplies!: number;

  @Field(() => Int, { description: 'The sum of the durations the statements report.' })
  timeSpentSeconds!: number;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastActivityAt!: Date | null;
}

@ObjectType('UnknownActor', {
  description:
    'An actor of stored statements that no person has. Add the identity to the right person (createPerson, updatePerson) and the statements become theirs.',
})
export class UnknownActorType {
  @Field(() => String, { description: '`account`, `mbox`, `mbox_sha1sum` or `openid`.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: "The account's homePage." })
  homePage!: string | null;

  @Field(() => String, { description: 'The account name, or the mbox, sha1 or openid.' })
  name!: string;

  @Field(() => Int)
  statements!: number;

  @Field(() => GraphQLDateTime)
  lastSeenAt!: Date;
}

export const UnknownActorConnection = connectionType(UnknownActorType, 'UnknownActor');
