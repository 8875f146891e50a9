import { describe, expect, it } from 'vitest';
import { foldLearningEvents } from '../progress/moduleProgress.js';
import { riskReasons } from './atRisk.js';
import { median, plannedCheckIns, ratio, scoreBands } from './figures.js';
import { jpYear, shareOfYearElapsed } from './jpLedger.js';

const now = new Date('2026-02-20T00:00:00Z');
const thresholds = { scoreThreshold: 0.6, inactiveDays: 7 };
const modules = [
  { id: 'online', dueOffsetDays: 14 },
  { id: 'bootcamp', dueOffsetDays: 60 },
  { id: 'coaching', dueOffsetDays: null },
];
const progressOf = (entries: [string, Parameters<typeof foldLearningEvents>[0]][]) =>
  new Map(entries.map(([id, events]) => [id, foldLearningEvents(events)!]));
const event = (day: string, parts: Partial<Parameters<typeof foldLearningEvents>[0][0]> = {}) => ({
  at: new Date(`${day}T00:00:00Z`),
  completes: false,
  scaled: null,
  success: null,
  seconds: 0,
  ...parts,
});

describe('at-risk rules', () => {
  it('names each reason: a module past due, a low score, days without activity', () => {
    const reasons = riskReasons(
      {
        status: 'ACTIVE',
        cohortStartDate: '2026-01-05',
        modules,
        progress: progressOf([['online', [event('2026-01-10', { scaled: 0.4, success: false })]]]),
        lastActivityAt: new Date('2026-01-10T00:00:00Z'),
      },
      thresholds,
      now,
    );
    expect(reasons).toEqual([
      { kind: 'BEHIND_ON_DUE_MODULES', moduleIds: ['online'] },
      { kind: 'LOW_SCORE', moduleIds: ['online'], lowestScaledScore: 0.4 },
      { kind: 'INACTIVE', daysInactive: 41, lastActivityAt: new Date('2026-01-10T00:00:00Z') },
    ]);
  });

  it('finds nothing for a learner on track, or one no longer in the cohort', () => {
    const onTrack = {
      status: 'ACTIVE',
      cohortStartDate: '2026-01-05',
      modules,
      progress: progressOf([['online', [event('2026-01-10', { scaled: 0.9, completes: true })]]]),
      lastActivityAt: new Date('2026-02-18T00:00:00Z'),
    };
    expect(riskReasons(onTrack, thresholds, now)).toEqual([]);
    expect(
      riskReasons({ ...onTrack, status: 'WITHDRAWN', lastActivityAt: null }, thresholds, now),
    ).toEqual([]);
  });

  it('counts inactivity from the cohort start when the learner never acted', () => {
    expect(
      riskReasons(
        {
          status: 'INVITED',
          cohortStartDate: '2026-02-15',
          modules: [],
          progress: new Map(),
          lastActivityAt: null,
        },
        thresholds,
        now,
      ),
    ).toEqual([]);
    expect(
      riskReasons(
        {
          status: 'INVITED',
          cohortStartDate: '2026-02-01',
          modules: [],
          progress: new Map(),
          lastActivityAt: null,
        },
        thresholds,
        now,
      ),
    ).toEqual([{ kind: 'INACTIVE', daysInactive: 19, lastActivityAt: null }]);
  });
});

describe('JP ledger', () => {
  it('adds programme JP and other minutes, and compares with the target so far', () => {
    const year = jpYear(
      2026,
      16,
      90,
      { targetJp: 20, minutesPerJp: 45 },
      new Date('2026-07-02T12:00:00Z'),
    );
    expect(year).toMatchObject({ programmeMinutes: 720, otherMinutes: 90, minutes: 810, jp: 18 });
    expect(year.expectedJpSoFar).toBeCloseTo(10, 0);
    expect(year.onTrack).toBe(true);
    const past = jpYear(2025, 0, 450, { targetJp: 20, minutesPerJp: 45 }, now);
    expect(past).toMatchObject({ jp: 10, expectedJpSoFar: 20, onTrack: false });
    expect(jpYear(2026, 0, 60, { targetJp: 24, minutesPerJp: 60 }, now).jp).toBe(1);
  });

  it('measures the share of a year gone by', () => {
    expect(shareOfYearElapsed(2026, new Date('2026-01-01T00:00:00Z'))).toBe(0);
    expect(shareOfYearElapsed(2025, now)).toBe(1);
    expect(shareOfYearElapsed(2027, now)).toBe(0);
  });
});

describe('dashboard figures', () => {
  it('computes medians, score bands, ratios and planned check-ins', () => {
    expect(median([])).toBeNull();
    expect(median([0.9, 0.1, 0.5])).toBe(0.5);
    expect(median([0.2, 0.4, 0.6, 0.8])).toBeCloseTo(0.5);
    expect(scoreBands([0, 0.05, 0.55, 0.99, 1])).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
    expect(plannedCheckIns('2026-02-01', '2026-03-31', '2026-02-20', 14)).toBe(2);
    expect(plannedCheckIns('2026-02-01', '2026-03-31', '2026-12-01', 14)).toBe(5);
    expect(plannedCheckIns('2026-03-01', null, '2026-02-20', 14)).toBe(0);
  });
});
