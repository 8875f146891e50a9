// Sessions and attendance: thin adapters over the caller's session repository.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import type { Attendance, Session } from '../../domain/sessions/sessionRepository.js';
import { presentOnly } from '../../lib/definedOnly.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toCohortType } from '../programs/cohort.resolver.js';
import { CohortType, ModuleType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CreateSessionInput,
  RecordAttendanceInput,
  RecordSessionAttendanceInput,
  SessionsArgs,
  UpdateSessionInput,
} from './session.input.js';
import {
  AttendanceConnection,
  AttendanceType,
  SessionConnection,
  SessionType,
} from './session.type.js';

const toSessionType = (session: Session) => session as SessionType;
const toAttendanceType = (row: Attendance) => row as unknown as AttendanceType;

@Resolver(() => CohortType)
export class CohortSessionsResolver {
  @FieldResolver(() => SessionConnection, { description: 'By start time.' })
  async sessions(
    @Root() cohort: CohortType,
    @Args(() => SessionsArgs) args: SessionsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.sessionPages.load({
      cohortId: cohort.id,
      ...presentOnly({ from: args.from, until: args.until }),
      ...pageOf(args),
    });
    return toConnection(page, toSessionType);
  }
}

@Resolver(() => SessionType)
export class SessionResolver {
  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() session: SessionType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(session.cohortId);
    return cohort ? toCohortType(cohort) : null;
  }

  @FieldResolver(() => ModuleType, { nullable: true })
  async module(@Root() session: SessionType, @Ctx() context: GraphQLContext) {
    return session.moduleId
      ? ((await context.loaders.moduleById.load(session.moduleId)) ?? null)
      : null;
  }

  @FieldResolver(() => AttendanceConnection, {
    description: 'By person; a learner sees only their own.',
  })
  async attendance(
    @Root() session: SessionType,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.attendancePages.load({
      sessionId: session.id,
      ...pageOf(args),
    });
    return toConnection(page, toAttendanceType);
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
  @Mutation(() => SessionType)
  async updateSession(
    @Arg('input', () => UpdateSessionInput) input: UpdateSessionInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return toSessionType(await context.domain().sessions.updateSession(id, changes));
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => ID, { description: 'Only a session without attendance; returns its id.' })
  deleteSession(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().sessions.deleteSession(id);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => AttendanceType, {
    description:
      'Also records an xAPI statement (attended / was-absent); attending a session of a module starts that module.',
  })
  async recordAttendance(
    @Arg('input', () => RecordAttendanceInput) input: RecordAttendanceInput,
    @Ctx() context: GraphQLContext,
  ) {
    const [row] = await context.domain().sessions.recordAttendance({
      sessionId: input.sessionId,
      records: [{ personId: input.personId, status: input.status }],
    });
    return toAttendanceType(row!);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => [AttendanceType], {
    description:
      "A session's attendance at once (at most 500 learners), all or nothing, each also an xAPI statement.",
  })
  async recordSessionAttendance(
    @Arg('input', () => RecordSessionAttendanceInput) input: RecordSessionAttendanceInput,
    @Ctx() context: GraphQLContext,
  ) {
    return (await context.domain().sessions.recordAttendance(input)).map(toAttendanceType);
  }
}

@Resolver(() => AttendanceType)
export class AttendanceResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() row: AttendanceType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, row.personId);
  }

  @FieldResolver(() => SessionType, { nullable: true })
  async session(@Root() row: AttendanceType, @Ctx() context: GraphQLContext) {
    const session = await context.loaders.sessionById.load(row.sessionId);
    return session ? toSessionType(session) : null;
  }
}
