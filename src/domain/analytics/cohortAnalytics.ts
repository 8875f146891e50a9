// What a facilitator and management read about one cohort: its dashboard and its learners
// at risk. Everything is read from what is kept as statements arrive (module progress,
// per-enrollment counters) and from the cohort's own records, a handful of queries each
// bounded by the cohort's size, whatever the number of statements behind them.
import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  actionPlanSteps,
  actionPlans,
  attendance,
  coachingCheckIns,
  enrollmentActivity,
  enrollments,
  mentorAssignments,
  moduleProgress,
  sessions,
} from '../../db/schema/index.js';
import { idKey, keysetCursor, keysetOrder, scopedOrder, timestampKey } from '../../db/keyset.js';
import type { KeysetPage, PageRequest } from '../../db/keyset.js';
import { decodeCursor } from '../../lib/cursor.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import { moduleStatus, type ModuleProgressState } from '../progress/moduleProgress.js';
import type {
  Cohort,
  Enrollment,
  Module,
  ProgramRepository,
} from '../programs/programRepository.js';
import { riskReasons, type RiskReason } from './atRisk.js';
import { median, plannedCheckIns, ratio, scoreBands } from './figures.js';

export interface ModuleFigures {
  module: Module;
  started: number;
  completed: number;
  /** Completed / enrolled learners still counted (not withdrawn). */
  completionRate: number | null;
  /** The median of learners' best scaled scores, among those with a score. */
  medianScaledScore: number | null;
  /** Learners' best scaled scores in ten bands of 0.1. */
  scoreBands: number[];
  averageTimeSpentSeconds: number | null;
}

export interface CohortDashboard {
  cohort: Cohort;
  enrolled: number;
  byStatus: { status: string; count: number }[];
  modules: ModuleFigures[];
  forumPosts: number;
  forumReplies: number;
  /** Learners with at least one post or reply. */
  learnersInForums: number;
  sessionsHeld: number;
  /** PRESENT or LATE over the attendance expected at sessions held so far. */
  attendanceRate: number | null;
  checkInsHeld: number;
  checkInsPlanned: number;
  actionPlanStepsDone: number;
  actionPlanSteps: number;
  atRisk: number;
}

export interface AtRiskLearner {
  enrollment: Enrollment;
  reasons: RiskReason[];
}

/** Learners counted in a cohort's figures: everyone but those who withdrew. */
const counted = (enrollment: Enrollment) => enrollment.status !== 'WITHDRAWN';

export function createCohortAnalytics(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

  /** The cohort and what its figures are computed from. */
  async function factsOf(cohortId: string, now: Date) {
    requireRole(actor, "reading a cohort's analytics", 'ADMIN', 'ANALYST', 'FACILITATOR');
    const [cohort] = await programsOfActor.cohortsByIds([requireUuid(cohortId, 'cohortId')]);
    if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${cohortId}`);
    const [[program], modules, members] = await Promise.all([
      programsOfActor.programsByIds([cohort.programId]),
      programsOfActor.modulesOfPrograms([cohort.programId]),
      db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.tenantId, t), eq(enrollments.cohortId, cohort.id)))
        .orderBy(asc(enrollments.enrolledAt), asc(enrollments.id)),
    ]);
    const ids = members.map((enrollment) => enrollment.id);
    const [progressRows, activityRows] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            db
              .select()
              .from(moduleProgress)
              .where(
                and(eq(moduleProgress.tenantId, t), inArray(moduleProgress.enrollmentId, ids)),
              ),
            db
              .select()
              .from(enrollmentActivity)
              .where(
                and(
                  eq(enrollmentActivity.tenantId, t),
                  inArray(enrollmentActivity.enrollmentId, ids),
                ),
              ),
          ]);
    const progress = new Map<string, Map<string, ModuleProgressState>>();
    for (const row of progressRows) {
      const ofEnrollment = progress.get(row.enrollmentId) ?? new Map();
      ofEnrollment.set(row.moduleId, row);
      progress.set(row.enrollmentId, ofEnrollment);
    }
    const activity = new Map(activityRows.map((row) => [row.enrollmentId, row]));
    const atRisk = members.flatMap((enrollment) => {
      const reasons = riskReasons(
        {
          status: enrollment.status,
          cohortStartDate: cohort.startDate,
          modules,
          progress: progress.get(enrollment.id) ?? new Map(),
          lastActivityAt: activity.get(enrollment.id)?.lastActivityAt ?? null,
        },
        { scoreThreshold: program!.riskScoreThreshold, inactiveDays: program!.riskInactiveDays },
        now,
      );
      return reasons.length > 0 ? [{ enrollment, reasons }] : [];
    });
    return { cohort, program: program!, modules, members, progress, activity, atRisk };
  }

  return {
    async dashboard(cohortId: string, now = new Date()): Promise<CohortDashboard> {
      const facts = await factsOf(cohortId, now);
      const { cohort, program, modules, members, progress, activity } = facts;
      const learners = members.filter(counted);
      const [held, present, checkIns, steps] = await Promise.all([
        db
          .select({ n: count() })
          .from(sessions)
          .where(
            and(
              eq(sessions.tenantId, t),
              eq(sessions.cohortId, cohort.id),
              lte(sessions.startsAt, now),
            ),
          ),
        db
          .select({ n: count() })
          .from(attendance)
          .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
          .where(
            and(
              eq(attendance.tenantId, t),
              eq(sessions.cohortId, cohort.id),
              lte(sessions.startsAt, now),
              inArray(attendance.status, ['PRESENT', 'LATE']),
            ),
          ),
        db
          .select({
            startsOn: mentorAssignments.startsOn,
            endsOn: mentorAssignments.endsOn,
            held: sql<number>`count(${coachingCheckIns.id})::int`,
          })
          .from(mentorAssignments)
          .leftJoin(coachingCheckIns, eq(coachingCheckIns.assignmentId, mentorAssignments.id))
          .where(and(eq(mentorAssignments.tenantId, t), eq(mentorAssignments.cohortId, cohort.id)))
          .groupBy(mentorAssignments.id),
        db
          .select({
            total: sql<number>`count(*)::int`,
            done: sql<number>`(count(*) filter (where ${actionPlanSteps.status} = 'DONE'))::int`,
          })
          .from(actionPlanSteps)
          .innerJoin(actionPlans, eq(actionPlans.id, actionPlanSteps.planId))
          .where(and(eq(actionPlanSteps.tenantId, t), eq(actionPlans.cohortId, cohort.id))),
      ]);
      const today = now.toISOString().slice(0, 10);
      const byStatus = new Map<string, number>();
      for (const member of members)
        byStatus.set(member.status, (byStatus.get(member.status) ?? 0) + 1);
      const forum = learners.map((member) => activity.get(member.id));
      const sessionsHeld = held[0]!.n;
      return {
        cohort,
        enrolled: members.length,
        byStatus: [...byStatus].map(([status, n]) => ({ status, count: n })),
        modules: modules.map((module) => {
          const states = learners.flatMap((member) => {
            const state = progress.get(member.id)?.get(module.id);
            return state === undefined ? [] : [state];
          });
          const scores = states.flatMap((state) =>
            state.bestScaledScore === null ? [] : [state.bestScaledScore],
          );
          const completed = states.filter((state) => moduleStatus(state) === 'COMPLETED').length;
          return {
            module,
            started: states.length,
            completed,
            completionRate: ratio(completed, learners.length),
            medianScaledScore: median(scores),
            scoreBands: scoreBands(scores),
            averageTimeSpentSeconds:
              states.length === 0
                ? null
                : states.reduce((sum, state) => sum + state.timeSpentSeconds, 0) / states.length,
          };
        }),
        forumPosts: forum.reduce((sum, row) => sum + (row?.forumPosts ?? 0), 0),
        forumReplies: forum.reduce((sum, row) => sum + (row?.forumReplies ?? 0), 0),
        learnersInForums: forum.filter(
          (row) => (row?.forumPosts ?? 0) + (row?.forumReplies ?? 0) > 0,
        ).length,
        sessionsHeld,
        attendanceRate: ratio(present[0]!.n, sessionsHeld * learners.length),
        checkInsHeld: checkIns.reduce((sum, row) => sum + row.held, 0),
        checkInsPlanned: checkIns.reduce(
          (sum, row) =>
            sum +
            plannedCheckIns(
              row.startsOn ?? cohort.startDate,
              row.endsOn ?? cohort.endDate,
              today,
              program.checkInIntervalDays,
            ),
          0,
        ),
        actionPlanStepsDone: steps[0]?.done ?? 0,
        actionPlanSteps: steps[0]?.total ?? 0,
        atRisk: facts.atRisk.length,
      };
    },

    /** The cohort's learners at risk with their reasons, in enrollment order. */
    async atRiskLearners(
      cohortId: string,
      page: PageRequest,
      now = new Date(),
    ): Promise<KeysetPage<AtRiskLearner>> {
      const { cohort, atRisk } = await factsOf(cohortId, now);
      const order = scopedOrder(enrollmentOrder, cohort.id);
      let start = 0;
      if (page.after !== undefined) {
        const [name, at, id] = decodeCursor(page.after, ['string', 'string', 'string']) as string[];
        if (name !== order.name) {
          throw new BadUserInputError(
            `the cursor belongs to another list or order than ${order.name}`,
          );
        }
        start = atRisk.findIndex(
          (entry) =>
            entry.enrollment.enrolledAt.toISOString() > at! ||
            (entry.enrollment.enrolledAt.toISOString() === at && entry.enrollment.id > id!),
        );
        if (start === -1) start = atRisk.length;
      }
      const items = atRisk.slice(start, start + page.first);
      return {
        items,
        cursors: items.map((entry) => keysetCursor(order, entry.enrollment)),
        hasNextPage: start + page.first < atRisk.length,
      };
    },
  };
}

const enrollmentOrder = keysetOrder<Enrollment>('atRiskLearners', 'ENROLLED_AT', 'ASC', [
  timestampKey(enrollments.enrolledAt, (row) => row.enrolledAt),
  idKey(enrollments.id, (row) => row.id),
]);

export type CohortAnalytics = ReturnType<typeof createCohortAnalytics>;
