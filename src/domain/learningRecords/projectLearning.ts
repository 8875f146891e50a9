// Learning records kept as statements are stored, in the same transaction: each new
// statement of an Agent becomes a learning event resolved to a person, an enrollment and a
// module; the events fold into module progress and per-enrollment counters at once. A
// voiding statement, a person getting the identity of a stored actor, or an enrollment made
// after its learner's statements arrived, recomputes the enrollments concerned from their
// remaining events. Re-sent statements are never stored twice, so never counted twice.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
import {
  dailyParticipation,
  enrollmentActivity,
  learningEvents,
  moduleProgress,
  type LearningEventRow,
} from '../../db/schema/index.js';
import { agentKey } from '../../xapi/statements/agentKey.js';
import { voidedVerb, type StatementJson } from '../../xapi/statements/xapiJson.js';
import {
  applyLearningEvent,
  foldLearningEvents,
  type LearningEvent,
  type ModuleProgressState,
} from '../progress/moduleProgress.js';
import { statementLearning } from './learningEvent.js';
import {
  enrollmentsOfPeople,
  peopleOfAgentKeys,
  resolveActivity,
  resolveEnrollment,
  targetsOfIris,
} from './resolveStatements.js';

export interface StoredStatement {
  id: string;
  seq: number;
  payload: StatementJson;
  registration: string | null;
  /** Stored already voided (its voiding statement came first). */
  voided: boolean;
}

type NewEvent = typeof learningEvents.$inferInsert;

/** Events per INSERT: one JSON parameter each. */
const chunk = 1000;

export async function projectStatements(
  tx: JejakTransaction,
  tenantId: string,
  stored: StoredStatement[],
  voidedIds: string[],
): Promise<void> {
  const events = await resolveEvents(tx, tenantId, stored);
  for (let start = 0; start < events.length; start += chunk) {
    await tx.insert(learningEvents).values(events.slice(start, start + chunk));
  }
  await foldIntoProgress(tx, tenantId, events.filter(countsForProgress));
  await countParticipation(
    tx,
    tenantId,
    events.filter((event) => !event.voided && event.takesPart),
    1,
  );
  if (voidedIds.length > 0) await voidEvents(tx, tenantId, voidedIds);
}

/** The learner a day of participation counts: their person once known, else their agent. */
function learnerOf(event: { personId?: string | null; agentKey: string }): string {
  return event.personId ? `person:${event.personId}` : `agent:${event.agentKey}`;
}

/** Adds (or, for voided statements, takes back) statements to each learner's days. */
async function countParticipation(
  tx: JejakTransaction,
  tenantId: string,
  events: { personId?: string | null; agentKey: string; occurredAt: Date }[],
  sign: 1 | -1,
) {
  const counts = new Map<string, number>();
  for (const event of events) {
    const key = `${event.occurredAt.toISOString().slice(0, 10)}|${learnerOf(event)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return;
  const rows = [...counts].map(([key, statements]) => {
    const [day, learner] = key.split('|') as [string, string];
    return { tenantId, day, learner, statements: sign * statements };
  });
  const after = await tx
    .insert(dailyParticipation)
    .values(rows)
    .onConflictDoUpdate({
      target: [dailyParticipation.tenantId, dailyParticipation.day, dailyParticipation.learner],
      set: { statements: sql`${dailyParticipation.statements} + excluded.statements` },
    })
    .returning();
  // A day whose every statement was voided is no longer a day of participation.
  for (const row of after.filter((entry) => entry.statements <= 0)) {
    await tx
      .delete(dailyParticipation)
      .where(
        and(
          eq(dailyParticipation.tenantId, tenantId),
          eq(dailyParticipation.day, row.day),
          eq(dailyParticipation.learner, row.learner),
        ),
      );
  }
}

function countsForProgress(event: NewEvent): boolean {
  return !event.voided && event.takesPart && event.enrollmentId != null;
}

async function resolveEvents(
  tx: JejakTransaction,
  tenantId: string,
  stored: StoredStatement[],
): Promise<NewEvent[]> {
  const agentStatements = stored.flatMap((statement) => {
    const actor = statement.payload.actor;
    // A voiding statement is about a record, not about what its actor learned.
    if (statement.payload.verb.id === voidedVerb) return [];
    const key = actor.objectType === 'Group' ? undefined : agentKey(actor);
    return key === undefined
      ? []
      : [{ statement, key, learning: statementLearning(statement.payload) }];
  });
  if (agentStatements.length === 0) return [];
  const people = await peopleOfAgentKeys(
    tx,
    tenantId,
    agentStatements.map((entry) => entry.key),
  );
  const targets = await targetsOfIris(
    tx,
    tenantId,
    agentStatements.flatMap((entry) => entry.learning.activityIris),
  );
  const enrollments = await enrollmentsOfPeople(tx, tenantId, [...people.values()]);
  return agentStatements.map(({ statement, key, learning }) => {
    const personId = people.get(key) ?? null;
    const target = resolveActivity(learning.activityIris, targets);
    const occurredAt = new Date(statement.payload.timestamp ?? statement.payload.stored!);
    const enrollmentId =
      personId === null
        ? null
        : resolveEnrollment(enrollments, {
            personId,
            registration: statement.registration,
            programId: target?.programId ?? null,
            day: occurredAt.toISOString().slice(0, 10),
          });
    return {
      tenantId,
      statementId: statement.id.toLowerCase(),
      seq: statement.seq,
      agentKey: key,
      personId,
      registration: statement.registration,
      enrollmentId,
      moduleId: target?.moduleId ?? null,
      assessmentId: target?.assessmentId ?? null,
      direct: target?.direct ?? false,
      verbIri: statement.payload.verb.id,
      takesPart: learning.takesPart,
      completes: learning.completes,
      scaled: learning.scaled,
      success: learning.success,
      durationSeconds: learning.durationSeconds,
      forum: learning.forum,
      occurredAt,
      voided: statement.voided,
    };
  });
}

function asLearningEvent(
  event: Pick<
    LearningEventRow,
    'occurredAt' | 'completes' | 'direct' | 'scaled' | 'success' | 'durationSeconds'
  >,
): LearningEvent {
  return {
    at: event.occurredAt,
    // A completed attempt or page is not a completed module.
    completes: event.completes && event.direct,
    scaled: event.scaled,
    success: event.success,
    seconds: event.durationSeconds,
  };
}

/** Folds new events into the progress rows and counters they touch (rows locked first). */
async function foldIntoProgress(tx: JejakTransaction, tenantId: string, events: NewEvent[]) {
  if (events.length === 0) return;
  const enrollmentIds = [...new Set(events.map((event) => event.enrollmentId!))];
  const byModule = events.filter((event) => event.moduleId != null);
  if (byModule.length > 0) {
    const current = await tx
      .select()
      .from(moduleProgress)
      .where(
        and(
          eq(moduleProgress.tenantId, tenantId),
          inArray(moduleProgress.enrollmentId, enrollmentIds),
        ),
      )
      .for('update');
    const states = new Map<string, ModuleProgressState>(
      current.map((row) => [`${row.enrollmentId}/${row.moduleId}`, row]),
    );
    const touched = new Set<string>();
    for (const event of byModule) {
      const key = `${event.enrollmentId}/${event.moduleId}`;
      states.set(
        key,
        applyLearningEvent(states.get(key), asLearningEvent(event as LearningEventRow)),
      );
      touched.add(key);
    }
    await upsertProgress(
      tx,
      tenantId,
      [...touched].map((key) => [key, states.get(key)!]),
    );
  }
  const totals = new Map<
    string,
    { statements: number; posts: number; replies: number; seconds: number; last: Date }
  >();
  for (const event of events) {
    const total = totals.get(event.enrollmentId!) ?? {
      statements: 0,
      posts: 0,
      replies: 0,
      seconds: 0,
      last: event.occurredAt,
    };
    total.statements += 1;
    if (event.forum === 'post') total.posts += 1;
    if (event.forum === 'reply') total.replies += 1;
    total.seconds += event.durationSeconds ?? 0;
    if (event.occurredAt > total.last) total.last = event.occurredAt;
    totals.set(event.enrollmentId!, total);
  }
  await tx
    .insert(enrollmentActivity)
    .values(
      [...totals].map(([enrollmentId, total]) => ({
        tenantId,
        enrollmentId,
        statements: total.statements,
        forumPosts: total.posts,
        forumReplies: total.replies,
        timeSpentSeconds: total.seconds,
        lastActivityAt: total.last,
      })),
    )
    .onConflictDoUpdate({
      target: [enrollmentActivity.tenantId, enrollmentActivity.enrollmentId],
      set: {
        statements: sql`${enrollmentActivity.statements} + excluded.statements`,
        forumPosts: sql`${enrollmentActivity.forumPosts} + excluded.forum_posts`,
        forumReplies: sql`${enrollmentActivity.forumReplies} + excluded.forum_replies`,
        timeSpentSeconds: sql`${enrollmentActivity.timeSpentSeconds} + excluded.time_spent_seconds`,
        lastActivityAt: sql`greatest(${enrollmentActivity.lastActivityAt}, excluded.last_activity_at)`,
      },
    });
}

async function upsertProgress(
  tx: JejakTransaction,
  tenantId: string,
  states: [string, ModuleProgressState][],
) {
  if (states.length === 0) return;
  const rows = states.map(([key, state]) => {
    const [enrollmentId, moduleId] = key.split('/') as [string, string];
    return { tenantId, enrollmentId, moduleId, ...state };
  });
  await tx
    .insert(moduleProgress)
    .values(rows)
    .onConflictDoUpdate({
      target: [moduleProgress.enrollmentId, moduleProgress.moduleId],
      set: {
        startedAt: sql`excluded.started_at`,
        completedAt: sql`excluded.completed_at`,
        success: sql`excluded.success`,
        bestScaledScore: sql`excluded.best_scaled_score`,
        timeSpentSeconds: sql`excluded.time_spent_seconds`,
        lastActivityAt: sql`excluded.last_activity_at`,
      },
    });
}

/** Marks voided statements' events and recomputes the enrollments they counted for. */
async function voidEvents(tx: JejakTransaction, tenantId: string, statementIds: string[]) {
  const voided = await tx
    .update(learningEvents)
    .set({ voided: true })
    .where(
      and(
        eq(learningEvents.tenantId, tenantId),
        // Voided once: a second voiding of the same statement changes nothing.
        eq(learningEvents.voided, false),
        inArray(
          learningEvents.statementId,
          statementIds.map((id) => id.toLowerCase()),
        ),
      ),
    )
    .returning({
      enrollmentId: learningEvents.enrollmentId,
      personId: learningEvents.personId,
      agentKey: learningEvents.agentKey,
      occurredAt: learningEvents.occurredAt,
      takesPart: learningEvents.takesPart,
    });
  await countParticipation(
    tx,
    tenantId,
    voided.filter((event) => event.takesPart),
    -1,
  );
  await recomputeEnrollments(
    tx,
    tenantId,
    voided.flatMap((row) => (row.enrollmentId === null ? [] : [row.enrollmentId])),
  );
}

/** Progress and counters of these enrollments, again from all their remaining events. */
export async function recomputeEnrollments(
  tx: JejakTransaction,
  tenantId: string,
  enrollmentIds: string[],
): Promise<void> {
  const ids = [...new Set(enrollmentIds)];
  if (ids.length === 0) return;
  await tx
    .select({ id: moduleProgress.enrollmentId })
    .from(moduleProgress)
    .where(and(eq(moduleProgress.tenantId, tenantId), inArray(moduleProgress.enrollmentId, ids)))
    .for('update');
  const events = await tx
    .select()
    .from(learningEvents)
    .where(
      and(
        eq(learningEvents.tenantId, tenantId),
        inArray(learningEvents.enrollmentId, ids),
        eq(learningEvents.voided, false),
        eq(learningEvents.takesPart, true),
      ),
    )
    .orderBy(learningEvents.seq);
  await tx
    .delete(moduleProgress)
    .where(and(eq(moduleProgress.tenantId, tenantId), inArray(moduleProgress.enrollmentId, ids)));
  await tx
    .delete(enrollmentActivity)
    .where(
      and(eq(enrollmentActivity.tenantId, tenantId), inArray(enrollmentActivity.enrollmentId, ids)),
    );
  const byKey = new Map<string, LearningEvent[]>();
  for (const event of events) {
    if (event.moduleId === null) continue;
    const key = `${event.enrollmentId}/${event.moduleId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), asLearningEvent(event)]);
  }
  await upsertProgress(
    tx,
    tenantId,
    [...byKey].map(([key, list]) => [key, foldLearningEvents(list)!]),
  );
  await foldIntoProgressCounters(tx, tenantId, events);
}

async function foldIntoProgressCounters(
  tx: JejakTransaction,
  tenantId: string,
  events: LearningEventRow[],
) {
  // Counters only: progress rows were written from the same events just before.
  await foldIntoProgress(
    tx,
    tenantId,
    events.map((event) => ({ ...event, moduleId: null })),
  );
}

/**
 * Statements whose actor had no person get one, now that these agent keys belong to a
 * person; then the person's events without an enrollment are given one where they can.
 */
export async function resolveAgentKeys(
  tx: JejakTransaction,
  tenantId: string,
  keys: string[],
): Promise<void> {
  if (keys.length === 0) return;
  const people = await peopleOfAgentKeys(tx, tenantId, keys);
  const personIds = new Set<string>();
  for (const [key, personId] of people) {
    const updated = await tx
      .update(learningEvents)
      .set({ personId })
      .where(
        and(
          eq(learningEvents.tenantId, tenantId),
          isNull(learningEvents.personId),
          eq(learningEvents.agentKey, key),
        ),
      )
      .returning({ seq: learningEvents.seq });
    if (updated.length > 0) personIds.add(personId);
  }
  await attachEnrollments(tx, tenantId, [...personIds]);
}

/** Gives these people's events without an enrollment the enrollment they belong to. */
export async function attachEnrollments(
  tx: JejakTransaction,
  tenantId: string,
  personIds: string[],
): Promise<void> {
  if (personIds.length === 0) return;
  const loose = await rawRows<{
    statement_id: string;
    person_id: string;
    registration: string | null;
    program_id: string | null;
    occurred_at: string | Date;
  }>(
    tx,
    sql`select e.statement_id, e.person_id, e.registration, m.program_id, e.occurred_at
        from ${learningEvents} e left join modules m on m.id = e.module_id
        where e.tenant_id = ${tenantId} and e.enrollment_id is null
          and e.person_id in (select json_array_elements_text(${JSON.stringify(personIds)}::text::json)::uuid)`,
  );
  if (loose.length === 0) return;
  const enrollments = await enrollmentsOfPeople(tx, tenantId, personIds);
  const assigned = new Map<string, string[]>();
  for (const event of loose) {
    const enrollmentId = resolveEnrollment(enrollments, {
      personId: event.person_id,
      registration: event.registration,
      programId: event.program_id,
      day: new Date(event.occurred_at).toISOString().slice(0, 10),
    });
    if (enrollmentId !== null) {
      assigned.set(enrollmentId, [...(assigned.get(enrollmentId) ?? []), event.statement_id]);
    }
  }
  for (const [enrollmentId, statementIds] of assigned) {
    await tx
      .update(learningEvents)
      .set({ enrollmentId })
      .where(
        and(
          eq(learningEvents.tenantId, tenantId),
          inArray(learningEvents.statementId, statementIds),
        ),
      );
  }
  await recomputeEnrollments(tx, tenantId, [...assigned.keys()]);
}
