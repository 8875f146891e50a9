// Action plans (rencana aksi), for one actor. A plan is visible to its learner, their
// mentors in the cohort, the cohort's facilitators, ADMIN and ANALYST. The learner (or
// ADMIN) writes the plan and its steps and moves it through DRAFT, SUBMITTED, IN_PROGRESS
// and DONE; mentors and facilitators review it, and approve it (APPROVED) with a review.
// A step's new status also stores an xAPI statement (progressed, or completed when done) in
// one transaction. A step that is done is evidence and is not deleted.
import { and, asc, eq, getTableColumns, inArray, max, ne, or, sql, type SQL } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import { idKey, keysetOrder, timestampKey, type PageRequest } from '../../db/keyset.js';
import type { JejakDb } from '../../db/client.js';
import {
  actionPlanReviews,
  actionPlanSteps,
  actionPlans,
  cohortFacilitators,
  enrollments,
  mentorAssignments,
  people,
  type ActionPlanReviewRow,
  type ActionPlanRow,
  type ActionPlanStepRow,
} from '../../db/schema/index.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { requireLocalDate } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../lib/errors.js';
import { isUuid, optionalUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds, findActorPersonId } from '../access/actorPerson.js';
import {
  cohortContext,
  jejakActivityTypes,
  jejakVerbs,
} from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type ActionPlan = ActionPlanRow;
export type ActionPlanStep = ActionPlanStepRow;
export type ActionPlanReview = ActionPlanReviewRow;
export const stepStatuses = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
export const planStatuses = ['DRAFT', 'SUBMITTED', 'APPROVED', 'IN_PROGRESS', 'DONE'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export interface StepChanges {
  description?: string;
  dueOn?: string | null;
  status?: (typeof stepStatuses)[number];
  evidenceLinks?: string[];
}

/** Where the learner (or ADMIN) may move a plan; APPROVED is given by a review. */
const learnerMoves: Record<PlanStatus, PlanStatus[]> = {
  DRAFT: ['SUBMITTED'],
  SUBMITTED: ['DRAFT'],
  APPROVED: ['IN_PROGRESS'],
  IN_PROGRESS: ['DONE'],
  DONE: ['IN_PROGRESS'],
};

const planOrder = keysetOrder<ActionPlan>('actionPlans', 'CREATED_AT', 'ASC', [
  timestampKey(actionPlans.createdAt, (row) => row.createdAt),
  idKey(actionPlans.id, (row) => row.id),
]);

export function createActionPlanRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;
  const me = actorPersonIds(actor);
  const owns = sql`${actionPlans.personId} in ${me}`;
  const reviews = or(
    sql`exists (select 1 from ${mentorAssignments} a where a.cohort_id = ${actionPlans.cohortId}
               and a.mentee_id = ${actionPlans.personId} and a.mentor_id in ${me})`,
    sql`${actionPlans.cohortId} in (select cohort_id from ${cohortFacilitators} where person_id in ${me})`,
  )!;
  const planVisible: SQL = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(actionPlans.tenantId, t)
    : and(eq(actionPlans.tenantId, t), or(owns, reviews))!;

  async function planFor(planId: string, access: 'owner' | 'reviewer'): Promise<ActionPlan> {
    const rows = await db
      .select({ plan: actionPlans, owns: sql<boolean>`${owns}`, reviews: sql<boolean>`${reviews}` })
      .from(actionPlans)
      .where(and(planVisible, eq(actionPlans.id, requireUuid(planId, 'planId'))));
    const row = rows[0];
    if (row === undefined) throw new NotFoundError(`no action plan ${planId}`);
    const allowed = access === 'owner' ? hasRole(actor, 'ADMIN') || row.owns : row.reviews;
    if (!allowed) {
      throw new ForbiddenError(
        access === 'owner'
          ? 'only the learner (or an ADMIN) changes an action plan'
          : "only the learner's mentor or the cohort's facilitators review an action plan",
      );
    }
    return row.plan;
  }

  async function requireStep(id: string, field: string): Promise<ActionPlanStep> {
    const [step] = await db
      .select()
      .from(actionPlanSteps)
      .where(and(eq(actionPlanSteps.tenantId, t), eq(actionPlanSteps.id, requireUuid(id, field))));
    if (step === undefined) throw new NotFoundError(`no action plan step ${id}`);
    return step;
  }

  return {
    /** The plans of several people (one per cohort they were in: not paginated). */
    async plansByPersonIds(personIds: readonly string[]): Promise<ActionPlan[]> {
      if (personIds.length === 0) return [];
      return db
        .select()
        .from(actionPlans)
        .where(and(planVisible, inArray(actionPlans.personId, [...personIds])))
        .orderBy(asc(actionPlans.createdAt), asc(actionPlans.id));
    },

    async plansByIds(ids: readonly string[]): Promise<ActionPlan[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(actionPlans)
        .where(and(planVisible, inArray(actionPlans.id, [...ids])));
    },

    /** Pages of several cohorts' plans the actor may see, oldest first, in one query. */
    async planPagesOfCohorts(
      requests: readonly (PageRequest & { cohortId: string })[],
    ): Promise<BatchedPage<ActionPlan>[]> {
      return batchedPages(
        requests,
        planOrder,
        (request) => request.cohortId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(actionPlans) })
            .from(actionPlans)
            .where(and(planVisible, eq(actionPlans.cohortId, request.cohortId), after)),
      );
    },

    /** The steps of several plans, in order (a handful each: not paginated). */
    async stepsOfPlans(planIds: readonly string[]): Promise<ActionPlanStep[]> {
      if (planIds.length === 0) return [];
      return db
        .select()
        .from(actionPlanSteps)
        .where(and(eq(actionPlanSteps.tenantId, t), inArray(actionPlanSteps.planId, [...planIds])))
        .orderBy(asc(actionPlanSteps.position), asc(actionPlanSteps.id));
    },

    async reviewsOfPlans(planIds: readonly string[]): Promise<ActionPlanReview[]> {
      if (planIds.length === 0) return [];
      return db
        .select()
        .from(actionPlanReviews)
        .where(
          and(eq(actionPlanReviews.tenantId, t), inArray(actionPlanReviews.planId, [...planIds])),
        )
        .orderBy(asc(actionPlanReviews.createdAt), asc(actionPlanReviews.id));
    },

    /** The learner writes their own plan for a cohort they are enrolled in (or ADMIN, for anyone). */
    async createPlan(input: {
      cohortId: string;
      personId?: string | null;
      goal: string;
    }): Promise<ActionPlan> {
      const cohortId = requireUuid(input.cohortId, 'cohortId');
      const selfId = await findActorPersonId(db, actor);
      const personId = optionalUuid(input.personId, 'personId') ?? selfId;
      if (personId === undefined)
        throw new BadUserInputError('personId: required when the caller is not a person');
      if (personId !== selfId && !hasRole(actor, 'ADMIN')) {
        throw new ForbiddenError('a learner writes only their own action plan');
      }
      if (input.goal.trim() === '') throw new BadUserInputError('goal: must not be empty');
      const [enrolled] = await db
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(
          and(
            eq(enrollments.tenantId, t),
            eq(enrollments.cohortId, cohortId),
            eq(enrollments.personId, personId),
          ),
        );
      if (enrolled === undefined)
        throw new NotFoundError('cohortId: the learner is not enrolled in that cohort');
      try {
        const [row] = await db
          .insert(actionPlans)
          .values({ tenantId: t, cohortId, personId, goal: input.goal.trim(), status: 'DRAFT' })
          .returning();
        return row!;
      } catch (error) {
        throw conflictFrom(error, {
          unique: 'the learner already has an action plan for that cohort',
        });
      }
    },

    /** The learner (or ADMIN) rewrites the goal or moves the plan on; approval is a review's. */
    async updatePlan(
      planId: string,
      changes: { goal?: string; status?: PlanStatus },
    ): Promise<ActionPlan> {
      const plan = await planFor(planId, 'owner');
      const next = { ...plan, ...changesOf(changes, ['goal', 'status']) };
      if (next.goal.trim() === '') throw new BadUserInputError('goal: must not be empty');
      const from = plan.status as PlanStatus;
      if (next.status !== from && !learnerMoves[from].includes(next.status as PlanStatus)) {
        throw new ConflictError(
          next.status === 'APPROVED'
            ? 'status: a plan is APPROVED by its mentor or facilitator, with reviewActionPlan'
            : `status: a ${from} plan moves to ${learnerMoves[from].join(' or ')}, not ${next.status}`,
        );
      }
      if (next.goal.trim() !== plan.goal && !['DRAFT', 'SUBMITTED'].includes(from)) {
        throw new ConflictError(`goal: the plan is ${from}; its approved goal no longer changes`);
      }
      // Only from the status read: a concurrent change makes this one a conflict, not a skip.
      const [row] = await db
        .update(actionPlans)
        .set({ goal: next.goal.trim(), status: next.status, updatedAt: sql`now()` })
        .where(
          and(
            eq(actionPlans.tenantId, t),
            eq(actionPlans.id, plan.id),
            eq(actionPlans.status, from),
          ),
        )
        .returning();
      if (row === undefined) throw new ConflictError('the plan changed meanwhile; read it again');
      return row;
    },

    async addStep(input: {
      planId: string;
      description: string;
      dueOn?: string | null;
    }): Promise<ActionPlanStep> {
      const plan = await planFor(input.planId, 'owner');
      if (input.description.trim() === '')
        throw new BadUserInputError('description: must not be empty');
      if (input.dueOn != null) requireLocalDate(input.dueOn, 'dueOn');
      const [last] = await db
        .select({ position: max(actionPlanSteps.position) })
        .from(actionPlanSteps)
        .where(and(eq(actionPlanSteps.tenantId, t), eq(actionPlanSteps.planId, plan.id)));
      const [row] = await db
        .insert(actionPlanSteps)
        .values({
          tenantId: t,
          planId: plan.id,
          position: (last?.position ?? 0) + 1,
          description: input.description.trim(),
          dueOn: input.dueOn ?? null,
          status: 'TODO',
        })
        .returning();
      return row!;
    },

    /**
     * The learner (or ADMIN) changes a step. A status given also records an xAPI statement:
     * completed when DONE, progressed otherwise.
     */
    async updateStep(stepId: string, changes: StepChanges): Promise<ActionPlanStep> {
      const step = await requireStep(stepId, 'stepId');
      const plan = await planFor(step.planId, 'owner');
      const next = { ...step, ...changesOf(changes, ['description', 'status', 'evidenceLinks']) };
      if (step.status === 'DONE' && next.status !== 'DONE') {
        throw new ConflictError('status: the step is done: it is evidence of the plan and stays');
      }
      if (next.description.trim() === '')
        throw new BadUserInputError('description: must not be empty');
      if (next.dueOn !== null) requireLocalDate(next.dueOn, 'dueOn');
      for (const [index, link] of next.evidenceLinks.entries()) {
        if (!/^https?:\/\/\S+$/.test(link))
          throw new BadUserInputError(`evidenceLinks[${index}]: must be an http(s) URL`);
      }
      const [cohort] = await programsOfActor.cohortsByIds([plan.cohortId]);
      const [program] = await programsOfActor.programsByIds([cohort!.programId]);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(actionPlanSteps)
          .set({
            description: next.description.trim(),
            dueOn: next.dueOn,
            status: next.status,
            evidenceLinks: next.evidenceLinks,
            updatedAt: sql`now()`,
          })
          .where(
            and(
              eq(actionPlanSteps.tenantId, t),
              eq(actionPlanSteps.id, step.id),
              // A step done meanwhile stays done.
              next.status === 'DONE' ? undefined : ne(actionPlanSteps.status, 'DONE'),
            ),
          )
          .returning();
        if (row === undefined) {
          throw new ConflictError('status: the step is done: it is evidence of the plan and stays');
        }
        if (changes.status === undefined) return row;
        const [learner] = await tx
          .select()
          .from(people)
          .where(and(eq(people.tenantId, t), eq(people.id, plan.personId)));
        await recordStatements(tx, t, [
          {
            actor: await agentOfPerson(tx, t, learner!),
            verb: next.status === 'DONE' ? jejakVerbs.completed : jejakVerbs.progressed,
            object: {
              objectType: 'Activity',
              id: `urn:jejak:action-plan-step:${step.id}`,
              definition: {
                description: { 'id-ID': row!.description },
                type: jejakActivityTypes.actionPlanStep,
              },
            },
            result: { completion: next.status === 'DONE' },
            context: cohortContext({
              cohort: cohort!,
              program: program!,
              parent: { objectType: 'Activity', id: `urn:jejak:action-plan:${plan.id}` },
            }),
            timestamp: row!.updatedAt.toISOString(),
          },
        ]);
        return row!;
      });
    },

    /** The learner (or ADMIN) removes a step not yet done. */
    async deleteStep(stepId: string): Promise<string> {
      const step = await requireStep(stepId, 'id');
      await planFor(step.planId, 'owner');
      // The status is checked by the delete itself, so a step done meanwhile stays too.
      const [deleted] = await db
        .delete(actionPlanSteps)
        .where(
          and(
            eq(actionPlanSteps.tenantId, t),
            eq(actionPlanSteps.id, step.id),
            ne(actionPlanSteps.status, 'DONE'),
          ),
        )
        .returning({ id: actionPlanSteps.id });
      if (deleted === undefined) {
        throw new ConflictError('the step is done: it is evidence of the plan and stays');
      }
      return deleted.id;
    },

    /** A mentor or facilitator comments on the plan, and may approve it with the comment. */
    async review(input: {
      planId: string;
      comment: string;
      approve?: boolean | null;
    }): Promise<ActionPlanReview> {
      const plan = await planFor(input.planId, 'reviewer');
      if (input.comment.trim() === '') throw new BadUserInputError('comment: must not be empty');
      const selfId = await findActorPersonId(db, actor);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(actionPlanReviews)
          .values({
            tenantId: t,
            planId: plan.id,
            reviewerId: selfId!,
            comment: input.comment.trim(),
          })
          .returning();
        if (input.approve) {
          // A plan under way or done is past approval; approving twice changes nothing.
          const [approved] = await tx
            .update(actionPlans)
            .set({ status: 'APPROVED', updatedAt: sql`now()` })
            .where(
              and(
                eq(actionPlans.tenantId, t),
                eq(actionPlans.id, plan.id),
                inArray(actionPlans.status, ['DRAFT', 'SUBMITTED', 'APPROVED']),
              ),
            )
            .returning({ id: actionPlans.id });
          if (approved === undefined) {
            throw new ConflictError(`approve: the plan is ${plan.status}, past approval`);
          }
        }
        return row!;
      });
    },
  };
}

export type ActionPlanRepository = ReturnType<typeof createActionPlanRepository>;
