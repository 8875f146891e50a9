// Mentor assignments and coaching check-ins, for one actor. An assignment is visible to
// ADMIN and ANALYST, the cohort's facilitators, its mentor and its mentee. Check-in notes,
// next steps and SKP progress are private to the mentor, the mentee and the cohort's
// facilitators: everyone else (ADMIN and ANALYST included) gets the check-in without them.
// The mentor records check-ins, and corrects them; each check-in also stores an xAPI
// statement (without the notes). ADMIN or the cohort's facilitator assigns mentors.
import { and, asc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  timestampKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
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
import { checkDateRange, requireLocalDate } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds, findActorPersonId } from '../access/actorPerson.js';
import {
  cohortContext,
  jejakActivityTypes,
  jejakVerbs,
} from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type MentorAssignment = MentorAssignmentRow;
/** A check-in as the actor may see it: private fields null unless they may read them. */
export type CoachingCheckIn = CoachingCheckInRow & { private: boolean };
export const checkInChannels = ['IN_PERSON', 'VIDEO', 'FORUM'] as const;

export interface NewCheckIn {
  assignmentId: string;
  heldOn: string;
  channel: (typeof checkInChannels)[number];
  notes?: string | null;
  nextSteps?: string | null;
  skpProgress?: string | null;
  /** How the mentee applies the learning at work, 1 (not yet) to 5 (fully). */
  rating?: number | null;
}

export type CheckInChanges = Partial<Omit<NewCheckIn, 'assignmentId'>>;

export interface AssignmentFilter {
  cohortId?: string;
  mentorId?: string;
  menteeId?: string;
}

/** Oldest first: the order assignments were made in. */
const assignmentOrder = keysetOrder<MentorAssignment>('mentorAssignments', 'CREATED_AT', 'ASC', [
  timestampKey(mentorAssignments.createdAt, (row) => row.createdAt),
  idKey(mentorAssignments.id, (row) => row.id),
]);

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

  async function requireAssignment(id: string, field: string): Promise<MentorAssignment> {
    const [assignment] = await db
      .select()
      .from(mentorAssignments)
      .where(and(assignmentVisible, eq(mentorAssignments.id, requireUuid(id, field))));
    if (assignment === undefined) throw new NotFoundError(`${field}: no assignment ${id}`);
    return assignment;
  }

  /** An assignment ADMIN or a facilitator of its cohort may change. */
  async function assignmentForAdministration(id: string): Promise<MentorAssignment> {
    const assignment = await requireAssignment(id, 'id');
    await programsOfActor.requireAdminOrFacilitator(
      assignment.cohortId,
      'only an ADMIN or a facilitator of the cohort changes mentor assignments',
    );
    return assignment;
  }

  /** An assignment whose mentor is the actor, and the actor's person. */
  async function assignmentOfMentor(id: string, field: string) {
    const assignment = await requireAssignment(id, field);
    const self = await findActorPersonId(db, actor);
    if (!hasRole(actor, 'MENTOR') || self !== assignment.mentorId) {
      throw new ForbiddenError("only the assignment's mentor records and corrects its check-ins");
    }
    return { assignment, self };
  }

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
    async listAssignments(
      filter: AssignmentFilter,
      page: PageRequest,
    ): Promise<KeysetPage<MentorAssignment>> {
      const rows = await db
        .select()
        .from(mentorAssignments)
        .where(
          and(
            assignmentVisible,
            ...(['cohortId', 'mentorId', 'menteeId'] as const).map((key) =>
              filter[key] !== undefined
                ? eq(mentorAssignments[key], requireUuid(filter[key], key))
                : undefined,
            ),
            keysetAfter(assignmentOrder, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(assignmentOrder))
        .limit(page.first + 1);
      return keysetPageOf(assignmentOrder, rows, page.first);
    },

    /** Pages of several cohorts' assignments the actor may see, in one query. */
    async assignmentPagesOfCohorts(
      requests: readonly (PageRequest & { cohortId: string })[],
    ): Promise<BatchedPage<MentorAssignment>[]> {
      return batchedPages(
        requests,
        assignmentOrder,
        (request) => request.cohortId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(mentorAssignments) })
            .from(mentorAssignments)
            .where(and(assignmentVisible, eq(mentorAssignments.cohortId, request.cohortId), after)),
      );
    },

    /** The check-ins of several assignments, by date (one every few weeks: not paginated). */
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
      checkDateRange(input.startsOn, input.endsOn, ['startsOn', 'endsOn']);
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
        throw new ConflictError('this mentor is already assigned to this learner in the cohort');
      return row;
    },

    /** ADMIN or a facilitator of the cohort changes the coaching period. */
    async updateAssignment(
      id: string,
      changes: { startsOn?: string | null; endsOn?: string | null },
    ): Promise<MentorAssignment> {
      const current = await assignmentForAdministration(id);
      const next = { ...current, ...changesOf(changes, []) };
      checkDateRange(next.startsOn, next.endsOn, ['startsOn', 'endsOn']);
      const [row] = await db
        .update(mentorAssignments)
        .set({ startsOn: next.startsOn, endsOn: next.endsOn })
        .where(and(eq(mentorAssignments.tenantId, t), eq(mentorAssignments.id, current.id)))
        .returning();
      return row!;
    },

    /** Only an assignment without check-ins goes (check-ins are learning records). */
    async deleteAssignment(id: string): Promise<string> {
      const assignment = await assignmentForAdministration(id);
      try {
        await db
          .delete(mentorAssignments)
          .where(and(eq(mentorAssignments.tenantId, t), eq(mentorAssignments.id, assignment.id)));
      } catch (error) {
        throw conflictFrom(error, { referenced: 'the assignment has check-ins' });
      }
      return assignment.id;
    },

    /** The assignment's mentor records a check-in. */
    async recordCheckIn(input: NewCheckIn): Promise<CoachingCheckIn> {
      const { assignment } = await assignmentOfMentor(input.assignmentId, 'assignmentId');
      requireLocalDate(input.heldOn, 'heldOn');
      const [cohort] = await programsOfActor.cohortsByIds([assignment.cohortId]);
      const [program] = await programsOfActor.programsByIds([cohort!.programId]);
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
            rating: checkRating(input.rating),
          })
          .returning();
        const pair = await tx
          .select()
          .from(people)
          .where(
            and(
              eq(people.tenantId, t),
              inArray(people.id, [assignment.menteeId, assignment.mentorId]),
            ),
          );
        const mentee = pair.find((person) => person.id === assignment.menteeId)!;
        const mentor = pair.find((person) => person.id === assignment.mentorId)!;
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, mentee),
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
              instructor: await agentOfPerson(tx, t, mentor),
              ...cohortContext({ cohort: cohort!, program: program! }),
            },
            timestamp: `${input.heldOn}T00:00:00Z`,
          },
        ]);
        return { ...row!, private: true };
      });
    },

    /**
     * The mentor corrects a check-in (its date, channel, notes). The xAPI statement that it
     * was held stays as it is: statements are immutable, and the notes were never in it.
     */
    async updateCheckIn(id: string, changes: CheckInChanges): Promise<CoachingCheckIn> {
      const [current] = await db
        .select()
        .from(coachingCheckIns)
        .where(
          and(eq(coachingCheckIns.tenantId, t), eq(coachingCheckIns.id, requireUuid(id, 'id'))),
        );
      if (current === undefined) throw new NotFoundError(`no check-in ${id}`);
      await assignmentOfMentor(current.assignmentId, 'id');
      const next = { ...current, ...changesOf(changes, ['heldOn', 'channel']) };
      requireLocalDate(next.heldOn, 'heldOn');
      const [row] = await db
        .update(coachingCheckIns)
        .set({
          heldOn: next.heldOn,
          channel: next.channel,
          notes: next.notes,
          nextSteps: next.nextSteps,
          skpProgress: next.skpProgress,
          rating: checkRating(next.rating),
        })
        .where(and(eq(coachingCheckIns.tenantId, t), eq(coachingCheckIns.id, current.id)))
        .returning();
      return { ...row!, private: true };
    },
  };
}

function checkRating(rating: number | null | undefined): number | null {
  if (rating == null) return null;
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new BadUserInputError('rating: a whole number from 1 to 5');
  return rating;
}

export type MentoringRepository = ReturnType<typeof createMentoringRepository>;
