// The nudge rule: every learner at risk in a cohort gets a reminder, at most one a day.
// Run on a schedule over the cohorts running today (by the server) and on demand (ADMIN for
// any cohort, a facilitator for theirs). In one transaction per cohort, the day's nudges
// are recorded and one outbox message per webhook subscribed to `nudge.at_risk` is written
// for each new one, so a reminder is sent if and only if it was recorded.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { cohorts, nudges, people } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import type { RiskReason } from '../analytics/atRisk.js';
import type { CohortAnalytics } from '../analytics/cohortAnalytics.js';
import { enqueue } from '../outbox/webhookRepository.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export const nudgeTopic = 'nudge.at_risk';

/** The reminder a learner reads, in Indonesian, from the reasons they are at risk. */
export function nudgeMessage(
  name: string,
  reasons: RiskReason[],
  moduleTitles: Map<string, string>,
): string {
  const parts = reasons.map((reason) => {
    const titles =
      'moduleIds' in reason ? reason.moduleIds.map((id) => moduleTitles.get(id) ?? id) : [];
    if (reason.kind === 'BEHIND_ON_DUE_MODULES')
      return `modul yang sudah jatuh tempo belum selesai: ${titles.join(', ')}`;
    if (reason.kind === 'LOW_SCORE') return `nilai masih di bawah batas: ${titles.join(', ')}`;
    return reason.lastActivityAt === null
      ? 'belum ada aktivitas belajar'
      : `tidak ada aktivitas selama ${reason.daysInactive} hari`;
  });
  return `Halo ${name}, pengingat dari Jejak: ${parts.join('; ')}. Ayo lanjutkan pelatihan Anda.`;
}

export async function runNudges(
  db: JejakDb,
  actor: Actor,
  analytics: CohortAnalytics,
  programsOfActor: ProgramRepository,
  options: { cohortId?: string; now?: Date } = {},
): Promise<number> {
  requireRole(actor, 'sending nudges', 'ADMIN', 'FACILITATOR');
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  let cohortIds: string[];
  if (options.cohortId !== undefined) {
    const [cohort] = await programsOfActor.cohortsByIds([
      requireUuid(options.cohortId, 'cohortId'),
    ]);
    if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${options.cohortId}`);
    await programsOfActor.requireAdminOrFacilitator(
      cohort.id,
      'only an ADMIN or a facilitator of the cohort sends its nudges',
    );
    cohortIds = [cohort.id];
  } else {
    requireRole(actor, 'sending nudges to every running cohort', 'ADMIN');
    const running = await db
      .select({ id: cohorts.id })
      .from(cohorts)
      .where(
        and(
          eq(cohorts.tenantId, actor.tenantId),
          lte(cohorts.startDate, today),
          gte(cohorts.endDate, today),
        ),
      );
    cohortIds = running.map((row) => row.id);
  }
  let nudged = 0;
  for (const cohortId of cohortIds) {
    nudged += await nudgeCohort(db, actor.tenantId, analytics, programsOfActor, cohortId, now);
  }
  return nudged;
}

async function nudgeCohort(
  db: JejakDb,
  tenantId: string,
  analytics: CohortAnalytics,
  programsOfActor: ProgramRepository,
  cohortId: string,
  now: Date,
): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const atRisk = (await analytics.atRiskLearners(cohortId, { first: 100_000 }, now)).items;
  if (atRisk.length === 0) return 0;
  const [cohort] = await programsOfActor.cohortsByIds([cohortId]);
  const [program] = await programsOfActor.programsByIds([cohort!.programId]);
  const modules = await programsOfActor.modulesOfPrograms([cohort!.programId]);
  const titles = new Map(modules.map((module) => [module.id, module.title]));
  return db.transaction(async (tx) => {
    const recorded = await tx
      .insert(nudges)
      .values(
        atRisk.map((entry) => ({
          tenantId,
          enrollmentId: entry.enrollment.id,
          day: today,
          reasons: entry.reasons.map((reason) => reason.kind),
        })),
      )
      .onConflictDoNothing()
      .returning({ enrollmentId: nudges.enrollmentId });
    const fresh = new Set(recorded.map((row) => row.enrollmentId));
    const toNudge = atRisk.filter((entry) => fresh.has(entry.enrollment.id));
    if (toNudge.length === 0) return 0;
    const learners = await tx
      .select()
      .from(people)
      .where(
        and(
          eq(people.tenantId, tenantId),
          inArray(
            people.id,
            toNudge.map((entry) => entry.enrollment.personId),
          ),
        ),
      );
    const byId = new Map(learners.map((person) => [person.id, person]));
    await enqueue(
      tx,
      tenantId,
      nudgeTopic,
      toNudge.map((entry) => {
        const learner = byId.get(entry.enrollment.personId)!;
        return {
          occurredAt: now.toISOString(),
          learner: { id: learner.id, name: learner.name, nip: learner.nip, email: learner.email },
          cohort: { id: cohort!.id, name: cohort!.name, registration: cohort!.registration },
          program: { id: program!.id, title: program!.title },
          reasons: entry.reasons.map((reason) => ({
            ...reason,
            ...('moduleIds' in reason
              ? { modules: reason.moduleIds.map((id) => ({ id, title: titles.get(id) ?? null })) }
              : {}),
          })),
          message: nudgeMessage(learner.name, entry.reasons, titles),
        };
      }),
    );
    return toNudge.length;
  });
}
