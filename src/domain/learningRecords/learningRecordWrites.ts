// The SQL that keeps learning records. Each builder returns one statement (undefined when
// it has nothing to write), rows passed as one JSON parameter (learning events, the most
// numerous, as one array parameter per column: see db/sqlArrays.ts); writeTogether sends
// several as one statement, so storing a batch of statements costs one more round trip for
// all of its learning records, not one per table.
import { sql, type SQL } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import {
  dailyParticipation,
  enrollmentActivity,
  learningEvents,
  moduleProgress,
} from '../../db/schema/index.js';
import { bareArrayLiteral, booleanArrayLiteral, textArrayLiteral } from '../../db/sqlArrays.js';
import { jsonRecords } from '../../db/sqlLists.js';
import type { ActivityTotal, ParticipationTotal, ProgressTotal } from './learningTotals.js';

export type NewLearningEvent = typeof learningEvents.$inferInsert;

export function insertEvents(tenantId: string, events: NewLearningEvent[]): SQL | undefined {
  if (events.length === 0) return undefined;
  const bare = (pick: (event: NewLearningEvent) => string | number | null | undefined) =>
    bareArrayLiteral(events.map((event) => pick(event) ?? null));
  const text = (pick: (event: NewLearningEvent) => string | null | undefined) =>
    textArrayLiteral(events.map((event) => pick(event) ?? null));
  const flag = (pick: (event: NewLearningEvent) => boolean | null | undefined) =>
    booleanArrayLiteral(events.map((event) => pick(event) ?? null));
  return sql`insert into ${learningEvents}
      (tenant_id, statement_id, seq, agent_key, person_id, registration, enrollment_id,
       module_id, assessment_id, direct, verb_iri, takes_part, completes, scaled, success,
       duration_seconds, forum, occurred_at, voided)
    select ${tenantId}::uuid, r.*
      from unnest(
        ${bare((event) => event.statementId)}::uuid[], ${bare((event) => event.seq)}::bigint[],
        ${text((event) => event.agentKey)}::text[], ${bare((event) => event.personId)}::uuid[],
        ${bare((event) => event.registration)}::uuid[],
        ${bare((event) => event.enrollmentId)}::uuid[], ${bare((event) => event.moduleId)}::uuid[],
        ${bare((event) => event.assessmentId)}::uuid[], ${flag((event) => event.direct)}::boolean[],
        ${text((event) => event.verbIri)}::text[], ${flag((event) => event.takesPart)}::boolean[],
        ${flag((event) => event.completes)}::boolean[],
        ${bare((event) => event.scaled)}::double precision[],
        ${flag((event) => event.success)}::boolean[],
        ${bare((event) => event.durationSeconds)}::integer[], ${text((event) => event.forum)}::text[],
        ${bare((event) => event.occurredAt?.toISOString())}::timestamptz[],
        ${flag((event) => event.voided)}::boolean[]) as r`;
}

/**
 * Merges progress into the stored rows as applyLearningEvent folds events together
 * (domain/progress/moduleProgress.ts): earliest start and first completion (least skips
 * nulls), latest activity, best score (greatest skips nulls), passed once any passed, time
 * summed. The rules do not depend on order, so nothing is read first. Into rows just
 * deleted (recomputeEnrollments) it is an insert.
 */
export function mergeProgress(tenantId: string, totals: ProgressTotal[]): SQL | undefined {
  if (totals.length === 0) return undefined;
  const records = totals.map(({ enrollmentId, moduleId, state }) => ({
    enrollment_id: enrollmentId,
    module_id: moduleId,
    started_at: state.startedAt,
    completed_at: state.completedAt,
    success: state.success,
    best_scaled_score: state.bestScaledScore,
    time_spent_seconds: state.timeSpentSeconds,
    last_activity_at: state.lastActivityAt,
  }));
  const stored = moduleProgress;
  return sql`insert into ${moduleProgress}
      (tenant_id, enrollment_id, module_id, started_at, completed_at, success,
       best_scaled_score, time_spent_seconds, last_activity_at)
    select ${tenantId}::uuid, r.enrollment_id, r.module_id, r.started_at, r.completed_at,
           r.success, r.best_scaled_score, r.time_spent_seconds, r.last_activity_at
      from json_to_recordset(${jsonRecords(records)}) as r(
        enrollment_id uuid, module_id uuid, started_at timestamptz, completed_at timestamptz,
        success boolean, best_scaled_score double precision, time_spent_seconds integer,
        last_activity_at timestamptz)
    on conflict (enrollment_id, module_id) do update set
      started_at = least(${stored}.started_at, excluded.started_at),
      completed_at = least(${stored}.completed_at, excluded.completed_at),
      success = case when ${stored}.success is null then excluded.success
                     when excluded.success is null then ${stored}.success
                     else ${stored}.success or excluded.success end,
      best_scaled_score = greatest(${stored}.best_scaled_score, excluded.best_scaled_score),
      time_spent_seconds = ${stored}.time_spent_seconds + excluded.time_spent_seconds,
      last_activity_at = greatest(${stored}.last_activity_at, excluded.last_activity_at)`;
}

/** Adds to the per-enrollment counters. */
export function addActivity(tenantId: string, totals: ActivityTotal[]): SQL | undefined {
  if (totals.length === 0) return undefined;
  const records = totals.map((total) => ({
    enrollment_id: total.enrollmentId,
    statements: total.statements,
    forum_posts: total.forumPosts,
    forum_replies: total.forumReplies,
    time_spent_seconds: total.timeSpentSeconds,
    last_activity_at: total.lastActivityAt,
  }));
  const stored = enrollmentActivity;
  return sql`insert into ${enrollmentActivity}
      (tenant_id, enrollment_id, statements, forum_posts, forum_replies, time_spent_seconds,
       last_activity_at)
    select ${tenantId}::uuid, r.enrollment_id, r.statements, r.forum_posts, r.forum_replies,
           r.time_spent_seconds, r.last_activity_at
      from json_to_recordset(${jsonRecords(records)}) as r(
        enrollment_id uuid, statements integer, forum_posts integer, forum_replies integer,
        time_spent_seconds integer, last_activity_at timestamptz)
    on conflict (tenant_id, enrollment_id) do update set
      statements = ${stored}.statements + excluded.statements,
      forum_posts = ${stored}.forum_posts + excluded.forum_posts,
      forum_replies = ${stored}.forum_replies + excluded.forum_replies,
      time_spent_seconds = ${stored}.time_spent_seconds + excluded.time_spent_seconds,
      last_activity_at = greatest(${stored}.last_activity_at, excluded.last_activity_at)`;
}

/** Adds statements to learners' days (negative counts take them back). */
export function addParticipation(tenantId: string, totals: ParticipationTotal[]): SQL | undefined {
  if (totals.length === 0) return undefined;
  return sql`insert into ${dailyParticipation} (tenant_id, day, learner, statements)
    select ${tenantId}::uuid, r.day, r.learner, r.statements
      from unnest(${bareArrayLiteral(totals.map((total) => total.day))}::date[],
                  ${textArrayLiteral(totals.map((total) => total.learner))}::text[],
                  ${bareArrayLiteral(totals.map((total) => total.statements))}::integer[])
        as r(day, learner, statements)
    on conflict (tenant_id, day, learner)
      do update set statements = ${dailyParticipation}.statements + excluded.statements`;
}

/** Takes statements back from learners' days; a day left with none is no longer one. */
export async function takeBackParticipation(
  tx: JejakTransaction,
  tenantId: string,
  totals: ParticipationTotal[],
): Promise<void> {
  const changed = addParticipation(tenantId, totals);
  if (changed === undefined) return;
  const after = await rawRows<{ day: string; learner: string; statements: number }>(
    tx,
    sql`${changed} returning to_char(day, 'YYYY-MM-DD') as day, learner, statements`,
  );
  const emptied = after.filter((row) => row.statements <= 0);
  if (emptied.length === 0) return;
  await tx.execute(
    sql`delete from ${dailyParticipation} d
         using json_to_recordset(${jsonRecords(emptied)}) as r(day date, learner text)
         where d.tenant_id = ${tenantId} and d.day = r.day and d.learner = r.learner
           and d.statements <= 0`,
  );
}

/**
 * Runs data-changing statements as one (each a WITH query of the next), in one round trip.
 * They must touch different rows: each sees the database as it was before any of them.
 */
export async function writeTogether(
  tx: JejakTransaction,
  statements: (SQL | undefined)[],
): Promise<void> {
  const present = statements.filter((statement): statement is SQL => statement !== undefined);
  if (present.length === 0) return;
  if (present.length === 1) {
    await tx.execute(prepared(present[0]!));
    return;
  }
  const parts = present.map((statement, index) => sql`${sql.raw(`w${index}`)} as (${statement})`);
  await tx.execute(prepared(sql`with ${sql.join(parts, sql`, `)} select 1`));
}
