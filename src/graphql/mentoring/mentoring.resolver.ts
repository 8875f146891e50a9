// Mentor assignments and check-ins: thin adapters over the caller's mentoring repository.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { encodeCursor } from '../../lib/cursor.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import type {
  CoachingCheckIn,
  MentorAssignment,
} from '../../domain/mentoring/mentoringRepository.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { CohortType } from '../programs/program.type.js';
import { AssignMentorInput, RecordCheckInInput } from './mentoring.input.js';
import {
  CoachingCheckInType,
  MentorAssignmentConnection,
  MentorAssignmentType,
} from './mentoring.type.js';

const toAssignmentType = (row: MentorAssignment) => row as MentorAssignmentType;
const toCheckInType = (row: CoachingCheckIn) => row as unknown as CoachingCheckInType;

@Resolver(() => CohortType)
export class CohortMentoringResolver {
  @FieldResolver(() => [MentorAssignmentType], { description: 'As the caller may see them.' })
  async mentorAssignments(@Root() cohort: CohortType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.assignmentsByCohortId.load(cohort.id)).map(toAssignmentType);
  }
}

@Resolver(() => MentorAssignmentType)
export class MentorAssignmentResolver {
  @Authorized()
  @Query(() => MentorAssignmentConnection, {
    description: 'As the caller may see them: a mentor their mentees, a learner their mentors.',
  })
  async mentorAssignments(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    const page = await context.domain().mentoring.listAssignments(pageOf(args));
    return toConnection(
      page,
      (row) => encodeCursor([row.createdAt.toISOString(), row.id]),
      toAssignmentType,
    );
  }

  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(row.cohortId);
    return cohort ? (cohort as CohortType) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true })
  async mentor(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.mentorId);
  }

  @FieldResolver(() => PersonType, { nullable: true })
  async mentee(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.menteeId);
  }

  @FieldResolver(() => [CoachingCheckInType], { description: 'By date.' })
  async checkIns(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.checkInsByAssignmentId.load(row.id)).map(toCheckInType);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => MentorAssignmentType)
  async assignMentor(
    @Arg('input', () => AssignMentorInput) input: AssignMentorInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toAssignmentType(await context.domain().mentoring.assignMentor(input));
  }

  @Authorized('MENTOR')
  @Mutation(() => CoachingCheckInType, {
    description: 'Also records an xAPI statement, without the notes.',
  })
  async recordCheckIn(
    @Arg('input', () => RecordCheckInInput) input: RecordCheckInInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toCheckInType(await context.domain().mentoring.recordCheckIn(input));
  }
}
