// Recording and correcting assessment results (ADMIN, or a facilitator of the cohort). A
// result and its xAPI statement (passed / failed / scored, with the score) are written in
// one transaction, and the statement folds into the learner's module progress as any
// statement does. A correction changes the score of that attempt, voids the statement that
// recorded it and records the corrected one: the voiding recomputes the progress.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, max } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { assessmentResults, assessments, people } from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { optionalUuid, requireUuid } from '../../lib/uuid.js';
import type { StatementJson } from '../../xapi/statements/xapiJson.js';
import type { Actor } from '../access/actor.js';
import { enrolledLearner, enrolledLearners } from '../enrollments/enrolledLearner.js';
import {
  cohortContext,
  jejakActivityTypes,
  jejakSystemAgent,
  jejakVerbs,
  moduleActivity,
} from '../learningRecords/jejakVocabulary.js';
import {
  agentOfPerson,
  agentsOfPeople,
  recordStatements,
} from '../learningRecords/recordStatements.js';
import type { Cohort, Module, Program, ProgramRepository } from '../programs/programRepository.js';
import type { Assessment, AssessmentRepository, AssessmentResult } from './assessmentRepository.js';

export interface NewResult {
  assessmentId: string;
  cohortId: string;
  personId: string;
  score: number;
  assessorId?: string | null;
}

/** The statement of a result: pure, so a record and a correction say it the same way. */
export function resultStatement(parts: {
  id: string;
  actor: StatementJson['actor'];
  assessment: Assessment;
  module: Module;
  cohort: Cohort;
  program: Program;
  score: number;
  passed: boolean | null;
  timestamp: Date;
}): StatementJson {
  const { assessment, score, passed } = parts;
  return {
    id: parts.id,
    actor: parts.actor,
    verb: passed === null ? jejakVerbs.scored : passed ? jejakVerbs.passed : jejakVerbs.failed,
    object: {
      objectType: 'Activity',
      id: `urn:jejak:assessment:${assessment.id}`,
      definition: { name: { 'id-ID': assessment.title }, type: jejakActivityTypes.assessment },
    },
    result: {
      score: { raw: score, min: 0, max: assessment.maxScore, scaled: score / assessment.maxScore },
      ...(passed === null ? {} : { success: passed }),
    },
    context: cohortContext({
      cohort: parts.cohort,
      program: parts.program,
      parent: moduleActivity(parts.module),
    }),
    timestamp: parts.timestamp.toISOString(),
  };
}

/** The most results one call records (a large cohort's grades). */
export const maxResultsPerCall = 500;

export function createResultRecorder(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
  assessmentsOfActor: AssessmentRepository,
) {
  const t = actor.tenantId;

  /** The assessment's module in the cohort's programme, the cohort writable by the actor. */
  async function contextOf(assessment: Assessment, cohortId: string) {
    const [cohort] = await programsOfActor.cohortsByIds([requireUuid(cohortId, 'cohortId')]);
    if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${cohortId}`);
    const module = (await programsOfActor.modulesOfPrograms([cohort.programId])).find(
      (candidate) => candidate.id === assessment.moduleId,
    );
    if (module === undefined)
      throw new BadUserInputError("the assessment is not of the cohort's programme");
    await programsOfActor.requireAdminOrFacilitator(
      cohort.id,
      'only an ADMIN or a facilitator of the cohort records results',
    );
    const [program] = await programsOfActor.programsByIds([cohort.programId]);
    return { cohort, module, program: program! };
  }

  /**
   * The assessment again inside the transaction, locked so its scale holds while grading,
   * and so results of one assessment are numbered one transaction at a time.
   */
  async function lockedScale(tx: JejakTransaction, assessment: Assessment): Promise<Assessment> {
    const [row] = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.tenantId, t), eq(assessments.id, assessment.id)))
      .for('no key update');
    if (row === undefined) throw new NotFoundError(`no assessment ${assessment.id}`);
    return row;
  }

  function checkScore(score: number, assessment: Assessment) {
    if (!Number.isFinite(score) || score < 0 || score > assessment.maxScore) {
      throw new BadUserInputError(`score: must be between 0 and ${assessment.maxScore}`);
    }
    return assessment.passingScore === null ? null : score >= assessment.passingScore;
  }

  async function requireAssessment(id: string, field: string): Promise<Assessment> {
    const [assessment] = await assessmentsOfActor.assessmentsByIds([requireUuid(id, field)]);
    if (assessment === undefined) throw new NotFoundError(`${field}: no assessment ${id}`);
    return assessment;
  }

  return {
    async record(input: NewResult): Promise<AssessmentResult> {
      const [row] = await this.recordMany({
        assessmentId: input.assessmentId,
        cohortId: input.cohortId,
        results: [input],
      });
      return row!;
    },

    /**
     * Records the results of several learners in one assessment (a class's grades), all or
     * nothing, each the learner's next attempt, with its statement.
     */
    async recordMany(input: {
      assessmentId: string;
      cohortId: string;
      results: { personId: string; score: number; assessorId?: string | null }[];
    }): Promise<AssessmentResult[]> {
      const assessment = await requireAssessment(input.assessmentId, 'assessmentId');
      const { cohort, module, program } = await contextOf(assessment, input.cohortId);
      if (input.results.length > maxResultsPerCall) {
        throw new BadUserInputError(`results: at most ${maxResultsPerCall} at once`);
      }
      const results = input.results.map((result, index) => {
        checkScore(result.score, assessment);
        return {
          personId: requireUuid(result.personId, `results[${index}].personId`),
          score: result.score,
          assessorId: optionalUuid(result.assessorId, `results[${index}].assessorId`),
        };
      });
      if (new Set(results.map((result) => result.personId)).size !== results.length) {
        throw new BadUserInputError('results: a person is listed twice');
      }
      if (results.length === 0) return [];
      return db.transaction(async (tx) => {
        const scale = await lockedScale(tx, assessment);
        const personIds = results.map((result) => result.personId);
        const learners = await enrolledLearners(tx, t, cohort.id, personIds);
        const assessorIds = [
          ...new Set(results.flatMap((result) => (result.assessorId ? [result.assessorId] : []))),
        ];
        if (assessorIds.length > 0) {
          const assessors = await tx
            .select({ id: people.id })
            .from(people)
            .where(and(eq(people.tenantId, t), inArray(people.id, assessorIds)));
          const missing = assessorIds.find((id) => !assessors.some((row) => row.id === id));
          if (missing !== undefined) throw new NotFoundError(`assessorId: no person ${missing}`);
        }
        const previous = await tx
          .select({ personId: assessmentResults.personId, last: max(assessmentResults.attempt) })
          .from(assessmentResults)
          .where(
            and(
              eq(assessmentResults.tenantId, t),
              eq(assessmentResults.assessmentId, assessment.id),
              inArray(assessmentResults.personId, personIds),
            ),
          )
          .groupBy(assessmentResults.personId);
        const lastAttempt = new Map(previous.map((row) => [row.personId, row.last ?? 0]));
        const prepared = results.map((result) => ({
          ...result,
          passed: checkScore(result.score, scale),
          statementId: randomUUID(),
        }));
        const rows = await tx
          .insert(assessmentResults)
          .values(
            prepared.map((result) => ({
              tenantId: t,
              assessmentId: assessment.id,
              personId: result.personId,
              cohortId: cohort.id,
              score: result.score,
              passed: result.passed,
              assessorId: result.assessorId,
              attempt: (lastAttempt.get(result.personId) ?? 0) + 1,
              statementId: result.statementId,
            })),
          )
          .returning();
        const agents = await agentsOfPeople(
          tx,
          t,
          [...learners.values()].map((learner) => learner.person),
        );
        await recordStatements(
          tx,
          t,
          prepared.map((result) =>
            resultStatement({
              id: result.statementId,
              actor: agents.get(result.personId)!,
              assessment: scale,
              module,
              cohort,
              program,
              score: result.score,
              passed: result.passed,
              timestamp: rows[0]!.recordedAt,
            }),
          ),
        );
        // In the order asked.
        return prepared.map((result) => rows.find((row) => row.personId === result.personId)!);
      });
    },

    /** A mistyped score, corrected: the attempt keeps its number and time. */
    async correct(input: { resultId: string; score: number }): Promise<AssessmentResult> {
      const [current] = await assessmentsOfActor.resultsByIds([
        requireUuid(input.resultId, 'resultId'),
      ]);
      if (current === undefined) throw new NotFoundError(`resultId: no result ${input.resultId}`);
      const assessment = await requireAssessment(current.assessmentId, 'resultId');
      const { cohort, module, program } = await contextOf(assessment, current.cohortId);
      checkScore(input.score, assessment);
      return db.transaction(async (tx) => {
        const scale = await lockedScale(tx, assessment);
        const passed = checkScore(input.score, scale);
        const learner = await enrolledLearner(tx, t, cohort.id, current.personId);
        // Locked and read again: of two corrections at once, the second voids the first's
        // statement, not the one both read before.
        const [locked] = await tx
          .select({ statementId: assessmentResults.statementId })
          .from(assessmentResults)
          .where(and(eq(assessmentResults.tenantId, t), eq(assessmentResults.id, current.id)))
          .for('update');
        const replaced = locked!.statementId;
        const statementId = randomUUID();
        const [row] = await tx
          .update(assessmentResults)
          .set({ score: input.score, passed, statementId, correctedAt: new Date() })
          .where(and(eq(assessmentResults.tenantId, t), eq(assessmentResults.id, current.id)))
          .returning();
        const corrected = resultStatement({
          id: statementId,
          actor: await agentOfPerson(tx, t, learner.person),
          assessment: scale,
          module,
          cohort,
          program,
          score: input.score,
          passed,
          timestamp: current.recordedAt,
        });
        await recordStatements(tx, t, [
          // A result whose statement could not be told apart (see migration 0012) has
          // nothing to void.
          ...(replaced === null
            ? []
            : [
                {
                  actor: jejakSystemAgent,
                  verb: jejakVerbs.voided,
                  object: { objectType: 'StatementRef' as const, id: replaced },
                },
              ]),
          corrected,
        ]);
        return row!;
      });
    },
  };
}

export type ResultRecorder = ReturnType<typeof createResultRecorder>;
