// Running cohorts (angkatan) of a programme, ADMIN only: dates, capacity and the
// facilitators (widyaiswara) who run them. A cohort goes only while nobody is enrolled and
// no session is scheduled in it.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { cohortFacilitators, cohorts, enrollments, people } from '../../db/schema/index.js';
import { checkDateRange } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import type { Cohort, ProgramRepository } from './programRepository.js';

export interface NewCohort {
  programId: string;
  name: string;
  startDate: string;
  endDate: string;
  capacity?: number | null;
  /** Where it is held (tempat), as certificates print it. */
  location?: string | null;
  facilitatorIds?: string[];
}

export type CohortChanges = Partial<Omit<NewCohort, 'programId'>>;

export function createCohortAdministration(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

  async function requireCohort(id: string): Promise<Cohort> {
    const [cohort] = await programsOfActor.cohortsByIds([requireUuid(id, 'id')]);
    if (cohort === undefined) throw new NotFoundError(`no cohort ${id}`);
    return cohort;
  }

  /** Makes the cohort's facilitators exactly these people of the tenant. */
  async function setFacilitators(tx: JejakTransaction, cohortId: string, ids: string[]) {
    if (ids.length > 0) {
      const found = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.tenantId, t), inArray(people.id, ids)));
      if (found.length !== ids.length) {
        throw new NotFoundError('facilitatorIds: not every id is a person of this tenant');
      }
    }
    await tx
      .delete(cohortFacilitators)
      .where(and(eq(cohortFacilitators.tenantId, t), eq(cohortFacilitators.cohortId, cohortId)));
    if (ids.length > 0) {
      await tx
        .insert(cohortFacilitators)
        .values(ids.map((personId) => ({ tenantId: t, cohortId, personId })));
    }
  }

  return {
    async createCohort(input: NewCohort): Promise<Cohort> {
      requireRole(actor, 'creating a cohort', 'ADMIN');
      const [program] = await programsOfActor.programsByIds([
        requireUuid(input.programId, 'programId'),
      ]);
      if (program === undefined)
        throw new NotFoundError(`programId: no programme ${input.programId}`);
      checkCohort(input);
      const facilitatorIds = uniqueIds(input.facilitatorIds ?? []);
      return db.transaction(async (tx) => {
        const [cohort] = await tx
          .insert(cohorts)
          .values({
            tenantId: t,
            programId: program.id,
            name: input.name.trim(),
            startDate: input.startDate,
            endDate: input.endDate,
            capacity: input.capacity ?? null,
            location: input.location?.trim() || null,
          })
          .returning();
        await setFacilitators(tx, cohort!.id, facilitatorIds);
        return cohort!;
      });
    },

    /** Changes the fields given; `facilitatorIds` given replaces the facilitators. */
    async updateCohort(id: string, changes: CohortChanges): Promise<Cohort> {
      requireRole(actor, 'changing a cohort', 'ADMIN');
      const current = await requireCohort(id);
      const { facilitatorIds, ...fields } = changesOf(changes, [
        'name',
        'startDate',
        'endDate',
        'facilitatorIds',
      ]);
      const next = { ...current, ...fields };
      checkCohort(next);
      return db.transaction(async (tx) => {
        // Locked as enrolments lock it: the count below stays true until this commits. (No
        // key update: rows that merely refer to the cohort are not held up.)
        await tx
          .select({ id: cohorts.id })
          .from(cohorts)
          .where(and(eq(cohorts.tenantId, t), eq(cohorts.id, current.id)))
          .for('no key update');
        if (next.capacity !== null && next.capacity !== current.capacity) {
          const [enrolled] = await tx
            .select({ n: count() })
            .from(enrollments)
            .where(and(eq(enrollments.tenantId, t), eq(enrollments.cohortId, current.id)));
          if (enrolled!.n > next.capacity) {
            throw new ConflictError(
              `capacity: ${enrolled!.n} people are already enrolled, more than ${next.capacity}`,
            );
          }
        }
        const [row] = await tx
          .update(cohorts)
          .set({
            name: next.name.trim(),
            startDate: next.startDate,
            endDate: next.endDate,
            capacity: next.capacity,
            location: next.location?.trim() || null,
          })
          .where(and(eq(cohorts.tenantId, t), eq(cohorts.id, current.id)))
          .returning();
        if (facilitatorIds !== undefined) {
          await setFacilitators(tx, current.id, uniqueIds(facilitatorIds));
        }
        return row!;
      });
    },

    /** Only a cohort without enrollments, sessions or mentor assignments goes. */
    async deleteCohort(id: string): Promise<string> {
      requireRole(actor, 'deleting a cohort', 'ADMIN');
      const cohort = await requireCohort(id);
      try {
        await db.delete(cohorts).where(and(eq(cohorts.tenantId, t), eq(cohorts.id, cohort.id)));
      } catch (error) {
        throw conflictFrom(error, {
          referenced: 'the cohort has enrollments, sessions or mentor assignments',
        });
      }
      return cohort.id;
    },
  };
}

function checkCohort(cohort: {
  name: string;
  startDate: string;
  endDate: string;
  capacity?: number | null;
}) {
  if (cohort.name.trim() === '') throw new BadUserInputError('name: must not be empty');
  checkDateRange(cohort.startDate, cohort.endDate);
  if (cohort.capacity != null && (!Number.isInteger(cohort.capacity) || cohort.capacity < 1)) {
    throw new BadUserInputError('capacity: must be a whole number of people, 1 or more');
  }
}

function uniqueIds(ids: string[]): string[] {
  return [...new Set(ids.map((value) => requireUuid(value, 'facilitatorIds')))];
}

export type CohortAdministration = ReturnType<typeof createCohortAdministration>;
