// Assessments (catalogue: every role reads them, ADMIN defines them) and their results,
// for one actor: ADMIN and ANALYST see every result, a FACILITATOR those of their cohorts,
// a LEARNER their own. ADMIN or the cohort's facilitator records a result, which also
// stores an xAPI statement (passed / failed / scored, with the score) in one transaction.
import { and, desc, eq, inArray, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  assessmentResults,
  assessments,
  cohortFacilitators,
  enrollments,
  people,
  type AssessmentResultRow,
  type AssessmentRow,
} from '../../db/schema/index.js';
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import {
  cohortActivity,
  jejakActivityTypes,
  jejakVerbs,
} from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type Assessment = AssessmentRow;
export type AssessmentResult = AssessmentResultRow;
export const assessmentKinds = [
  'PRE_TEST',
  'POST_TEST',
  'FORMATIVE_QUIZ',
  'PERFORMANCE_TASK',
  'ROLE_PLAY',
  'PEER_ASSESSMENT',
  'REACTION_SURVEY',
] as const;

export function createAssessmentRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;
  const me = actorPersonIds(actor);
  const resultVisible: SQL = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(assessmentResults.tenantId, t)
    : and(
        eq(assessmentResults.tenantId, t),
        or(
          hasRole(actor, 'LEARNER') ? sql`${assessmentResults.personId} in ${me}` : undefined,
          hasRole(actor, 'FACILITATOR')
            ? sql`${assessmentResults.cohortId} in (select cohort_id from ${cohortFacilitators} where person_id in ${me})`
            : undefined,
          sql`false`,
        ),
      )!;

  return {
    async assessmentsOfModules(moduleIds: readonly string[]): Promise<Assessment[]> {
      if (moduleIds.length === 0) return [];
      return db
        .select()
        .from(assessments)
        .where(and(eq(assessments.tenantId, t), inArray(assessments.moduleId, [...moduleIds])))
        .orderBy(assessments.title, assessments.id);
    },

    async assessmentsByIds(ids: readonly string[]): Promise<Assessment[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(assessments)
        .where(and(eq(assessments.tenantId, t), inArray(assessments.id, [...ids])));
    },

    /** An assessment's results the actor may see, newest first. */
    async listResults(
      assessmentId: string,
      page: { first: number; after?: string },
    ): Promise<Page<AssessmentResult>> {
      const conditions: (SQL | undefined)[] = [
        resultVisible,
        eq(assessmentResults.assessmentId, assessmentId),
      ];
      if (page.after !== undefined) {
        const [at, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        const time = new Date(at);
        conditions.push(
          or(
            lt(assessmentResults.recordedAt, time),
            and(eq(assessmentResults.recordedAt, time), lt(assessmentResults.id, id)),
          ),
        );
      }
      const rows = await db
        .select()
        .from(assessmentResults)
        .where(and(...conditions))
        .orderBy(desc(assessmentResults.recordedAt), desc(assessmentResults.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.recordedAt.toISOString(), row.id]);
    },

    async createAssessment(input: {
      moduleId: string;
      kind: (typeof assessmentKinds)[number];
      title: string;
      maxScore: number;
      passingScore?: number | null;
      activityIris?: string[];
    }): Promise<Assessment> {
      requireRole(actor, 'defining an assessment', 'ADMIN');
      const moduleId = requireUuid(input.moduleId, 'moduleId');
      if (input.title.trim() === '') throw new BadUserInputError('title: must not be empty');
      if (!(input.maxScore > 0)) throw new BadUserInputError('maxScore: must be more than 0');
      if (
        input.passingScore != null &&
        (input.passingScore < 0 || input.passingScore > input.maxScore)
      ) {
        throw new BadUserInputError('passingScore: must be between 0 and maxScore');
      }
      const [module] = await programsOfActor.modulesByIds([moduleId]);
      if (module === undefined) throw new NotFoundError(`moduleId: no module ${input.moduleId}`);
      const [row] = await db
        .insert(assessments)
        .values({
          tenantId: t,
          moduleId: module.id,
          kind: input.kind,
          title: input.title.trim(),
          maxScore: input.maxScore,
          passingScore: input.passingScore ?? null,
          activityIris: input.activityIris ?? [],
        })
        .returning();
      return row!;
    },

    async recordResult(input: {
      assessmentId: string;
      cohortId: string;
      personId: string;
      score: number;
      assessorId?: string | null;
    }): Promise<AssessmentResult> {
      const [assessment] = await this.assessmentsByIds([
        requireUuid(input.assessmentId, 'assessmentId'),
      ]);
      if (assessment === undefined)
        throw new NotFoundError(`assessmentId: no assessment ${input.assessmentId}`);
      const [cohort] = await programsOfActor.cohortsByIds([
        requireUuid(input.cohortId, 'cohortId'),
      ]);
      if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${input.cohortId}`);
      const modulesOfProgram = await programsOfActor.modulesOfPrograms([cohort.programId]);
      const module = modulesOfProgram.find((m) => m.id === assessment.moduleId);
      if (module === undefined)
        throw new BadUserInputError("the assessment is not of the cohort's programme");
      await programsOfActor.requireAdminOrFacilitator(
        cohort.id,
        'only an ADMIN or a facilitator of the cohort records results',
      );
      if (!Number.isFinite(input.score) || input.score < 0 || input.score > assessment.maxScore) {
        throw new BadUserInputError(`score: must be between 0 and ${assessment.maxScore}`);
      }
      const personId = requireUuid(input.personId, 'personId');
      const assessorId = input.assessorId ? requireUuid(input.assessorId, 'assessorId') : null;
      return db.transaction(async (tx) => {
        const [learner] = await tx
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
        if (learner === undefined) throw new NotFoundError('personId: not enrolled in that cohort');
        if (assessorId !== null) {
          const [assessor] = await tx
            .select({ id: people.id })
            .from(people)
            .where(and(eq(people.tenantId, t), eq(people.id, assessorId)));
          if (assessor === undefined)
            throw new NotFoundError(`assessorId: no person ${assessorId}`);
        }
        const [previous] = await tx
          .select({ last: max(assessmentResults.attempt) })
          .from(assessmentResults)
          .where(
            and(
              eq(assessmentResults.tenantId, t),
              eq(assessmentResults.assessmentId, assessment.id),
              eq(assessmentResults.personId, personId),
            ),
          );
        const passed =
          assessment.passingScore === null ? null : input.score >= assessment.passingScore;
        const [row] = await tx
          .insert(assessmentResults)
          .values({
            tenantId: t,
            assessmentId: assessment.id,
            personId,
            cohortId: cohort.id,
            score: input.score,
            passed,
            assessorId,
            attempt: (previous?.last ?? 0) + 1,
          })
          .returning();
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, learner.person),
            verb:
              passed === null ? jejakVerbs.scored : passed ? jejakVerbs.passed : jejakVerbs.failed,
            object: {
              objectType: 'Activity',
              id: `urn:jejak:assessment:${assessment.id}`,
              definition: {
                name: { 'id-ID': assessment.title },
                type: jejakActivityTypes.assessment,
              },
            },
            result: {
              score: {
                raw: input.score,
                min: 0,
                max: assessment.maxScore,
                scaled: input.score / assessment.maxScore,
              },
              ...(passed === null ? {} : { success: passed }),
            },
            context: {
              registration: cohort.registration,
              platform: 'Jejak',
              contextActivities: {
                parent: [{ objectType: 'Activity', id: `urn:jejak:module:${module.id}` }],
                grouping: [cohortActivity(cohort)],
              },
            },
            timestamp: row!.recordedAt.toISOString(),
          },
        ]);
        return row!;
      });
    },
  };
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
