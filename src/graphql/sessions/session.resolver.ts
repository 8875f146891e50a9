// Sessions and attendance: thin adapters over the caller's session repository.
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Attendance, Session } from '../../domain/sessions/sessionRepository.js';
import { encodeCursor } from '../../lib/cursor.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { CohortType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import { CreateSessionInput, RecordAttendanceInput } from './session.input.js';
import { AttendanceType, SessionConnection, SessionType } from './session.type.js';

const toSessionType = (session: Session) => session as SessionType;
const toAttendanceType = (row: Attendance) => row as unknown as AttendanceType;

@Resolver(() => CohortType)
export class CohortSessionsResolver {
  @FieldResolver(() => SessionConnection, { description: 'By start time.' })
  async sessions(
    @Root() cohort: CohortType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.domain().sessions.listSessions(cohort.id, pageOf(args));
    return toConnection(
      page,
      (session) => encodeCursor([session.startsAt.toISOString(), session.id]),
      toSessionType,
    );
  }
}

@Resolver(() => SessionType)
export class SessionResolver {
  @FieldResolver(() => [AttendanceType], { description: 'A learner sees only their own.' })
  async attendance(@Root() session: SessionType, @Ctx() context: GraphQLContext) {
    return (await context.loaders.attendanceBySessionId.load(session.id)).map(toAttendanceType);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => SessionType)
  async createSession(
    @Arg('input', () => CreateSessionInput) input: CreateSessionInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toSessionType(await context.domain().sessions.createSession(input));
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => AttendanceType, {
    description: 'Also records an xAPI statement (attended / was-absent).',
  })
  async recordAttendance(
    @Arg('input', () => RecordAttendanceInput) input: RecordAttendanceInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toAttendanceType(await context.domain().sessions.recordAttendance(input));
  }
}

@Resolver(() => AttendanceType)
export class AttendanceResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() row: AttendanceType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.personId);
  }
}
