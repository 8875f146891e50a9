// Face-to-face sessions and attendance, for one actor. A session is visible with its cohort
// (see programRepository); ADMIN, and the FACILITATOR of the cohort, schedule sessions and
// record attendance. Recording attendance also stores an xAPI statement in the same
// transaction: `attended` (present or late) or Jejak's `was-absent` (absent or excused).
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  attendance,
  enrollments,
  people,
  sessions,
  type AttendanceRow,
  type SessionRow,
} from '../../db/schema/index.js';
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import {
  cohortActivity,
  jejakActivityTypes,
  jejakExtensions,
  jejakVerbs,
} from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { Cohort, ProgramRepository } from '../programs/programRepository.js';

export type Session = SessionRow;
export type Attendance = AttendanceRow;
export const attendanceStatuses = ['PRESENT', 'LATE', 'EXCUSED', 'ABSENT'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export function createSessionRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

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

  return {
    async sessionsByIds(ids: readonly string[]): Promise<Session[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tenantId, t), inArray(sessions.id, [...ids])));
      const visible = new Set(
        (await programsOfActor.cohortsByIds(rows.map((row) => row.cohortId))).map((c) => c.id),
      );
      return rows.filter((row) => visible.has(row.cohortId));
    },

    async listSessions(
      cohortId: string,
      page: { first: number; after?: string },
    ): Promise<Page<Session>> {
      const cohort = await cohortFor(cohortId, false);
      const conditions: (SQL | undefined)[] = [
        eq(sessions.tenantId, t),
        eq(sessions.cohortId, cohort.id),
      ];
      if (page.after !== undefined) {
        const [at, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        const time = new Date(at);
        conditions.push(
          or(gt(sessions.startsAt, time), and(eq(sessions.startsAt, time), gt(sessions.id, id))),
        );
      }
      const rows = await db
        .select()
        .from(sessions)
        .where(and(...conditions))
        .orderBy(asc(sessions.startsAt), asc(sessions.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.startsAt.toISOString(), row.id]);
    },

    /** Attendance of several sessions; a LEARNER (without other roles) sees only their own. */
    async attendanceOfSessions(sessionIds: readonly string[]): Promise<Attendance[]> {
      if (sessionIds.length === 0) return [];
      const onlyOwn = !hasRole(actor, 'ADMIN', 'ANALYST', 'FACILITATOR');
      return db
        .select()
        .from(attendance)
        .where(
          and(
            eq(attendance.tenantId, t),
            inArray(attendance.sessionId, [...sessionIds]),
            onlyOwn ? sql`${attendance.personId} in ${actorPersonIds(actor)}` : undefined,
          ),
        )
        .orderBy(asc(attendance.personId));
    },

    async createSession(input: {
      cohortId: string;
      moduleId?: string | null;
      title: string;
      startsAt: Date;
      endsAt: Date;
      place?: string | null;
      onlineLink?: string | null;
    }): Promise<Session> {
      const cohort = await cohortFor(input.cohortId, true);
      if (input.title.trim() === '') throw new BadUserInputError('title: must not be empty');
      if (input.endsAt <= input.startsAt)
        throw new BadUserInputError('endsAt: must be after startsAt');
      if (input.moduleId) {
        const modules = await programsOfActor.modulesOfPrograms([cohort.programId]);
        if (!modules.some((module) => module.id === input.moduleId)) {
          throw new NotFoundError("moduleId: not a module of the cohort's programme");
        }
      }
      const [row] = await db
        .insert(sessions)
        .values({
          tenantId: t,
          cohortId: cohort.id,
          moduleId: input.moduleId ?? null,
          title: input.title.trim(),
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          place: input.place ?? null,
          onlineLink: input.onlineLink ?? null,
        })
        .returning();
      return row!;
    },

    async recordAttendance(input: {
      sessionId: string;
      personId: string;
      status: AttendanceStatus;
    }): Promise<Attendance> {
      const [session] = await this.sessionsByIds([requireUuid(input.sessionId, 'sessionId')]);
      if (session === undefined)
        throw new NotFoundError(`sessionId: no session ${input.sessionId}`);
      const cohort = await cohortFor(session.cohortId, true);
      const personId = requireUuid(input.personId, 'personId');
      return db.transaction(async (tx) => {
        const [enrolled] = await tx
          .select({ person: people })
          .from(enrollments)
          .innerJoin(people, eq(people.id, enrollments.personId))
          .where(
            and(
              eq(enrollments.tenantId, t),
              eq(enrollments.cohortId, cohort.id),
              eq(enrollments.personId, personId),
            ),
          );
        if (enrolled === undefined)
          throw new NotFoundError('personId: not enrolled in the cohort of this session');
        const [row] = await tx
          .insert(attendance)
          .values({
            tenantId: t,
            sessionId: session.id,
            personId,
            status: input.status,
            recordedBy: actor.subject,
          })
          .onConflictDoUpdate({
            target: [attendance.sessionId, attendance.personId],
            set: { status: input.status, recordedBy: actor.subject, recordedAt: sql`now()` },
          })
          .returning();
        const present = input.status === 'PRESENT' || input.status === 'LATE';
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, enrolled.person),
            verb: present ? jejakVerbs.attended : jejakVerbs.wasAbsent,
            object: {
              objectType: 'Activity',
              id: `urn:jejak:session:${session.id}`,
              definition: { name: { 'id-ID': session.title }, type: jejakActivityTypes.meeting },
            },
            result: { extensions: { [jejakExtensions.attendanceStatus]: input.status } },
            context: {
              registration: cohort.registration,
              platform: 'Jejak',
              contextActivities: { parent: [cohortActivity(cohort)] },
            },
            timestamp: row!.recordedAt.toISOString(),
          },
        ]);
        return row!;
      });
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
