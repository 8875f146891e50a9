// Pure: what learning events add to the figures kept from them, computed before any SQL —
// module progress per enrollment and module (the fold of domain/progress/moduleProgress.ts),
// counters per enrollment, statements per learner and day. learningRecordWrites.ts merges
// these totals into the stored rows.
import {
  foldLearningEvents,
  type LearningEvent,
  type ModuleProgressState,
} from '../progress/moduleProgress.js';

/** What the totals read of an event (a new one, or a stored row). */
export interface CountedEvent {
  enrollmentId?: string | null;
  moduleId?: string | null;
  personId?: string | null;
  agentKey: string;
  occurredAt: Date;
  completes: boolean;
  direct?: boolean;
  scaled?: number | null;
  success?: boolean | null;
  durationSeconds?: number;
  forum?: string | null;
}

export interface ProgressTotal {
  enrollmentId: string;
  moduleId: string;
  state: ModuleProgressState;
}

export interface ActivityTotal {
  enrollmentId: string;
  statements: number;
  forumPosts: number;
  forumReplies: number;
  timeSpentSeconds: number;
  lastActivityAt: Date;
}

export interface ParticipationTotal {
  /** YYYY-MM-DD, UTC. */
  day: string;
  learner: string;
  /** Negative to take statements back. */
  statements: number;
}

export function asLearningEvent(event: CountedEvent): LearningEvent {
  return {
    at: event.occurredAt,
    // A completed attempt or page is not a completed module: only the module itself is.
    completes: event.completes && event.direct === true,
    scaled: event.scaled ?? null,
    success: event.success ?? null,
    seconds: event.durationSeconds ?? 0,
  };
}

/** The progress the events make per enrollment and module (events without either skipped). */
export function progressTotals(events: CountedEvent[]): ProgressTotal[] {
  const byModule = new Map<
    string,
    { enrollmentId: string; moduleId: string; list: LearningEvent[] }
  >();
  for (const event of events) {
    if (event.enrollmentId == null || event.moduleId == null) continue;
    const key = `${event.enrollmentId}/${event.moduleId}`;
    const entry = byModule.get(key) ?? {
      enrollmentId: event.enrollmentId,
      moduleId: event.moduleId,
      list: [],
    };
    entry.list.push(asLearningEvent(event));
    byModule.set(key, entry);
  }
  return [...byModule.values()].map(({ enrollmentId, moduleId, list }) => ({
    enrollmentId,
    moduleId,
    state: foldLearningEvents(list)!,
  }));
}

/** Statements, forum posts and replies, time and last activity per enrollment. */
export function activityTotals(events: CountedEvent[]): ActivityTotal[] {
  const totals = new Map<string, ActivityTotal>();
  for (const event of events) {
    if (event.enrollmentId == null) continue;
    const total = totals.get(event.enrollmentId) ?? {
      enrollmentId: event.enrollmentId,
      statements: 0,
      forumPosts: 0,
      forumReplies: 0,
      timeSpentSeconds: 0,
      lastActivityAt: event.occurredAt,
    };
    total.statements += 1;
    if (event.forum === 'post') total.forumPosts += 1;
    if (event.forum === 'reply') total.forumReplies += 1;
    total.timeSpentSeconds += event.durationSeconds ?? 0;
    if (event.occurredAt > total.lastActivityAt) total.lastActivityAt = event.occurredAt;
    totals.set(event.enrollmentId, total);
  }
  return [...totals.values()];
}

/** The learner a day of participation counts: their person once known, else their agent. */
export function learnerOf(event: { personId?: string | null; agentKey: string }): string {
  return event.personId ? `person:${event.personId}` : `agent:${event.agentKey}`;
}

/** Statements per learner and day, added (sign 1) or taken back (sign -1, when voided). */
export function participationTotals(
  events: Pick<CountedEvent, 'personId' | 'agentKey' | 'occurredAt'>[],
  sign: 1 | -1,
): ParticipationTotal[] {
  const counts = new Map<string, ParticipationTotal>();
  for (const event of events) {
    const day = event.occurredAt.toISOString().slice(0, 10);
    const learner = learnerOf(event);
    const key = `${day}|${learner}`;
    const total = counts.get(key) ?? { day, learner, statements: 0 };
    total.statements += sign;
    counts.set(key, total);
  }
  return [...counts.values()];
}
