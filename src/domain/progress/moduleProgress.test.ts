import { describe, expect, it } from 'vitest';
import {
  applyLearningEvent,
  enrollmentStanding,
  foldLearningEvents,
  isOverdue,
  moduleDueOn,
  moduleStatus,
  type LearningEvent,
  type ModuleProgressState,
} from './moduleProgress.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const event = (day: number, parts: Partial<LearningEvent> = {}): LearningEvent => ({
  at: at(day),
  completes: false,
  scaled: null,
  success: null,
  seconds: 0,
  ...parts,
});

describe('module progress', () => {
  it('starts at the first event, keeps the last activity, and sums the time spent', () => {
    const state = foldLearningEvents([event(5, { seconds: 60 }), event(3, { seconds: 90 })]);
    expect(state).toEqual({
      startedAt: at(3),
      completedAt: null,
      success: null,
      bestScaledScore: null,
      timeSpentSeconds: 150,
      lastActivityAt: at(5),
    });
    expect(moduleStatus(state)).toBe('IN_PROGRESS');
    expect(moduleStatus(undefined)).toBe('NOT_STARTED');
    expect(foldLearningEvents([])).toBeUndefined();
  });

  it('keeps the best score, and a pass stays a pass', () => {
    const state = foldLearningEvents([
      event(1, { scaled: 0.6, success: false }),
      event(2, { scaled: 0.9, success: true }),
      event(3, { scaled: 0.5, success: false }),
    ]);
    expect(state).toMatchObject({ bestScaledScore: 0.9, success: true, lastActivityAt: at(3) });
  });

  it('records a fail only while nothing was passed, and ignores ungraded events for success', () => {
    expect(foldLearningEvents([event(1, { scaled: 0.3, success: false })])?.success).toBe(false);
    expect(foldLearningEvents([event(1, { scaled: 0.3 })])?.success).toBeNull();
    expect(foldLearningEvents([event(1, { scaled: 0.3 })])?.bestScaledScore).toBe(0.3);
  });

  it('completes at the first completion, whatever the order events arrive in', () => {
    const events = [
      event(9, { completes: true, seconds: 10 }),
      event(4, { scaled: 1, success: true, seconds: 20 }),
      event(7, { completes: true }),
    ];
    const forwards = foldLearningEvents(events);
    const backwards = foldLearningEvents([...events].reverse());
    expect(forwards).toEqual(backwards);
    expect(forwards).toMatchObject({
      startedAt: at(4),
      completedAt: at(7),
      lastActivityAt: at(9),
      timeSpentSeconds: 30,
    });
    expect(moduleStatus(forwards)).toBe('COMPLETED');
  });

  it('folds an event into a state as the whole fold would', () => {
    const before = [event(1, { scaled: 0.4, seconds: 5 }), event(2, { completes: true })];
    const next = event(3, { scaled: 0.7, success: true, seconds: 7 });
    expect(applyLearningEvent(foldLearningEvents(before), next)).toEqual(
      foldLearningEvents([...before, next]),
    );
  });

  it('dates a module from the cohort start and tells when it is overdue', () => {
    expect(moduleDueOn('2026-01-05', 7)).toBe('2026-01-12');
    expect(moduleDueOn('2026-02-25', 5)).toBe('2026-03-02');
    expect(moduleDueOn('2026-01-05', null)).toBeNull();
    expect(moduleDueOn('9999-12-01', 60)).toBeNull();
    expect(isOverdue(undefined, '2026-01-12', '2026-01-13')).toBe(true);
    expect(isOverdue(undefined, '2026-01-12', '2026-01-12')).toBe(false);
    expect(
      isOverdue(foldLearningEvents([event(20, { completes: true })]), '2026-01-12', '2026-02-01'),
    ).toBe(false);
    expect(isOverdue(undefined, null, '2030-01-01')).toBe(false);
  });

  it('tells how far through the programme a learner is and the phase they are in', () => {
    const modules = [
      { id: 'm1', phase: 'ONLINE_SELF_PACED' },
      { id: 'm2', phase: 'ONLINE_SELF_PACED' },
      { id: 'm3', phase: 'FACE_TO_FACE' },
    ];
    const completed = foldLearningEvents([event(1, { completes: true })]);
    const started = foldLearningEvents([event(1, {})]);
    const states = (byId: Record<string, ModuleProgressState | undefined>) => (id: string) =>
      byId[id];
    expect(enrollmentStanding(modules, states({}))).toEqual({
      percentComplete: 0,
      currentPhase: 'ONLINE_SELF_PACED',
    });
    expect(
      enrollmentStanding(modules, states({ m1: completed, m2: completed, m3: started })),
    ).toEqual({
      percentComplete: 66.7,
      currentPhase: 'FACE_TO_FACE',
    });
    // A module skipped keeps the learner in its phase, whatever comes after.
    expect(
      enrollmentStanding(modules, states({ m1: started, m2: completed, m3: completed })),
    ).toEqual({
      percentComplete: 66.7,
      currentPhase: 'ONLINE_SELF_PACED',
    });
    expect(
      enrollmentStanding(modules, states({ m1: completed, m2: completed, m3: completed })),
    ).toEqual({
      percentComplete: 100,
      currentPhase: null,
    });
    expect(enrollmentStanding([], states({}))).toEqual({ percentComplete: 0, currentPhase: null });
  });
});
