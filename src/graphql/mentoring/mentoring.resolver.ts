// Mentor assignments and check-ins: thin adapters over the caller's mentoring repository.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { presentOnly } from '../../lib/definedOnly.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import type {
  CoachingCheckIn,
  MentorAssignment,
} from '../../domain/mentoring/mentoringRepository.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toCohortType } from '../programs/cohort.resolver.js';
import { CohortType } from '../programs/program.type.js';
import {
  AssignMentorInput,
  MentorAssignmentsArgs,
  RecordCheckInInput,
  UpdateCheckInInput,
  UpdateMentorAssignmentInput,
} from './mentoring.input.js';
import {
  CoachingCheckInType,
  MentorAssignmentConnection,
  MentorAssignmentType,
} from './mentoring.type.js';

const toAssignmentType = (row: MentorAssignment) => row as MentorAssignmentType;
const toCheckInType = (row: CoachingCheckIn) => row as unknown as CoachingCheckInType;

@Resolver(() => CohortType)
export class CohortMentoringResolver {
  @FieldResolver(() => MentorAssignmentConnection, {
    description: 'As the caller may see them, in the order they were made.',
  })
  async mentorAssignments(
    @Root() cohort: CohortType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.assignmentPages.load({
      cohortId: cohort.id,
      ...pageOf(args),
    });
    return toConnection(page, toAssignmentType);
  }
}

@Resolver(() => MentorAssignmentType)
export class MentorAssignmentResolver {
  @Authorized()
  @Query(() => MentorAssignmentConnection, {
    description: 'As the caller may see them: a mentor their mentees, a learner their mentors.',
  })
  async mentorAssignments(
    @Args(() => MentorAssignmentsArgs) args: MentorAssignmentsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .mentoring.listAssignments(
        presentOnly({ cohortId: args.cohortId, mentorId: args.mentorId, menteeId: args.menteeId }),
        pageOf(args),
      );
    return toConnection(page, toAssignmentType);
  }

  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(row.cohortId);
    return cohort ? toCohortType(cohort) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true })
  async mentor(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.mentorId);
  }

  @FieldResolver(() => PersonType, { nullable: true })
  async mentee(@Root() row: MentorAssignmentType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.menteeId);
  }

  @FieldResolver(() => [CoachingCheckInType], {
    description: 'By date (one every few weeks: not paginated).',
  })
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

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => MentorAssignmentType)
  async updateMentorAssignment(
    @Arg('input', () => UpdateMentorAssignmentInput) input: UpdateMentorAssignmentInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toAssignmentType(await context.domain().mentoring.updateAssignment(id, changes));
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => ID, { description: 'Only an assignment without check-ins; returns its id.' })
  deleteMentorAssignment(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().mentoring.deleteAssignment(id);
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

  @Authorized('MENTOR')
  @Mutation(() => CoachingCheckInType, {
    description: 'The mentor corrects a check-in; the xAPI statement it recorded stays.',
  })
  async updateCheckIn(
    @Arg('input', () => UpdateCheckInInput) input: UpdateCheckInInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toCheckInType(await context.domain().mentoring.updateCheckIn(id, changes));
  }
}
