// A programme's evaluation on Kirkpatrick's four levels, across all its cohorts:
// L1 reaction (the averages of its reaction surveys), L2 learning (pre-test to post-test
// gain of the learners who took both), L3 behaviour (mentors' ratings of how learners apply
// it at work, and how much of their action plans is done), L4 results (outcome indicators
// measured per org unit before and after). Read by ADMIN, ANALYST and the programme's
// facilitators; ADMIN records the outcome indicators.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  actionPlanSteps,
  actionPlans,
  assessments,
  coachingCheckIns,
  cohortFacilitators,
  cohorts,
  learningEvents,
  mentorAssignments,
  modules,
  orgUnits,
  outcomeIndicators,
  type OutcomeIndicatorRow,
} from '../../db/schema/index.js';
import { checkDateRange, requireLocalDate } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import type { Assessment } from '../assessments/assessmentRepository.js';
import type { Program, ProgramRepository } from '../programs/programRepository.js';

export type OutcomeIndicator = OutcomeIndicatorRow;

export interface NewOutcomeIndicator {
  programId: string;
  orgUnitId: string;
  name: string;
  unit?: string | null;
  better: 'LOWER' | 'HIGHER';
  baselineValue: number;
  baselineOn: string;
  followUpValue?: number | null;
  followUpOn?: string | null;
}

export interface Evaluation {
  program: Program;
  reaction: { assessment: Assessment; responses: number; averageScaledScore: number | null }[];
  learning: {
    learners: number;
    averagePreScaled: number | null;
    averagePostScaled: number | null;
    averageGain: number | null;
  };
  behaviour: {
    ratings: number;
    averageRating: number | null;
    actionPlanSteps: number;
    actionPlanStepsDone: number;
  };
  results: (OutcomeIndicator & { change: number | null; improved: boolean | null })[];
}

export function createProgramEvaluation(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

  async function programFor(programId: string): Promise<Program> {
    const [program] = await programsOfActor.programsByIds([requireUuid(programId, 'programId')]);
    if (program === undefined) throw new NotFoundError(`programId: no programme ${programId}`);
    if (hasRole(actor, 'ADMIN', 'ANALYST')) return program;
    if (hasRole(actor, 'FACILITATOR')) {
      const [mine] = await db
        .select({ one: sql`1` })
        .from(cohortFacilitators)
        .innerJoin(cohorts, eq(cohorts.id, cohortFacilitators.cohortId))
        .where(
          and(
            eq(cohorts.programId, program.id),
            sql`${cohortFacilitators.personId} in ${actorPersonIds(actor)}`,
          ),
        );
      if (mine !== undefined) return program;
    }
    throw new ForbiddenError("a programme's evaluation is for ADMIN, ANALYST and its facilitators");
  }

  /** Learners' best scaled score in each assessment of these kinds, from their statements. */
  async function bestScores(programId: string, kinds: string[]) {
    return db
      .select({
        assessmentId: learningEvents.assessmentId,
        kind: assessments.kind,
        personId: learningEvents.personId,
        best: sql<number>`max(${learningEvents.scaled})`,
      })
      .from(learningEvents)
      .innerJoin(assessments, eq(assessments.id, learningEvents.assessmentId))
      .innerJoin(modules, eq(modules.id, assessments.moduleId))
      .where(
        and(
          eq(learningEvents.tenantId, t),
          eq(modules.programId, programId),
          inArray(assessments.kind, kinds),
          eq(learningEvents.voided, false),
          sql`${learningEvents.scaled} is not null`,
          sql`${learningEvents.personId} is not null`,
        ),
      )
      .groupBy(learningEvents.assessmentId, assessments.kind, learningEvents.personId);
  }

  return {
    async evaluate(programId: string): Promise<Evaluation> {
      const program = await programFor(programId);
      const [surveyAssessments, surveyScores, tests, ratings, steps, indicators] =
        await Promise.all([
          db
            .select({ assessment: assessments })
            .from(assessments)
            .innerJoin(modules, eq(modules.id, assessments.moduleId))
            .where(
              and(
                eq(assessments.tenantId, t),
                eq(modules.programId, program.id),
                eq(assessments.kind, 'REACTION_SURVEY'),
              ),
            )
            .orderBy(asc(assessments.title)),
          bestScores(program.id, ['REACTION_SURVEY']),
          bestScores(program.id, ['PRE_TEST', 'POST_TEST']),
          db
            .select({
              count: sql<number>`count(${coachingCheckIns.rating})::int`,
              average: sql<number | null>`avg(${coachingCheckIns.rating})::float8`,
            })
            .from(coachingCheckIns)
            .innerJoin(mentorAssignments, eq(mentorAssignments.id, coachingCheckIns.assignmentId))
            .innerJoin(cohorts, eq(cohorts.id, mentorAssignments.cohortId))
            .where(and(eq(coachingCheckIns.tenantId, t), eq(cohorts.programId, program.id))),
          db
            .select({
              total: sql<number>`count(*)::int`,
              done: sql<number>`(count(*) filter (where ${actionPlanSteps.status} = 'DONE'))::int`,
            })
            .from(actionPlanSteps)
            .innerJoin(actionPlans, eq(actionPlans.id, actionPlanSteps.planId))
            .innerJoin(cohorts, eq(cohorts.id, actionPlans.cohortId))
            .where(and(eq(actionPlanSteps.tenantId, t), eq(cohorts.programId, program.id))),
          db
            .select()
            .from(outcomeIndicators)
            .where(
              and(eq(outcomeIndicators.tenantId, t), eq(outcomeIndicators.programId, program.id)),
            )
            .orderBy(asc(outcomeIndicators.name), asc(outcomeIndicators.id)),
        ]);

      const average = (values: number[]) =>
        values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
      const pre = new Map<string, number>();
      const post = new Map<string, number>();
      for (const row of tests) {
        const into = row.kind === 'PRE_TEST' ? pre : post;
        // A learner's best over the programme's tests of that kind.
        into.set(row.personId!, Math.max(into.get(row.personId!) ?? 0, row.best));
      }
      const both = [...pre.keys()].filter((person) => post.has(person));
      return {
        program,
        reaction: surveyAssessments.map(({ assessment }) => {
          const scores = surveyScores
            .filter((row) => row.assessmentId === assessment.id)
            .map((row) => row.best);
          return { assessment, responses: scores.length, averageScaledScore: average(scores) };
        }),
        learning: {
          learners: both.length,
          averagePreScaled: average(both.map((person) => pre.get(person)!)),
          averagePostScaled: average(both.map((person) => post.get(person)!)),
          averageGain: average(both.map((person) => post.get(person)! - pre.get(person)!)),
        },
        behaviour: {
          ratings: ratings[0]?.count ?? 0,
          averageRating: ratings[0]?.average ?? null,
          actionPlanSteps: steps[0]?.total ?? 0,
          actionPlanStepsDone: steps[0]?.done ?? 0,
        },
        results: indicators.map((indicator) => {
          const change =
            indicator.followUpValue === null
              ? null
              : indicator.followUpValue - indicator.baselineValue;
          return {
            ...indicator,
            change,
            improved:
              change === null ? null : indicator.better === 'LOWER' ? change < 0 : change > 0,
          };
        }),
      };
    },

    async createIndicator(input: NewOutcomeIndicator): Promise<OutcomeIndicator> {
      requireRole(actor, 'recording an outcome indicator', 'ADMIN');
      const program = await programFor(input.programId);
      const orgUnitId = requireUuid(input.orgUnitId, 'orgUnitId');
      const [unit] = await db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(eq(orgUnits.tenantId, t), eq(orgUnits.id, orgUnitId)));
      if (unit === undefined) throw new NotFoundError(`orgUnitId: no org unit ${input.orgUnitId}`);
      checkIndicator(input);
      const [row] = await db
        .insert(outcomeIndicators)
        .values({
          tenantId: t,
          programId: program.id,
          orgUnitId,
          name: input.name.trim(),
          unit: input.unit ?? null,
          better: input.better,
          baselineValue: input.baselineValue,
          baselineOn: input.baselineOn,
          followUpValue: input.followUpValue ?? null,
          followUpOn: input.followUpOn ?? null,
        })
        .returning();
      return row!;
    },

    /** Records the follow-up measure, or corrects the indicator; fields left out stay. */
    async updateIndicator(
      id: string,
      changes: Partial<Omit<NewOutcomeIndicator, 'programId' | 'orgUnitId'>>,
    ): Promise<OutcomeIndicator> {
      requireRole(actor, 'changing an outcome indicator', 'ADMIN');
      const current = await requireIndicator(id);
      const next = {
        ...current,
        ...changesOf(changes, ['name', 'better', 'baselineValue', 'baselineOn']),
      };
      checkIndicator(next);
      const [row] = await db
        .update(outcomeIndicators)
        .set({
          name: next.name.trim(),
          unit: next.unit,
          better: next.better,
          baselineValue: next.baselineValue,
          baselineOn: next.baselineOn,
          followUpValue: next.followUpValue,
          followUpOn: next.followUpOn,
        })
        .where(and(eq(outcomeIndicators.tenantId, t), eq(outcomeIndicators.id, current.id)))
        .returning();
      return row!;
    },

    async deleteIndicator(id: string): Promise<string> {
      requireRole(actor, 'deleting an outcome indicator', 'ADMIN');
      const current = await requireIndicator(id);
      await db
        .delete(outcomeIndicators)
        .where(and(eq(outcomeIndicators.tenantId, t), eq(outcomeIndicators.id, current.id)));
      return current.id;
    },
  };

  async function requireIndicator(id: string): Promise<OutcomeIndicator> {
    const [row] = await db
      .select()
      .from(outcomeIndicators)
      .where(
        and(eq(outcomeIndicators.tenantId, t), eq(outcomeIndicators.id, requireUuid(id, 'id'))),
      );
    if (row === undefined) throw new NotFoundError(`no outcome indicator ${id}`);
    return row;
  }
}

function checkIndicator(indicator: {
  name: string;
  better: string;
  baselineValue: number;
  baselineOn: string;
  followUpValue?: number | null;
  followUpOn?: string | null;
}) {
  if (indicator.name.trim() === '') throw new BadUserInputError('name: must not be empty');
  if (indicator.better !== 'LOWER' && indicator.better !== 'HIGHER')
    throw new BadUserInputError('better: LOWER or HIGHER');
  requireLocalDate(indicator.baselineOn, 'baselineOn');
  if ((indicator.followUpValue == null) !== (indicator.followUpOn == null)) {
    throw new BadUserInputError('followUpValue, followUpOn: give both or neither');
  }
  checkDateRange(indicator.baselineOn, indicator.followUpOn, ['baselineOn', 'followUpOn']);
}

export type ProgramEvaluation = ReturnType<typeof createProgramEvaluation>;
