// Pure: whether a learner is at risk in their cohort, and why. Three rules, thresholds per
// programme: behind on modules already due, a best score under the threshold in a graded
// module, and no activity for too many days (counted from the cohort's start when the
// learner has never acted). Only learners still in the cohort (INVITED, ACTIVE) are judged.
import { isOverdue, moduleDueOn, type ModuleProgressState } from '../progress/moduleProgress.js';

export interface RiskThresholds {
  /** Scaled 0..1. */
  scoreThreshold: number;
  inactiveDays: number;
}

export type RiskReason =
  | { kind: 'BEHIND_ON_DUE_MODULES'; moduleIds: string[] }
  | { kind: 'LOW_SCORE'; moduleIds: string[]; lowestScaledScore: number }
  | { kind: 'INACTIVE'; daysInactive: number; lastActivityAt: Date | null };

export interface RiskInput {
  status: string;
  cohortStartDate: string;
  modules: { id: string; dueOffsetDays: number | null }[];
  /** Progress by module id. */
  progress: Map<string, ModuleProgressState>;
  lastActivityAt: Date | null;
}

const dayMs = 86_400_000;

export function riskReasons(input: RiskInput, thresholds: RiskThresholds, now: Date): RiskReason[] {
  if (input.status !== 'ACTIVE' && input.status !== 'INVITED') return [];
  const today = now.toISOString().slice(0, 10);
  const reasons: RiskReason[] = [];
  const behind = input.modules
    .filter((module) =>
      isOverdue(
        input.progress.get(module.id),
        moduleDueOn(input.cohortStartDate, module.dueOffsetDays),
        today,
      ),
    )
    .map((module) => module.id);
  if (behind.length > 0) reasons.push({ kind: 'BEHIND_ON_DUE_MODULES', moduleIds: behind });

  const low = input.modules.flatMap((module) => {
    const best = input.progress.get(module.id)?.bestScaledScore;
    return best !== null && best !== undefined && best < thresholds.scoreThreshold
      ? [{ id: module.id, best }]
      : [];
  });
  if (low.length > 0) {
    reasons.push({
      kind: 'LOW_SCORE',
      moduleIds: low.map((entry) => entry.id),
      lowestScaledScore: Math.min(...low.map((entry) => entry.best)),
    });
  }

  const since = input.lastActivityAt ?? new Date(`${input.cohortStartDate}T00:00:00Z`);
  const daysInactive = Math.floor((now.getTime() - since.getTime()) / dayMs);
  if (daysInactive >= thresholds.inactiveDays) {
    reasons.push({ kind: 'INACTIVE', daysInactive, lastActivityAt: input.lastActivityAt });
  }
  return reasons;
}
