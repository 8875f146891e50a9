// Badges of enrollments, read from what is kept as statements arrive (module progress and
// learning events), so they follow voiding and re-attachment with nothing of their own to
// rebuild. Each is earned at a date:
// - FIRST_MODULE: the first module completed (its completion);
// - ALL_ONLINE_ON_TIME: every ONLINE_SELF_PACED module of the programme completed on or
//   before its due day (the cohort's start plus the module's dueOffsetDays, in UTC days as
//   overdue modules are judged; a module without a due day only needs completing); earned
//   at the last of those completions;
// - PERFECT_QUIZ: a statement about an assessment (not a reaction survey) with a scaled
//   score of 1, which is also raw = max when the statement gives raw, min and max.
import { sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { rawRows } from '../../db/rawRows.js';
import {
  assessments,
  cohorts,
  enrollments,
  learningEvents,
  moduleProgress,
  modules,
} from '../../db/schema/index.js';

export const badgeKinds = ['FIRST_MODULE', 'ALL_ONLINE_ON_TIME', 'PERFECT_QUIZ'] as const;
export type BadgeKind = (typeof badgeKinds)[number];

export interface Badge {
  enrollmentId: string;
  kind: BadgeKind;
  earnedAt: Date;
}

/** The badges of these enrollments (`ids` a subquery of enrollment ids the caller may see). */
export async function badgesOfEnrollments(
  db: JejakDb,
  tenantId: string,
  ids: SQL,
): Promise<Badge[]> {
  const rows = await rawRows<{ enrollment_id: string; kind: BadgeKind; earned_at: string | Date }>(
    db,
    sql`select mp.enrollment_id, 'FIRST_MODULE' as kind, min(mp.completed_at) as earned_at
          from ${moduleProgress} mp
         where mp.tenant_id = ${tenantId} and mp.enrollment_id in ${ids}
           and mp.completed_at is not null
         group by mp.enrollment_id
        union all
        select en.id, 'ALL_ONLINE_ON_TIME', max(mp.completed_at)
          from ${enrollments} en
          join ${cohorts} c on c.id = en.cohort_id
          join ${modules} m on m.tenant_id = ${tenantId} and m.program_id = c.program_id
                           and m.phase = 'ONLINE_SELF_PACED'
          left join ${moduleProgress} mp on mp.enrollment_id = en.id and mp.module_id = m.id
         where en.tenant_id = ${tenantId} and en.id in ${ids}
         group by en.id
        having bool_and(mp.completed_at is not null
                        and (m.due_offset_days is null
                             or (mp.completed_at at time zone 'UTC')::date
                                <= c.start_date + m.due_offset_days))
        union all
        select e.enrollment_id, 'PERFECT_QUIZ', min(e.occurred_at)
          from ${learningEvents} e
          join ${assessments} a on a.id = e.assessment_id
         where e.tenant_id = ${tenantId}
           -- The assessments of these enrollments' programmes, through the index of scored events.
           and e.assessment_id is not null and e.scaled is not null
           and e.assessment_id in (
                 select a2.id from ${assessments} a2
                   join ${modules} m2 on m2.tenant_id = ${tenantId} and m2.id = a2.module_id
                   join ${cohorts} c2 on c2.tenant_id = ${tenantId} and c2.program_id = m2.program_id
                   join ${enrollments} en2 on en2.cohort_id = c2.id
                  where a2.tenant_id = ${tenantId} and en2.id in ${ids})
           and e.enrollment_id in ${ids}
           and e.scaled >= 1 and not e.voided and e.takes_part
           and a.kind <> 'REACTION_SURVEY'
         group by e.enrollment_id`,
  );
  const order = (kind: BadgeKind) => badgeKinds.indexOf(kind);
  return rows
    .map((row) => ({
      enrollmentId: row.enrollment_id,
      kind: row.kind,
      earnedAt: new Date(row.earned_at),
    }))
    .sort(
      (a, b) =>
        a.enrollmentId.localeCompare(b.enrollmentId) ||
        a.earnedAt.getTime() - b.earnedAt.getTime() ||
        order(a.kind) - order(b.kind),
    );
}
