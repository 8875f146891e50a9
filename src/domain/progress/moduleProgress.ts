// How a learner's progress in one module follows from what they did: a pure fold of learning
// events into the state kept per enrollment and module. Every rule is monotone (first start,
// first completion, best score, a pass that stays a pass), so applying an event twice or out
// of order gives the same state.

export interface ModuleProgressState {
  startedAt: Date;
  completedAt: Date | null;
  /** True once passed; false when only failed; null when nothing was graded pass/fail. */
  success: boolean | null;
  /** The best score, scaled to 0..1. */
  bestScaledScore: number | null;
  lastActivityAt: Date;
}

export type LearningEvent =
  /** Took part without a result: attended a session of the module, opened it. */
  | { kind: 'engaged'; at: Date }
  /** A graded attempt: `success` is null when the assessment has no pass mark. */
  | { kind: 'scored'; at: Date; scaled: number; success: boolean | null }
  | { kind: 'completed'; at: Date };

export type ModuleStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED';

export function applyLearningEvent(
  current: ModuleProgressState | undefined,
  event: LearningEvent,
): ModuleProgressState {
  const state: ModuleProgressState = current ?? {
    startedAt: event.at,
    completedAt: null,
    success: null,
    bestScaledScore: null,
    lastActivityAt: event.at,
  };
  const next: ModuleProgressState = {
    ...state,
    startedAt: earliest(state.startedAt, event.at),
    lastActivityAt: latest(state.lastActivityAt, event.at),
  };
  if (event.kind === 'scored') {
    next.bestScaledScore =
      state.bestScaledScore === null ? event.scaled : Math.max(state.bestScaledScore, event.scaled);
    if (event.success !== null) next.success = state.success === true || event.success;
  }
  if (event.kind === 'completed') {
    next.completedAt =
      state.completedAt === null ? event.at : earliest(state.completedAt, event.at);
  }
  return next;
}

export function moduleStatus(state: ModuleProgressState | undefined): ModuleStatus {
  if (state === undefined) return 'NOT_STARTED';
  return state.completedAt === null ? 'IN_PROGRESS' : 'COMPLETED';
}

function earliest(a: Date, b: Date): Date {
  return a <= b ? a : b;
}

function latest(a: Date, b: Date): Date {
  return a >= b ? a : b;
}

/**
 * The day a module is due for a cohort: its start plus the module's offset, if it has one
 * and the day falls within the years the API carries (to 9999).
 */
export function moduleDueOn(cohortStartDate: string, dueOffsetDays: number | null): string | null {
  if (dueOffsetDays === null) return null;
  const due = new Date(`${cohortStartDate}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + dueOffsetDays);
  return due.getUTCFullYear() > 9999 ? null : due.toISOString().slice(0, 10);
}

/** Past its due day (`today` as YYYY-MM-DD) and not completed. */
export function isOverdue(
  state: ModuleProgressState | undefined,
  dueOn: string | null,
  today: string,
): boolean {
  return dueOn !== null && dueOn < today && moduleStatus(state) !== 'COMPLETED';
}
