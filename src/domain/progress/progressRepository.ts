// Module progress per enrollment, for one actor: read with the enrollment (whoever sees the
// enrollment sees its progress). It is kept from statements as they are stored (see
// learningRecords/projectLearning.ts); a facilitator marking a module complete stores an
// xAPI "completed" statement about the module, which completes it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { moduleProgress, people, type ModuleProgressRow } from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import type { Actor } from '../access/actor.js';
import { cohortContext, jejakVerbs, moduleActivity } from '../learningRecords/jejakVocabulary.js';
import { agentsOfPeople, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type ModuleProgress = ModuleProgressRow;

/** The most learners one call marks. */
export const maxCompletionsPerCall = 500;

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
      const [row] = await this.completeModuleFor({
        enrollmentIds: [input.enrollmentId],
        moduleId: input.moduleId,
      });
      return row!;
    },

    /**
     * ADMIN or a facilitator marks a module complete for learners of one cohort (a day of the
     * bootcamp, the coaching phase), all or nothing: one xAPI "completed" statement each.
     */
    async completeModuleFor(input: {
      enrollmentIds: string[];
      moduleId: string;
    }): Promise<ModuleProgress[]> {
      if (input.enrollmentIds.length > maxCompletionsPerCall) {
        throw new BadUserInputError(`enrollmentIds: at most ${maxCompletionsPerCall} at once`);
      }
      const ids = input.enrollmentIds.map((id, index) =>
        requireUuid(id, `enrollmentIds[${index}]`),
      );
      if (new Set(ids).size !== ids.length)
        throw new BadUserInputError('enrollmentIds: an enrollment is listed twice');
      if (ids.length === 0) return [];
      const found = await programsOfActor.enrollmentsByIds(ids);
      const missing = ids.find((id) => !found.some((enrollment) => enrollment.id === id));
      if (missing !== undefined) throw new NotFoundError(`enrollmentId: no enrollment ${missing}`);
      const cohortIds = [...new Set(found.map((enrollment) => enrollment.cohortId))];
      if (cohortIds.length > 1)
        throw new BadUserInputError('enrollmentIds: all of one cohort, please');
      const [cohort] = await programsOfActor.cohortsByIds(cohortIds);
      if (cohort === undefined) throw new NotFoundError(`enrollmentId: no enrollment ${ids[0]}`);
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
        const learners = await tx
          .select()
          .from(people)
          .where(
            and(
              eq(people.tenantId, t),
              inArray(
                people.id,
                found.map((enrollment) => enrollment.personId),
              ),
            ),
          );
        const agents = await agentsOfPeople(tx, t, learners);
        // The statements are the completion: storing them folds them into the progress rows.
        await recordStatements(
          tx,
          t,
          found.map((enrollment) => ({
            actor: agents.get(enrollment.personId)!,
            verb: jejakVerbs.completed,
            object: moduleActivity(module),
            result: { completion: true },
            context: cohortContext({ cohort, program: program! }),
          })),
        );
        const rows = await tx
          .select()
          .from(moduleProgress)
          .where(
            and(
              eq(moduleProgress.tenantId, t),
              inArray(moduleProgress.enrollmentId, ids),
              eq(moduleProgress.moduleId, module.id),
            ),
          );
        return ids.map((id) => rows.find((row) => row.enrollmentId === id)!);
      });
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
