// How a learner's progress in one module follows from what they did: a pure fold of
// learning events into the state kept per enrollment and module. First start, last
// activity, first completion, best score and "passed once any attempt passed" do not
// depend on the order events arrive in; time spent is a sum. Each stored statement is
// folded once, when it is stored; a voiding or a newly known actor folds the remaining
// events again from nothing.

export interface ModuleProgressState {
  startedAt: Date;
  completedAt: Date | null;
  /** True once passed; false when only failed; null when nothing was graded pass/fail. */
  success: boolean | null;
  /** The best score, scaled to 0..1. */
  bestScaledScore: number | null;
  timeSpentSeconds: number;
  lastActivityAt: Date;
}

/** One statement about the module, as progress counts it. */
export interface LearningEvent {
  at: Date;
  /** The module itself was completed (not merely a part of it, such as a quiz attempt). */
  completes: boolean;
  scaled: number | null;
  success: boolean | null;
  seconds: number;
}

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
    timeSpentSeconds: 0,
    lastActivityAt: event.at,
  };
  return {
    startedAt: earliest(state.startedAt, event.at),
    lastActivityAt: latest(state.lastActivityAt, event.at),
    completedAt: !event.completes
      ? state.completedAt
      : state.completedAt === null
        ? event.at
        : earliest(state.completedAt, event.at),
    bestScaledScore:
      event.scaled === null
        ? state.bestScaledScore
        : Math.max(state.bestScaledScore ?? event.scaled, event.scaled),
    success: event.success === null ? state.success : state.success === true || event.success,
    timeSpentSeconds: state.timeSpentSeconds + event.seconds,
  };
}

/** The state of a module from all its events, or undefined when there are none. */
export function foldLearningEvents(events: LearningEvent[]): ModuleProgressState | undefined {
  return events.reduce<ModuleProgressState | undefined>(applyLearningEvent, undefined);
}

export function moduleStatus(state: ModuleProgressState | undefined): ModuleStatus {
  if (state === undefined) return 'NOT_STARTED';
  return state.completedAt === null ? 'IN_PROGRESS' : 'COMPLETED';
}

export interface EnrollmentStanding {
  /** Modules completed over the programme's modules, in percent to one decimal. */
  percentComplete: number;
  /** The phase of the first module (in programme order) not completed; null when all are. */
  currentPhase: string | null;
}

/** Where a learner stands in their programme, from their modules' states. */
export function enrollmentStanding(
  modules: { id: string; phase: string }[],
  stateOf: (moduleId: string) => ModuleProgressState | undefined,
): EnrollmentStanding {
  const open = modules.filter((module) => moduleStatus(stateOf(module.id)) !== 'COMPLETED');
  const done = modules.length - open.length;
  return {
    percentComplete: modules.length === 0 ? 0 : Math.round((1000 * done) / modules.length) / 10,
    currentPhase: open[0]?.phase ?? null,
  };
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

function earliest(a: Date, b: Date): Date {
  return a <= b ? a : b;
}

function latest(a: Date, b: Date): Date {
  return a >= b ? a : b;
}
