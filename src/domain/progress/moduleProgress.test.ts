import { describe, expect, it } from 'vitest';
import {
  applyLearningEvent,
  isOverdue,
  moduleDueOn,
  moduleStatus,
  type LearningEvent,
} from './moduleProgress.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const fold = (events: LearningEvent[]) =>
  events.reduce(
    (state, event) => applyLearningEvent(state, event),
    undefined as ReturnType<typeof applyLearningEvent> | undefined,
  );

describe('module progress', () => {
  it('starts at the first event and keeps the last activity', () => {
    const state = fold([
      { kind: 'engaged', at: at(5) },
      { kind: 'engaged', at: at(3) },
    ]);
    expect(state).toEqual({
      startedAt: at(3),
      completedAt: null,
      success: null,
      bestScaledScore: null,
      lastActivityAt: at(5),
    });
    expect(moduleStatus(state)).toBe('IN_PROGRESS');
    expect(moduleStatus(undefined)).toBe('NOT_STARTED');
  });

  it('keeps the best score, and a pass stays a pass', () => {
    const state = fold([
      { kind: 'scored', at: at(1), scaled: 0.6, success: false },
      { kind: 'scored', at: at(2), scaled: 0.9, success: true },
      { kind: 'scored', at: at(3), scaled: 0.5, success: false },
    ]);
    expect(state).toMatchObject({ bestScaledScore: 0.9, success: true, lastActivityAt: at(3) });
  });

  it('records a fail only while nothing was passed, and ignores ungraded scores for success', () => {
    expect(fold([{ kind: 'scored', at: at(1), scaled: 0.3, success: false }])?.success).toBe(false);
    expect(fold([{ kind: 'scored', at: at(1), scaled: 0.3, success: null }])?.success).toBeNull();
  });

  it('completes at the first completion, whatever the order events arrive in', () => {
    const events: LearningEvent[] = [
      { kind: 'completed', at: at(9) },
      { kind: 'scored', at: at(4), scaled: 1, success: true },
      { kind: 'completed', at: at(7) },
    ];
    const forwards = fold(events);
    const backwards = fold([...events].reverse());
    expect(forwards).toEqual(backwards);
    expect(forwards).toMatchObject({ startedAt: at(4), completedAt: at(7), lastActivityAt: at(9) });
    expect(moduleStatus(forwards)).toBe('COMPLETED');
  });

  it('gives the same state when an event is applied twice', () => {
    const event: LearningEvent = { kind: 'scored', at: at(2), scaled: 0.7, success: true };
    expect(fold([event, event])).toEqual(fold([event]));
  });

  it('dates a module from the cohort start and tells when it is overdue', () => {
    expect(moduleDueOn('2026-01-05', 7)).toBe('2026-01-12');
    expect(moduleDueOn('2026-02-25', 5)).toBe('2026-03-02');
    expect(moduleDueOn('2026-01-05', null)).toBeNull();
    expect(moduleDueOn('9999-12-01', 60)).toBeNull();
    expect(isOverdue(undefined, '2026-01-12', '2026-01-13')).toBe(true);
    expect(isOverdue(undefined, '2026-01-12', '2026-01-12')).toBe(false);
    expect(isOverdue(fold([{ kind: 'completed', at: at(20) }]), '2026-01-12', '2026-02-01')).toBe(
      false,
    );
    expect(isOverdue(undefined, null, '2030-01-01')).toBe(false);
  });
});
