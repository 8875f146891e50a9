// From a session's meeting data to its attendance, inside the caller's transaction: Zoom's
// events of the linked meeting and the intervals of imported reports become participants,
// who are matched to the cohort's learners (email first, then their meeting identities);
// each learner's intervals give PRESENT / LATE / ABSENT under the programme's rule, once
// the session has ended (before, only its participants are refreshed). Rows a facilitator
// recorded by hand are left as they are; unchanged ones are not written again; computed rows
// of a session left without meeting data are removed, their statements voided.
import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import {
  attendance,
  cohorts,
  enrollments,
  meetingEvents,
  meetingParticipants,
  meetingReportIntervals,
  modules,
  people,
  personMeetingIdentities,
  programs,
  sessions,
} from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import {
  removeMeetingAttendance,
  writeAttendance,
  type AttendanceWrite,
} from '../sessions/writeAttendance.js';
import {
  meetingAttendance,
  mergeIntervals,
  normalIdentity,
  participantKey,
  participantsFromZoomEvents,
  type MeetingParticipantInput,
  type PresenceInterval,
} from './meetingAttendance.js';

/** Zoom events this long before a session's start or after its end may belong to it. */
export const eventWindowMs = 4 * 60 * 60_000;

/** Who writes computed attendance (Attendance.recordedBy). */
export const meetingRecorder = 'jejak:meetings';

export interface RecomputeSummary {
  participants: number;
  unmatched: number;
  /** Attendance rows written (new or changed). */
  written: number;
}

interface Participant extends MeetingParticipantInput {
  provider: string;
  key: string;
  personId: string | null;
}

export async function recomputeMeetingAttendance(
  tx: JejakTransaction,
  tenantId: string,
  sessionId: string,
  now: Date = new Date(),
): Promise<RecomputeSummary> {
  // Locked: two recomputations of one session (the worker, a facilitator) run one by one.
  const [session] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)))
    .for('update');
  if (session === undefined) throw new NotFoundError(`sessionId: no session ${sessionId}`);
  const openUntil = new Date(Math.min(now.getTime(), session.endsAt.getTime()));

  const gathered: Participant[] = [];
  if (session.meetingProvider === 'ZOOM' && session.meetingId !== null) {
    const events = await tx
      .select()
      .from(meetingEvents)
      .where(
        and(
          eq(meetingEvents.tenantId, tenantId),
          eq(meetingEvents.provider, 'ZOOM'),
          eq(meetingEvents.meetingId, session.meetingId),
          gte(meetingEvents.at, new Date(session.startsAt.getTime() - eventWindowMs)),
          lte(meetingEvents.at, new Date(session.endsAt.getTime() + eventWindowMs)),
        ),
      );
    for (const participant of participantsFromZoomEvents(events, openUntil)) {
      gathered.push({ ...participant, provider: 'ZOOM', key: '', personId: null });
    }
  }
  const reported = await tx
    .select()
    .from(meetingReportIntervals)
    .where(
      and(
        eq(meetingReportIntervals.tenantId, tenantId),
        eq(meetingReportIntervals.sessionId, session.id),
      ),
    );
  for (const row of reported) {
    gathered.push({
      provider: row.provider,
      key: '',
      personId: null,
      name: row.name,
      email: row.email,
      providerUserId: row.providerUserId,
      intervals: [{ joinedAt: row.joinedAt, leftAt: row.leftAt }],
    });
  }
  // One participant per provider and key, whichever source saw them.
  const byKey = new Map<string, Participant>();
  for (const participant of gathered) {
    const key = participantKey(participant);
    const known = byKey.get(`${participant.provider} ${key}`);
    if (known === undefined) byKey.set(`${participant.provider} ${key}`, { ...participant, key });
    else known.intervals.push(...participant.intervals);
  }
  const participants = [...byKey.values()].filter(
    (participant) => participant.intervals.length > 0,
  );

  const [cohort] = await tx
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.id, session.cohortId)));
  const [program] = await tx
    .select()
    .from(programs)
    .where(and(eq(programs.tenantId, tenantId), eq(programs.id, cohort!.programId)));
  const module =
    session.moduleId === null
      ? null
      : ((
          await tx
            .select()
            .from(modules)
            .where(and(eq(modules.tenantId, tenantId), eq(modules.id, session.moduleId)))
        )[0] ?? null);
  // Who may attend: the cohort's learners, but not those who withdrew.
  const learners = await tx
    .select({ id: people.id, email: people.email })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(
      and(
        eq(enrollments.tenantId, tenantId),
        eq(enrollments.cohortId, cohort!.id),
        ne(enrollments.status, 'WITHDRAWN'),
      ),
    );
  await matchParticipants(tx, tenantId, participants, learners);

  await tx
    .delete(meetingParticipants)
    .where(
      and(
        eq(meetingParticipants.tenantId, tenantId),
        eq(meetingParticipants.sessionId, session.id),
      ),
    );
  if (participants.length > 0) {
    await tx.insert(meetingParticipants).values(
      participants.map((participant) => ({
        tenantId,
        sessionId: session.id,
        provider: participant.provider,
        participantKey: participant.key,
        name: participant.name,
        email: participant.email,
        providerUserId: participant.providerUserId ?? null,
        personId: participant.personId,
        minutesPresent: minutesWithin(participant.intervals, session),
        firstJoinedAt: new Date(
          Math.min(...participant.intervals.map((interval) => interval.joinedAt.getTime())),
        ),
      })),
    );
  }
  const unmatched = participants.filter((participant) => participant.personId === null).length;
  // No meeting data (none yet, or the session was unlinked or relinked to a meeting without
  // any): nothing to say about anyone's attendance, and what was computed before goes.
  if (participants.length === 0) {
    await removeMeetingAttendance(tx, tenantId, session.id);
    return { participants: 0, unmatched: 0, written: 0 };
  }
  // While the session runs, its participants are shown but attendance waits for its end
  // (the worker writes it then): a partial presence is no absence.
  if (now < session.endsAt) return { participants: participants.length, unmatched, written: 0 };

  const rule = {
    graceMinutes: program!.attendanceGraceMinutes,
    minShare: program!.attendanceMinShare,
  };
  const current = new Map(
    (
      await tx
        .select()
        .from(attendance)
        .where(and(eq(attendance.tenantId, tenantId), eq(attendance.sessionId, session.id)))
    ).map((row) => [row.personId, row]),
  );
  const writes: AttendanceWrite[] = [];
  for (const learner of learners) {
    const intervals = participants
      .filter((participant) => participant.personId === learner.id)
      .flatMap((participant) => participant.intervals);
    const computed = meetingAttendance(intervals, session, rule);
    const row = current.get(learner.id);
    // A facilitator's own record stands; an unchanged one is not written again.
    if (row?.source === 'MANUAL') continue;
    if (row?.status === computed.status && row.minutesPresent === computed.minutesPresent) continue;
    writes.push({
      personId: learner.id,
      status: computed.status,
      minutesPresent: computed.minutesPresent,
    });
  }
  const written = await writeAttendance(tx, tenantId, {
    session,
    cohort: cohort!,
    program: program!,
    module,
    source: 'MEETING',
    recordedBy: meetingRecorder,
    records: writes,
  });
  return { participants: participants.length, unmatched, written: written.length };
}

function minutesWithin(intervals: PresenceInterval[], session: { startsAt: Date; endsAt: Date }) {
  const merged = mergeIntervals(intervals, session.startsAt, session.endsAt);
  const ms = merged.reduce((sum, i) => sum + i.leftAt.getTime() - i.joinedAt.getTime(), 0);
  return Math.floor(ms / 60_000);
}

/**
 * Sets each participant's person: the learner whose email is theirs, else the learner one of
 * whose meeting identities (of the participant's provider) is their email, user id or name,
 * in that order. Participants matching nobody enrolled stay unmatched.
 */
async function matchParticipants(
  tx: JejakTransaction,
  tenantId: string,
  participants: Participant[],
  learners: { id: string; email: string | null }[],
) {
  const enrolled = new Set(learners.map((learner) => learner.id));
  const byEmail = new Map<string, string>();
  for (const learner of learners) {
    const email = normalIdentity(learner.email);
    if (email !== null) byEmail.set(email, learner.id);
  }
  const candidates = (participant: Participant) =>
    [participant.email, participant.providerUserId, participant.name]
      .map(normalIdentity)
      .filter((value): value is string => value !== null);
  const wanted = [...new Set(participants.flatMap(candidates))];
  const identities =
    wanted.length === 0
      ? []
      : await tx
          .select()
          .from(personMeetingIdentities)
          .where(
            and(
              eq(personMeetingIdentities.tenantId, tenantId),
              // As the unique index (tenant, provider, identity) is ordered.
              inArray(personMeetingIdentities.provider, [
                ...new Set(participants.map((participant) => participant.provider)),
              ]),
              inArray(personMeetingIdentities.identity, wanted),
            ),
          );
  const known = new Map(
    identities.map((row) => [`${row.provider} ${row.identity}`, row.personId] as const),
  );
  for (const participant of participants) {
    const email = normalIdentity(participant.email);
    const byOwnEmail = email === null ? undefined : byEmail.get(email);
    if (byOwnEmail !== undefined) {
      participant.personId = byOwnEmail;
      continue;
    }
    for (const candidate of candidates(participant)) {
      const personId = known.get(`${participant.provider} ${candidate}`);
      if (personId !== undefined && enrolled.has(personId)) {
        participant.personId = personId;
        break;
      }
    }
  }
}

/** The sessions held in a Zoom meeting whose time (with the event window) includes `at`. */
export async function sessionsOfZoomMeeting(
  tx: JejakTransaction,
  tenantId: string,
  meetingId: string,
  from: Date,
  until: Date,
) {
  return tx
    .select({ id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.meetingProvider, 'ZOOM'),
        eq(sessions.meetingId, meetingId),
        lte(sessions.startsAt, new Date(until.getTime() + eventWindowMs)),
        gte(sessions.endsAt, new Date(from.getTime() - eventWindowMs)),
      ),
    );
}
