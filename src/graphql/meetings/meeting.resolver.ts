// Virtual sessions: thin adapters over the caller's meeting and session repositories.
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
import type { MeetingParticipant } from '../../domain/meetings/meetingRepository.js';
import type { GraphQLContext } from '../context.js';
import { importAttendanceReport } from '../../domain/meetings/importAttendanceReport.js';
import { BadUserInputError } from '../../lib/errors.js';
import { loadPerson } from '../people/person.resolver.js';
import { PersonType } from '../people/person.type.js';
import { pageOf, toConnection } from '../relay.js';
import { SessionType } from '../sessions/session.type.js';
import {
  AddMeetingIdentityInput,
  ImportAttendanceReportInput,
  MatchMeetingParticipantInput,
  MeetingParticipantsArgs,
  SetSessionMeetingInput,
} from './meeting.input.js';
import {
  AttendanceReportImportType,
  MeetingIdentityType,
  MeetingParticipantConnection,
  MeetingParticipantType,
  ZoomWebhookType,
} from './meeting.type.js';

const toParticipantType = (row: MeetingParticipant) => row as unknown as MeetingParticipantType;

@Resolver(() => SessionType)
export class SessionMeetingResolver {
  @FieldResolver(() => MeetingParticipantConnection, {
    description:
      "Who was in the session's meeting (ADMIN, ANALYST, the cohort's facilitators), by key; `unmatchedOnly` lists those to match.",
  })
  async meetingParticipants(
    @Root() session: SessionType,
    @Args(() => MeetingParticipantsArgs) args: MeetingParticipantsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.loaders.meetingParticipantPages.load({
      sessionId: session.id,
      ...(args.unmatchedOnly ? { unmatchedOnly: true } : {}),
      ...pageOf(args),
    });
    return toConnection(page, toParticipantType);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => AttendanceReportImportType, {
    description:
      "Imports a meeting tool's attendance report (Teams, Meet, or a GENERIC CSV with a column mapping) for a session, all or nothing: replaces an earlier report of the same format and recomputes the session's attendance.",
  })
  async importAttendanceReport(
    @Arg('input', () => ImportAttendanceReportInput) input: ImportAttendanceReportInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, sessions } = context.domain();
    if ((input.content == null) === (input.contentBase64 == null))
      throw new BadUserInputError('give the file as content or as contentBase64, one of them');
    return importAttendanceReport(db, actor, sessions, {
      sessionId: input.sessionId,
      format: input.format,
      content: input.content ?? Buffer.from(input.contentBase64!, 'base64'),
      mapping: input.mapping ?? undefined,
      timeZone: input.timeZone ?? undefined,
      provider: input.provider ?? undefined,
    });
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => SessionType, {
    description: 'Links the session to its meeting and recomputes its attendance from it.',
  })
  async setSessionMeeting(
    @Arg('input', () => SetSessionMeetingInput) input: SetSessionMeetingInput,
    @Ctx() context: GraphQLContext,
  ) {
    return (await context.domain().sessions.linkMeeting(input.sessionId, {
      provider: input.provider,
      meetingId: input.meetingId,
    })) as SessionType;
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => SessionType, {
    description:
      'Unlinks the session from its meeting; attendance computed from it with no other meeting data (reports) behind it is removed and its statements voided; attendance recorded by hand stays.',
  })
  async clearSessionMeeting(
    @Arg('sessionId', () => ID) sessionId: string,
    @Ctx() context: GraphQLContext,
  ) {
    return (await context.domain().sessions.linkMeeting(sessionId, null)) as SessionType;
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => MeetingParticipantType, {
    description:
      "Says who an unmatched participant is: remembered as the learner's meeting identity, and the session's attendance is recomputed.",
  })
  async matchMeetingParticipant(
    @Arg('input', () => MatchMeetingParticipantInput) input: MatchMeetingParticipantInput,
    @Ctx() context: GraphQLContext,
  ) {
    return toParticipantType(await context.domain().meetings.matchParticipant(input));
  }
}

@Resolver(() => MeetingParticipantType)
export class MeetingParticipantResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() participant: MeetingParticipantType, @Ctx() context: GraphQLContext) {
    return participant.personId ? loadPerson(context, participant.personId) : null;
  }
}

@Resolver(() => PersonType)
export class PersonMeetingIdentitiesResolver {
  @FieldResolver(() => [MeetingIdentityType], {
    description: 'Who the person is in meeting tools, for matching participants.',
  })
  meetingIdentities(@Root() person: PersonType, @Ctx() context: GraphQLContext) {
    return context.loaders.meetingIdentitiesByPersonId.load(person.id);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => MeetingIdentityType)
  async addMeetingIdentity(
    @Arg('input', () => AddMeetingIdentityInput) input: AddMeetingIdentityInput,
    @Ctx() context: GraphQLContext,
  ) {
    return (await context.domain().meetings.addIdentity(input)) as MeetingIdentityType;
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => ID, { description: 'Returns its id.' })
  removeMeetingIdentity(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return context.domain().meetings.removeIdentity(id);
  }
}

@Resolver(() => ZoomWebhookType)
export class ZoomWebhookResolver {
  @Authorized('ADMIN')
  @Query(() => ZoomWebhookType, { nullable: true, description: 'Null until configured.' })
  zoomWebhook(@Ctx() context: GraphQLContext) {
    return context.domain().meetings.zoomWebhook();
  }

  @Authorized('ADMIN')
  @Mutation(() => ZoomWebhookType, {
    description:
      "Sets the secret token of the tenant's Zoom app (stored encrypted, never shown again); Zoom posts to the path answered.",
  })
  configureZoomWebhook(
    @Arg('secretToken', () => String) secretToken: string,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().meetings.configureZoom(secretToken);
  }
}
