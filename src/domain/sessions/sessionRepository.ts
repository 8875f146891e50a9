// Face-to-face sessions and attendance, for one actor. A session is visible with its cohort
// (see programRepository); ADMIN, and the FACILITATOR of the cohort, schedule sessions and
// record attendance. Recording attendance also stores an xAPI statement in the same
// transaction: `attended` (present or late) or Jejak's `was-absent` (absent or excused),
// with the session's module as parent, so attending starts the learner's progress there.
import { and, eq, getTableColumns, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import type { JejakDb } from '../../db/client.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { idKey, keysetOrder, timestampKey, type PageRequest } from '../../db/keyset.js';
import {
  attendance,
  cohortFacilitators,
  sessions,
  type AttendanceRow,
  type SessionRow,
} from '../../db/schema/index.js';
import { requireStorableTime } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { isUuid, optionalUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import { writeAttendance } from './writeAttendance.js';
import { normalMeetingId, requireMeetingProvider } from '../meetings/meetingLink.js';
import { recomputeMeetingAttendance } from '../meetings/recomputeMeetingAttendance.js';
import type { Cohort, ProgramRepository } from '../programs/programRepository.js';

export type Session = SessionRow;
export type Attendance = AttendanceRow;
export const attendanceStatuses = ['PRESENT', 'LATE', 'EXCUSED', 'ABSENT'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export interface NewSession {
  cohortId: string;
  moduleId?: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place?: string | null;
  onlineLink?: string | null;
}

/** The most attendance records one call writes (a large cohort's session). */
export const maxRecordsPerCall = 500;

export type SessionChanges = Partial<Omit<NewSession, 'cohortId'>>;

export interface SessionFilter {
  /** Sessions starting at or after this instant. */
  from?: Date;
  /** Sessions starting before this instant. */
  until?: Date;
}

const sessionOrder = keysetOrder<Session>('sessions', 'STARTS_AT', 'ASC', [
  timestampKey(sessions.startsAt, (row) => row.startsAt),
  idKey(sessions.id, (row) => row.id),
]);

/** The primary key (session, person) is the order: one index range per session. */
const attendanceOrder = keysetOrder<Attendance>('attendance', 'PERSON', 'ASC', [
  idKey(attendance.personId, (row) => row.personId),
]);

export function createSessionRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;
  const sessionVisible = and(
    eq(sessions.tenantId, t),
    sql`${sessions.cohortId} in ${programsOfActor.visibleCohortIds}`,
  )!;
  // Attendance is seen with its session: all of it by ADMIN, ANALYST and the facilitators of
  // the session's cohort; by anyone else (a learner, a mentor) only their own.
  const me = actorPersonIds(actor);
  const attendanceVisible: SQL = and(
    eq(attendance.tenantId, t),
    sql`${attendance.sessionId} in (select ${sessions.id} from ${sessions} where ${sessionVisible})`,
    hasRole(actor, 'ADMIN', 'ANALYST')
      ? undefined
      : or(
          hasRole(actor, 'FACILITATOR')
            ? sql`${attendance.sessionId} in (select s.id from ${sessions} s
                join ${cohortFacilitators} f on f.cohort_id = s.cohort_id
                where s.tenant_id = ${t} and f.person_id in ${me})`
            : undefined,
          sql`${attendance.personId} in ${me}`,
        ),
  )!;

  /** The cohort, if the actor may see it; writing also needs ADMIN or facilitating it. */
  async function cohortFor(cohortId: string, write: boolean): Promise<Cohort> {
    const [cohort] = await programsOfActor.cohortsByIds([requireUuid(cohortId, 'cohortId')]);
    if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${cohortId}`);
    if (write) {
      await programsOfActor.requireAdminOrFacilitator(
        cohort.id,
        'only an ADMIN or a facilitator of the cohort may do this',
      );
    }
    return cohort;
  }

  async function requireSession(id: string, field: string): Promise<Session> {
    const [session] = await db
      .select()
      .from(sessions)
      .where(and(sessionVisible, eq(sessions.id, requireUuid(id, field))));
    if (session === undefined) throw new NotFoundError(`${field}: no session ${id}`);
    return session;
  }

  /** A module of the cohort's programme, or null when none is given. */
  async function moduleOfCohort(cohort: Cohort, moduleId: string | null | undefined) {
    const id = optionalUuid(moduleId, 'moduleId');
    if (id === null) return null;
    const modules = await programsOfActor.modulesOfPrograms([cohort.programId]);
    const module = modules.find((candidate) => candidate.id === id);
    if (module === undefined)
      throw new NotFoundError("moduleId: not a module of the cohort's programme");
    return module;
  }

  return {
    async sessionsByIds(ids: readonly string[]): Promise<Session[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(sessions)
        .where(and(sessionVisible, inArray(sessions.id, [...ids])));
    },

    /** Pages of several cohorts' sessions by start time, in one query. */
    async sessionPages(
      requests: readonly (PageRequest & SessionFilter & { cohortId: string })[],
    ): Promise<BatchedPage<Session>[]> {
      return batchedPages(
        requests,
        sessionOrder,
        (request) => request.cohortId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(sessions) })
            .from(sessions)
            .where(
              and(
                sessionVisible,
                eq(sessions.cohortId, request.cohortId),
                request.from !== undefined
                  ? gte(sessions.startsAt, requireStorableTime(request.from, 'from'))
                  : undefined,
                request.until !== undefined
                  ? lt(sessions.startsAt, requireStorableTime(request.until, 'until'))
                  : undefined,
                after,
              ),
            ),
      );
    },

    /** Pages of several sessions' attendance, in one query. */
    async attendancePages(
      requests: readonly (PageRequest & { sessionId: string })[],
    ): Promise<BatchedPage<Attendance>[]> {
      return batchedPages(
        requests,
        attendanceOrder,
        (request) => request.sessionId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(attendance) })
            .from(attendance)
            .where(and(attendanceVisible, eq(attendance.sessionId, request.sessionId), after)),
      );
    },

    async createSession(input: NewSession): Promise<Session> {
      const cohort = await cohortFor(input.cohortId, true);
      checkSession(input);
      const module = await moduleOfCohort(cohort, input.moduleId);
      const [row] = await db
        .insert(sessions)
        .values({
          tenantId: t,
          cohortId: cohort.id,
          moduleId: module?.id ?? null,
          title: input.title.trim(),
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          place: input.place ?? null,
          onlineLink: input.onlineLink ?? null,
        })
        .returning();
      return row!;
    },

    /** Reschedules or renames a session; the fields left out stay as they are. */
    async updateSession(id: string, changes: SessionChanges): Promise<Session> {
      const current = await requireSession(id, 'id');
      const cohort = await cohortFor(current.cohortId, true);
      const next = { ...current, ...changesOf(changes, ['title', 'startsAt', 'endsAt']) };
      checkSession(next);
      const module = await moduleOfCohort(cohort, next.moduleId);
      const [row] = await db
        .update(sessions)
        .set({
          moduleId: module?.id ?? null,
          title: next.title.trim(),
          startsAt: next.startsAt,
          endsAt: next.endsAt,
          place: next.place,
          onlineLink: next.onlineLink,
        })
        .where(and(eq(sessions.tenantId, t), eq(sessions.id, current.id)))
        .returning();
      return row!;
    },

    /** Throws unless the actor may write to the session's cohort (ADMIN, its facilitators). */
    async requireWritable(session: Session): Promise<void> {
      await cohortFor(session.cohortId, true);
    },

    /**
     * Links the session to a meeting (or unlinks it, with null) and recomputes its attendance
     * from what the meeting tool and imported reports say.
     */
    async linkMeeting(
      id: string,
      link: { provider: string; meetingId: string } | null,
    ): Promise<Session> {
      const current = await requireSession(id, 'sessionId');
      await cohortFor(current.cohortId, true);
      const provider = link === null ? null : requireMeetingProvider(link.provider);
      const meetingId = link === null ? null : normalMeetingId(provider!, link.meetingId);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(sessions)
          .set({ meetingProvider: provider, meetingId })
          .where(and(eq(sessions.tenantId, t), eq(sessions.id, current.id)))
          .returning();
        await recomputeMeetingAttendance(tx, t, current.id);
        return row!;
      });
    },

    /** Only a session without attendance goes: attendance is a learning record. */
    async deleteSession(id: string): Promise<string> {
      const session = await requireSession(id, 'id');
      await cohortFor(session.cohortId, true);
      try {
        await db.delete(sessions).where(and(eq(sessions.tenantId, t), eq(sessions.id, session.id)));
      } catch (error) {
        throw conflictFrom(error, { referenced: 'the session has attendance recorded' });
      }
      return session.id;
    },

    /**
     * Records the attendance of one or more enrolled learners at a session, all or nothing,
     * each with its xAPI statement (attended, or Jejak's was-absent).
     */
    async recordAttendance(input: {
      sessionId: string;
      records: { personId: string; status: AttendanceStatus }[];
    }): Promise<Attendance[]> {
      const session = await requireSession(input.sessionId, 'sessionId');
      const cohort = await cohortFor(session.cohortId, true);
      if (input.records.length > maxRecordsPerCall) {
        throw new BadUserInputError(`records: at most ${maxRecordsPerCall} at once`);
      }
      const records = input.records.map((record, index) => ({
        personId: requireUuid(record.personId, `records[${index}].personId`),
        status: record.status,
      }));
      if (new Set(records.map((record) => record.personId)).size !== records.length) {
        throw new BadUserInputError('records: a person is listed twice');
      }
      if (records.length === 0) return [];
      const [program] = await programsOfActor.programsByIds([cohort.programId]);
      const module = session.moduleId ? await moduleOfCohort(cohort, session.moduleId) : null;
      return db.transaction((tx) =>
        writeAttendance(tx, t, {
          session,
          cohort,
          program: program!,
          module,
          source: 'MANUAL',
          recordedBy: actor.subject,
          records,
        }),
      );
    },
  };
}

function checkSession(session: { title: string; startsAt: Date; endsAt: Date }) {
  if (session.title.trim() === '') throw new BadUserInputError('title: must not be empty');
  requireStorableTime(session.startsAt, 'startsAt');
  requireStorableTime(session.endsAt, 'endsAt');
  if (session.endsAt <= session.startsAt)
    throw new BadUserInputError('endsAt: must be after startsAt');
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
