// Module progress per enrollment, for one actor: read with the enrollment (whoever sees the
// enrollment sees its progress). It is kept from statements as they are stored (see
// learningRecords/projectLearning.ts); a facilitator marking a module complete stores an
// xAPI "completed" statement about the module, which completes it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { moduleProgress, people, type ModuleProgressRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import type { Actor } from '../access/actor.js';
import { cohortContext, jejakVerbs, moduleActivity } from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type ModuleProgress = ModuleProgressRow;

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
        const [learner] = await tx
          .select()
          .from(people)
          .where(and(eq(people.tenantId, t), eq(people.id, enrollment.personId)));
        // The statement is the completion: storing it folds it into the progress row.
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, learner!),
            verb: jejakVerbs.completed,
            object: moduleActivity(module),
            result: { completion: true },
            context: cohortContext({ cohort, program: program! }),
          },
        ]);
        const [row] = await tx
          .select()
          .from(moduleProgress)
          .where(
            and(
              eq(moduleProgress.tenantId, t),
              eq(moduleProgress.enrollmentId, enrollment.id),
              eq(moduleProgress.moduleId, module.id),
            ),
          );
        return row!;
      });
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
