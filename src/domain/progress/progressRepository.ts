// Module progress per enrollment, for one actor: read with the enrollment (whoever sees the
// enrollment sees its progress), written by the mutations that record what learners do, in
// their own transaction, and by a facilitator marking a module complete (which also stores
// an xAPI "completed" statement about the module).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import {
  assessmentResults,
  assessments,
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

/**
 * Sets an enrollment's best score and pass/fail in a module again from its remaining results
 * (after a correction lowered a score, which no fold can undo): the same rules as the fold,
 * best scaled score and "passed once any attempt passed", computed over the results.
 */
export async function refreshModuleScores(
  tx: JejakTransaction,
  tenantId: string,
  key: { enrollmentId: string; moduleId: string; personId: string; cohortId: string },
): Promise<void> {
  const progressOfKey = and(
    eq(moduleProgress.tenantId, tenantId),
    eq(moduleProgress.enrollmentId, key.enrollmentId),
    eq(moduleProgress.moduleId, key.moduleId),
  );
  // Lock first: a result recorded meanwhile has then committed, and the next statement sees it.
  await tx.select().from(moduleProgress).where(progressOfKey).for('update');
  const [scores] = await tx
    .select({
      best: sql<number | null>`max(${assessmentResults.score} / ${assessments.maxScore})`,
      passed: sql<boolean | null>`bool_or(${assessmentResults.passed})`,
    })
    .from(assessmentResults)
    .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
    .where(
      and(
        eq(assessmentResults.tenantId, tenantId),
        eq(assessmentResults.personId, key.personId),
        eq(assessmentResults.cohortId, key.cohortId),
        eq(assessments.moduleId, key.moduleId),
      ),
    );
  await tx
    .update(moduleProgress)
    .set({ bestScaledScore: scores?.best ?? null, success: scores?.passed ?? null })
    .where(progressOfKey);
}

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
  // Make sure the row exists, then lock it: two first events of one learner in one module
  // then fold one after the other instead of both folding from nothing.
  const first = applyLearningEvent(undefined, event);
  await tx
    .insert(moduleProgress)
    .values({ tenantId, ...key, ...first })
    .onConflictDoNothing({ target: [moduleProgress.enrollmentId, moduleProgress.moduleId] });
  const [current] = await tx.select().from(moduleProgress).where(where).for('update');
  const [row] = await tx
    .update(moduleProgress)
    .set(applyLearningEvent(current, event))
    .where(where)
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

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
