// Points are a ledger kept as statements arrive, not a sum worked out on each read: a
// cohort's leaderboard then reads a few rows per learner (point_awards, one per scoring
// statement) instead of every learning event of the cohort (~100k), and ingest pays for it
// with one more part of the single statement that already writes a batch's learning records
// (no extra round trip). One SQL builder matches events against rules, whether the events
// come from a batch being stored or from learning_events, so the ledger is always what the
// rules say of the events kept:
// - a statement stored scores by the rules in force for its enrollment's programme;
// - a voided statement's event is no longer counted: its enrollment's points are rebuilt
//   from its remaining events (with progress, in recomputeEnrollments);
// - when the rules of a programme or of the tenant change, the points of every enrollment
//   scoring by them are rebuilt, under the tenant's statement lock, in the same transaction.
// A once-per-activity rule keeps the first statement stored about the activity.
import { sql, type SQL } from 'drizzle-orm';
import { lockTenantStatementWrites, type JejakTransaction } from '../../db/advisoryLock.js';
import {
  cohorts,
  enrollments,
  learningEvents,
  pointAwards,
  pointRuleSets,
  pointRules,
  xapiStatements,
} from '../../db/schema/index.js';
import { rawRows } from '../../db/rawRows.js';
import { jsonRecords } from '../../db/sqlLists.js';
import type { NewLearningEvent } from '../learningRecords/learningRecordWrites.js';
import type { StoredStatement } from '../learningRecords/projectLearning.js';
import { defaultPointRules } from './pointRules.js';

/** What rules look at in a learning event, with its statement's object. */
export interface ScoringEvent {
  seq: number;
  enrollment_id: string;
  verb_iri: string;
  object_iri: string | null;
  activity_type: string | null;
  direct: boolean;
  module_id: string | null;
  assessment_id: string | null;
  success: boolean | null;
  scaled: number | null;
  occurred_at: Date;
}

const scoringColumns = sql`seq bigint, enrollment_id uuid, verb_iri text, object_iri text,
  activity_type text, direct boolean, module_id uuid, assessment_id uuid, success boolean,
  scaled double precision, occurred_at timestamptz`;

/** The events of a batch that may score (counted, with an enrollment) and their objects. */
export function scoringEvents(
  events: readonly NewLearningEvent[],
  stored: readonly StoredStatement[],
): ScoringEvent[] {
  const bySeq = new Map(stored.map((statement) => [statement.seq, statement.payload]));
  return events.flatMap((event) => {
    const payload = bySeq.get(event.seq);
    if (payload === undefined || event.enrollmentId == null) return [];
    const object = payload.object;
    const activity = object.objectType === undefined || object.objectType === 'Activity';
    const definition = object.definition as { type?: unknown } | undefined;
    return [
      {
        seq: event.seq,
        enrollment_id: event.enrollmentId,
        verb_iri: event.verbIri,
        object_iri: activity && typeof object.id === 'string' ? object.id : null,
        activity_type: activity && typeof definition?.type === 'string' ? definition.type : null,
        direct: event.direct ?? false,
        module_id: event.moduleId ?? null,
        assessment_id: event.assessmentId ?? null,
        success: event.success ?? null,
        scaled: event.scaled ?? null,
        occurred_at: event.occurredAt,
      },
    ];
  });
}

/** The points a batch's events earn (one part of the batch's learning-record write). */
export function awardPoints(tenantId: string, events: ScoringEvent[]): SQL | undefined {
  if (events.length === 0) return undefined;
  return awardsFrom(
    tenantId,
    sql`json_to_recordset(${jsonRecords(events)}) as ev(${scoringColumns})`,
  );
}

/** The points of these enrollments, again from their counted events. */
export function awardStoredEvents(tenantId: string, enrollmentIds: SQL): SQL {
  return awardsFrom(
    tenantId,
    sql`(select e.seq, e.enrollment_id, e.verb_iri, e.direct, e.module_id, e.assessment_id,
               e.success, e.scaled, e.occurred_at,
               case when ${objectIsActivity} then s.payload->'object'->>'id' end as object_iri,
               case when ${objectIsActivity}
                    then s.payload->'object'->'definition'->>'type' end as activity_type
          from ${learningEvents} e
          join ${xapiStatements} s on s.tenant_id = e.tenant_id and s.seq = e.seq
         where e.tenant_id = ${tenantId}
           -- Through the people's timelines, as recomputeEnrollments reads them.
           and e.person_id in (select en.person_id from ${enrollments} en
                                where en.tenant_id = ${tenantId} and en.id in ${enrollmentIds})
           and e.enrollment_id in ${enrollmentIds}
           and not e.voided and e.takes_part) as ev`,
  );
}

const objectIsActivity = sql`coalesce(s.payload->'object'->>'objectType', 'Activity') = 'Activity'`;

export function deleteAwards(tenantId: string, enrollmentIds: SQL): SQL {
  return sql`delete from ${pointAwards}
              where tenant_id = ${tenantId} and enrollment_id in ${enrollmentIds}`;
}

/** `(select …::uuid)`: ids as one bound parameter, for `in` predicates. */
export function uuidList(ids: readonly string[]): SQL {
  return sql`(select json_array_elements_text(${JSON.stringify(ids)}::text::json)::uuid)`;
}

/**
 * Rebuilds the points of every enrollment that scores by the rules of this programme (or,
 * with null, by the tenant's: the programmes without rules of their own). Returns how many
 * enrollments that is.
 */
export async function rescoreRuleScope(
  tx: JejakTransaction,
  tenantId: string,
  programId: string | null,
): Promise<number> {
  // No batch of statements adds points between the rebuild's delete and insert.
  await lockTenantStatementWrites(tx, tenantId);
  const scope =
    programId === null
      ? sql`not exists (select 1 from ${pointRuleSets} ps
                         where ps.tenant_id = ${tenantId} and ps.program_id = c.program_id)`
      : sql`c.program_id = ${programId}`;
  const ids = sql`(select en.id from ${enrollments} en join ${cohorts} c on c.id = en.cohort_id
                    where en.tenant_id = ${tenantId} and ${scope})`;
  await tx.execute(deleteAwards(tenantId, ids));
  await tx.execute(awardStoredEvents(tenantId, ids));
  const [counted] = await rawRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${enrollments} en join ${cohorts} c on c.id = en.cohort_id
         where en.tenant_id = ${tenantId} and ${scope}`,
  );
  return counted!.n;
}

/**
 * Inserts what `events` (a FROM item named ev with the ScoringEvent columns) earn by the
 * rules each event's programme scores by: the programme's set, else the tenant's, else the
 * defaults. Every matching rule scores; a once-per-activity rule keeps the earliest event.
 */
function awardsFrom(tenantId: string, events: SQL): SQL {
  const defaults = defaultPointRules.map((rule) => ({
    id: rule.id,
    verb_iri: rule.verbIri,
    activity_type: rule.activityType,
    iri_prefix: rule.iriPrefix,
    target: rule.target,
    success: rule.success,
    min_scaled_score: rule.minScaledScore,
    once_per_activity: rule.oncePerActivity,
    points: rule.points,
  }));
  const rules = sql`(
    select r.id, s.program_id, r.verb_iri, r.activity_type, r.iri_prefix, r.target, r.success,
           r.min_scaled_score, r.once_per_activity, r.points
      from ${pointRules} r join ${pointRuleSets} s on s.id = r.rule_set_id
     where r.tenant_id = ${tenantId}
    union all
    select d.id, null::uuid, d.verb_iri, d.activity_type, d.iri_prefix, d.target, d.success,
           d.min_scaled_score, d.once_per_activity, d.points
      from json_to_recordset(${jsonRecords(defaults)}) as d(id uuid, verb_iri text,
           activity_type text, iri_prefix text, target text, success boolean,
           min_scaled_score double precision, once_per_activity boolean, points integer)
     where not exists (select 1 from ${pointRuleSets} ts
                        where ts.tenant_id = ${tenantId} and ts.program_id is null))`;
  return sql`insert into ${pointAwards}
      (tenant_id, seq, rule_id, enrollment_id, activity, points, earned_at)
    select distinct on (ev.enrollment_id, r.id, k.activity)
           ${tenantId}::uuid, ev.seq, r.id, ev.enrollment_id,
           case when r.once_per_activity then k.activity end, r.points, ev.occurred_at
      from ${events}
      join ${enrollments} en on en.tenant_id = ${tenantId} and en.id = ev.enrollment_id
      join ${cohorts} c on c.id = en.cohort_id
      join ${rules} r
        on r.verb_iri = ev.verb_iri
       and (r.program_id = c.program_id
            or (r.program_id is null
                and not exists (select 1 from ${pointRuleSets} ps
                                 where ps.tenant_id = ${tenantId} and ps.program_id = c.program_id)))
       and (r.activity_type is null or r.activity_type = ev.activity_type)
       and (r.iri_prefix is null or left(ev.object_iri, length(r.iri_prefix)) = r.iri_prefix)
       and (r.target is null
            or (r.target = 'MODULE' and ev.direct)
            or (r.target = 'ASSESSMENT' and ev.assessment_id is not null))
       and (r.success is null or ev.success = r.success)
       and (r.min_scaled_score is null or ev.scaled >= r.min_scaled_score)
      cross join lateral (select case when r.once_per_activity
             then coalesce(ev.assessment_id::text, ev.module_id::text, ev.object_iri, ev.seq::text)
             else ev.seq::text end as activity) k
     order by ev.enrollment_id, r.id, k.activity, ev.seq
    on conflict do nothing`;
}
