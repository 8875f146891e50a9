// Mentor assignments and coaching check-ins, for one actor. An assignment is visible to
// ADMIN and ANALYST, the cohort's facilitators, its mentor and its mentee. Check-in notes,
// next steps and SKP progress are private to the mentor, the mentee and the cohort's
// facilitators: everyone else (ADMIN and ANALYST included) gets the check-in without them.
// The mentor records check-ins; each also stores an xAPI statement (without the notes).
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  coachingCheckIns,
  cohortFacilitators,
  enrollments,
  mentorAssignments,
  people,
  type CoachingCheckInRow,
  type MentorAssignmentRow,
} from '../../db/schema/index.js';
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import {
  cohortActivity,
  jejakActivityTypes,
  jejakVerbs,
} from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type MentorAssignment = MentorAssignmentRow;
/** A check-in as the actor may see it: private fields null unless they may read them. */
export type CoachingCheckIn = CoachingCheckInRow & { private: boolean };
export const checkInChannels = ['IN_PERSON', 'VIDEO', 'FORUM'] as const;

export function createMentoringRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;
  const me = actorPersonIds(actor);
  const facilitatesCohortOf = sql`${mentorAssignments.cohortId} in
    (select cohort_id from ${cohortFacilitators} where person_id in ${me})`;
  /** Mentor, mentee or facilitator of the assignment: who reads the private fields. */
  const insider = or(
    sql`${mentorAssignments.mentorId} in ${me}`,
    sql`${mentorAssignments.menteeId} in ${me}`,
    facilitatesCohortOf,
  )!;
  const assignmentVisible: SQL = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(mentorAssignments.tenantId, t)
    : and(eq(mentorAssignments.tenantId, t), insider)!;

  return {
    async assignmentsByIds(ids: readonly string[]): Promise<MentorAssignment[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(mentorAssignments)
        .where(and(assignmentVisible, inArray(mentorAssignments.id, [...ids])));
    },

    /** The assignments the actor may see, oldest first (keyset on created_at, id). */
    async listAssignments(page: {
      first: number;
      after?: string;
    }): Promise<Page<MentorAssignment>> {
      const conditions: (SQL | undefined)[] = [assignmentVisible];
      if (page.after !== undefined) {
        const [at, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        const time = new Date(at);
        conditions.push(
          or(
            gt(mentorAssignments.createdAt, time),
            and(eq(mentorAssignments.createdAt, time), gt(mentorAssignments.id, id)),
          ),
        );
      }
      const rows = await db
        .select()
        .from(mentorAssignments)
        .where(and(...conditions))
        .orderBy(asc(mentorAssignments.createdAt), asc(mentorAssignments.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.createdAt.toISOString(), row.id]);
    },

    async assignmentsOfCohorts(cohortIds: readonly string[]): Promise<MentorAssignment[]> {
      if (cohortIds.length === 0) return [];
      return db
        .select()
        .from(mentorAssignments)
        .where(and(assignmentVisible, inArray(mentorAssignments.cohortId, [...cohortIds])))
        .orderBy(asc(mentorAssignments.createdAt), asc(mentorAssignments.id));
    },

    async checkInsOfAssignments(assignmentIds: readonly string[]): Promise<CoachingCheckIn[]> {
      if (assignmentIds.length === 0) return [];
      const rows = await db
        .select({ checkIn: coachingCheckIns, private: sql<boolean>`${insider}` })
        .from(coachingCheckIns)
        .innerJoin(mentorAssignments, eq(mentorAssignments.id, coachingCheckIns.assignmentId))
        .where(and(assignmentVisible, inArray(coachingCheckIns.assignmentId, [...assignmentIds])))
        .orderBy(asc(coachingCheckIns.heldOn), asc(coachingCheckIns.id));
      return rows.map(({ checkIn, private: mayRead }) =>
        mayRead
          ? { ...checkIn, private: true }
          : { ...checkIn, notes: null, nextSteps: null, skpProgress: null, private: false },
      );
    },

    /** ADMIN or a facilitator of the cohort assigns a mentor to a learner enrolled in it. */
    async assignMentor(input: {
      cohortId: string;
      mentorId: string;
      menteeId: string;
      startsOn?: string | null;
      endsOn?: string | null;
    }): Promise<MentorAssignment> {
      const [cohort] = await programsOfActor.cohortsByIds([
        requireUuid(input.cohortId, 'cohortId'),
      ]);
      if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${input.cohortId}`);
      await programsOfActor.requireAdminOrFacilitator(
        cohort.id,
        'only an ADMIN or a facilitator of the cohort assigns mentors',
      );
      const mentorId = requireUuid(input.mentorId, 'mentorId');
      const menteeId = requireUuid(input.menteeId, 'menteeId');
      if (mentorId === menteeId)
        throw new BadUserInputError('mentorId: a learner cannot mentor themselves');
      const [mentor] = await db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.tenantId, t), eq(people.id, mentorId)));
      if (mentor === undefined) throw new NotFoundError(`mentorId: no person ${input.mentorId}`);
      const [enrolled] = await db
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(
          and(
            eq(enrollments.tenantId, t),
            eq(enrollments.cohortId, cohort.id),
            eq(enrollments.personId, menteeId),
          ),
        );
      if (enrolled === undefined) throw new NotFoundError('menteeId: not enrolled in that cohort');
      const [row] = await db
        .insert(mentorAssignments)
        .values({
          tenantId: t,
          cohortId: cohort.id,
          mentorId,
          menteeId,
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
        })
        .onConflictDoNothing()
        .returning();
      if (row === undefined)
        throw new BadUserInputError(
          'this mentor is already assigned to this learner in the cohort',
        );
      return row;
    },

    /** The assignment's mentor records a check-in. */
    async recordCheckIn(input: {
      assignmentId: string;
      heldOn: string;
      channel: (typeof checkInChannels)[number];
      notes?: string | null;
      nextSteps?: string | null;
      skpProgress?: string | null;
    }): Promise<CoachingCheckIn> {
      const [assignment] = await this.assignmentsByIds([
        requireUuid(input.assignmentId, 'assignmentId'),
      ]);
      if (assignment === undefined)
        throw new NotFoundError(`assignmentId: no assignment ${input.assignmentId}`);
      const [self] = await db
        .select()
        .from(people)
        .where(and(eq(people.tenantId, t), eq(people.subject, actor.subject)));
      if (!hasRole(actor, 'MENTOR') || self?.id !== assignment.mentorId) {
        throw new ForbiddenError("only the assignment's mentor records its check-ins");
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) || Number.isNaN(Date.parse(input.heldOn))) {
        throw new BadUserInputError('heldOn: must be a date YYYY-MM-DD');
      }
      const [cohort] = await programsOfActor.cohortsByIds([assignment.cohortId]);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(coachingCheckIns)
          .values({
            tenantId: t,
            assignmentId: assignment.id,
            heldOn: input.heldOn,
            channel: input.channel,
            notes: input.notes ?? null,
            nextSteps: input.nextSteps ?? null,
            skpProgress: input.skpProgress ?? null,
          })
          .returning();
        const [mentee] = await tx
          .select()
          .from(people)
          .where(and(eq(people.tenantId, t), eq(people.id, assignment.menteeId)));
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, mentee!),
            verb: jejakVerbs.coached,
            object: {
              objectType: 'Activity',
              id: `urn:jejak:check-in:${row!.id}`,
              definition: {
                name: { 'id-ID': `Coaching ${input.heldOn}` },
                type: jejakActivityTypes.coachingCheckIn,
              },
            },
            context: {
              // The private notes stay out of the LRS.
              instructor: await agentOfPerson(tx, t, self!),
              registration: cohort?.registration,
              platform: 'Jejak',
              ...(cohort ? { contextActivities: { parent: [cohortActivity(cohort)] } } : {}),
            },
            timestamp: `${input.heldOn}T00:00:00Z`,
          },
        ]);
        return { ...row!, private: true };
      });
    },
  };
}

export type MentoringRepository = ReturnType<typeof createMentoringRepository>;
