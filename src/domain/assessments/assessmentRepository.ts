// Assessments (catalogue: every role reads them, ADMIN defines them) and reading their
// results, for one actor: ADMIN and ANALYST see every result, a FACILITATOR those of their
// cohorts, a LEARNER their own. An assessment's scale (maximum and pass mark) is fixed once
// it has results: their verdicts were given on it. Results are written by assessmentResults.ts.
import { and, count, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { idKey, keysetOrder, timestampKey, type PageRequest } from '../../db/keyset.js';
import type { JejakDb } from '../../db/client.js';
import {
  assessmentResults,
  assessments,
  cohortFacilitators,
  type AssessmentResultRow,
  type AssessmentRow,
} from '../../db/schema/index.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import type { ProgramRepository } from '../programs/programRepository.js';
import { isValidIri } from '../../xapi/statements/validateStatement.js';

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

export interface NewAssessment {
  moduleId: string;
  kind: (typeof assessmentKinds)[number];
  title: string;
  maxScore: number;
  passingScore?: number | null;
  activityIris?: string[];
}

export type AssessmentChanges = Partial<Omit<NewAssessment, 'moduleId'>>;

/** Results newest first. */
const resultOrder = keysetOrder<AssessmentResult>('results', 'RECORDED_AT', 'DESC', [
  timestampKey(assessmentResults.recordedAt, (row) => row.recordedAt),
  idKey(assessmentResults.id, (row) => row.id),
]);

/** The same order under its own name: a cursor of an assessment's results is not a learner's. */
const enrollmentResultOrder = { ...resultOrder, name: 'enrollmentResults:RECORDED_AT:DESC' };

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

  async function requireAssessment(id: string, field: string): Promise<Assessment> {
    const [assessment] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.tenantId, t), eq(assessments.id, requireUuid(id, field))));
    if (assessment === undefined) throw new NotFoundError(`${field}: no assessment ${id}`);
    return assessment;
  }

  return {
    /** The assessments of several modules (a handful each: not paginated). */
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

    async resultsByIds(ids: readonly string[]): Promise<AssessmentResult[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(assessmentResults)
        .where(and(resultVisible, inArray(assessmentResults.id, [...ids])));
    },

    /** Pages of several assessments' results the actor may see, newest first, in one query. */
    async resultPagesOfAssessments(
      requests: readonly (PageRequest & { assessmentId: string })[],
    ): Promise<BatchedPage<AssessmentResult>[]> {
      return batchedPages(
        requests,
        resultOrder,
        (request) => request.assessmentId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(assessmentResults) })
            .from(assessmentResults)
            .where(
              and(resultVisible, eq(assessmentResults.assessmentId, request.assessmentId), after),
            ),
      );
    },

    /** Pages of several learners' results in a cohort (their enrollments), in one query. */
    async resultPagesOfEnrollments(
      requests: readonly (PageRequest & { personId: string; cohortId: string })[],
    ): Promise<BatchedPage<AssessmentResult>[]> {
      return batchedPages(
        requests,
        enrollmentResultOrder,
        (request) => `${request.cohortId}/${request.personId}`,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(assessmentResults) })
            .from(assessmentResults)
            .where(
              and(
                resultVisible,
                eq(assessmentResults.personId, request.personId),
                eq(assessmentResults.cohortId, request.cohortId),
                after,
              ),
            ),
      );
    },

    async createAssessment(input: NewAssessment): Promise<Assessment> {
      requireRole(actor, 'defining an assessment', 'ADMIN');
      const moduleId = requireUuid(input.moduleId, 'moduleId');
      checkAssessment(input);
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

    /** Changes the fields given; the scale only while the assessment has no results. */
    async updateAssessment(id: string, changes: AssessmentChanges): Promise<Assessment> {
      requireRole(actor, 'changing an assessment', 'ADMIN');
      const current = await requireAssessment(id, 'id');
      const next = { ...current, ...changesOf(changes, ['kind', 'title', 'maxScore']) };
      checkAssessment(next);
      return db.transaction(async (tx) => {
        // Locked against results being graded on the scale while it changes (they lock it
        // for share while they grade).
        await tx
          .select({ id: assessments.id })
          .from(assessments)
          .where(and(eq(assessments.tenantId, t), eq(assessments.id, current.id)))
          .for('update');
        if (next.maxScore !== current.maxScore || next.passingScore !== current.passingScore) {
          const [results] = await tx
            .select({ n: count() })
            .from(assessmentResults)
            .where(
              and(
                eq(assessmentResults.tenantId, t),
                eq(assessmentResults.assessmentId, current.id),
              ),
            );
          if (results!.n > 0) {
            throw new ConflictError(
              'maxScore, passingScore: the assessment has results graded on its present scale',
            );
          }
        }
        const [row] = await tx
          .update(assessments)
          .set({
            kind: next.kind,
            title: next.title.trim(),
            maxScore: next.maxScore,
            passingScore: next.passingScore,
            activityIris: next.activityIris ?? [],
          })
          .where(and(eq(assessments.tenantId, t), eq(assessments.id, current.id)))
          .returning();
        return row!;
      });
    },

    /** Only an assessment without results goes. */
    async deleteAssessment(id: string): Promise<string> {
      requireRole(actor, 'deleting an assessment', 'ADMIN');
      const assessment = await requireAssessment(id, 'id');
      try {
        await db
          .delete(assessments)
          .where(and(eq(assessments.tenantId, t), eq(assessments.id, assessment.id)));
      } catch (error) {
        throw conflictFrom(error, { referenced: 'the assessment has results' });
      }
      return assessment.id;
    },
  };
}

function checkAssessment(assessment: {
  title: string;
  maxScore: number;
  passingScore?: number | null;
  activityIris?: string[] | null;
}) {
  if (assessment.title.trim() === '') throw new BadUserInputError('title: must not be empty');
  if (!(assessment.maxScore > 0) || !Number.isFinite(assessment.maxScore))
    throw new BadUserInputError('maxScore: must be more than 0');
  if (
    assessment.passingScore != null &&
    (assessment.passingScore < 0 || assessment.passingScore > assessment.maxScore)
  ) {
    throw new BadUserInputError('passingScore: must be between 0 and maxScore');
  }
  for (const [index, iri] of (assessment.activityIris ?? []).entries()) {
    if (!isValidIri(iri)) throw new BadUserInputError(`activityIris[${index}]: must be an IRI`);
  }
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
