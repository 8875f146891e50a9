// Module progress per enrollment, for one actor: read with the enrollment (whoever sees the
// enrollment sees its progress), written by the mutations that record what learners do, in
// their own transaction, and by a facilitator marking a module complete (which also stores
// an xAPI "completed" statement about the module).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import {
  enrollments,
  moduleProgress,
  people,
  type ModuleProgressRow,
} from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import type { Actor } from '../access/actor.js';
import {
  cohortActivity,
  jejakVerbs,
  moduleActivity,
  programActivity,
} from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';
import { applyLearningEvent, type LearningEvent } from './moduleProgress.js';

export type ModuleProgress = ModuleProgressRow;

/** Folds one event into an enrollment's progress in a module, inside the caller's transaction. */
export async function recordLearningEvent(
  tx: JejakTransaction,
  tenantId: string,
  key: { enrollmentId: string; moduleId: string },
  event: LearningEvent,
): Promise<ModuleProgress> {
  const where = and(
    eq(moduleProgress.tenantId, tenantId),
    eq(moduleProgress.enrollmentId, key.enrollmentId),
    eq(moduleProgress.moduleId, key.moduleId),
  );
  // Lock the row so two events of one learner in one module fold one after the other.
  const [current] = await tx.select().from(moduleProgress).where(where).for('update');
  const next = applyLearningEvent(current, event);
  const [row] = await tx
    .insert(moduleProgress)
    .values({ tenantId, ...key, ...next })
    .onConflictDoUpdate({
      target: [moduleProgress.enrollmentId, moduleProgress.moduleId],
      set: next,
    })
    .returning();
  return row!;
}

export function createProgressRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

  return {
    /** The progress rows of several enrollments the actor may see (one query). */
    async ofEnrollments(enrollmentIds: readonly string[]): Promise<ModuleProgress[]> {
      if (enrollmentIds.length === 0) return [];
      return db
        .select()
        .from(moduleProgress)
        .where(
          and(
            eq(moduleProgress.tenantId, t),
            inArray(moduleProgress.enrollmentId, [...enrollmentIds]),
            sql`${moduleProgress.enrollmentId} in ${programsOfActor.visibleEnrollmentIds}`,
          ),
        );
    },

    /**
     * ADMIN or a facilitator of the cohort marks a module complete for a learner (a
     * face-to-face day, a coaching phase): progress and an xAPI "completed" statement.
     */
    async completeModule(input: {
      enrollmentId: string;
      moduleId: string;
    }): Promise<ModuleProgress> {
      const [enrollment] = await programsOfActor.enrollmentsByIds([
        requireUuid(input.enrollmentId, 'enrollmentId'),
      ]);
      if (enrollment === undefined)
        throw new NotFoundError(`enrollmentId: no enrollment ${input.enrollmentId}`);
      const [cohort] = await programsOfActor.cohortsByIds([enrollment.cohortId]);
      if (cohort === undefined)
        throw new NotFoundError(`enrollmentId: no enrollment ${input.enrollmentId}`);
      await programsOfActor.requireAdminOrFacilitator(
        cohort.id,
        'only an ADMIN or a facilitator of the cohort marks modules complete',
      );
      const moduleId = requireUuid(input.moduleId, 'moduleId');
      const module = (await programsOfActor.modulesOfPrograms([cohort.programId])).find(
        (candidate) => candidate.id === moduleId,
      );
      if (module === undefined)
        throw new NotFoundError("moduleId: not a module of the cohort's programme");
      const [program] = await programsOfActor.programsByIds([cohort.programId]);
      return db.transaction(async (tx) => {
        const at = new Date();
        const row = await recordLearningEvent(
          tx,
          t,
          { enrollmentId: enrollment.id, moduleId: module.id },
          { kind: 'completed', at },
        );
        const [learner] = await tx
          .select()
          .from(people)
          .where(and(eq(people.tenantId, t), eq(people.id, enrollment.personId)));
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, learner!),
            verb: jejakVerbs.completed,
            object: moduleActivity(module),
            result: { completion: true },
            context: {
              registration: cohort.registration,
              platform: 'Jejak',
              contextActivities: {
                parent: [programActivity(program!)],
                grouping: [cohortActivity(cohort)],
              },
            },
            timestamp: at.toISOString(),
          },
        ]);
        return row;
      });
    },
  };
}

/** The enrollment of a person in a cohort, inside a transaction (for learning events). */
export async function enrollmentOf(
  tx: JejakTransaction,
  tenantId: string,
  cohortId: string,
  personId: string,
) {
  const [row] = await tx
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.tenantId, tenantId),
        eq(enrollments.cohortId, cohortId),
        eq(enrollments.personId, personId),
      ),
    );
  return row;
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
