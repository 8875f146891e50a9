// What management reads across the tenant (ADMIN and ANALYST): the competency map of an org
// unit and the units under it (per competency, the people whose latest TNA still finds a
// gap, and those whose gap is closed), and the participation trend (learners taking part
// and their statements per day or week, from the daily counts kept as statements arrive).
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { rawRows } from '../../db/rawRows.js';
import { dailyParticipation, orgUnits } from '../../db/schema/index.js';
import { requireLocalDate } from '../../lib/dates.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';

export interface CompetencyMapCell {
  competencyId: string;
  orgUnitId: string;
  /** People whose latest assessment of the competency still finds a gap. */
  open: number;
  closed: number;
}

export interface ParticipationPoint {
  /** The day, or the Monday that starts the week. */
  start: string;
  learners: number;
  statements: number;
}

/** The longest range a trend covers, in days. */
export const maxTrendDays = 731;

export function createTenantAnalytics(db: JejakDb, actor: Actor) {
  const t = actor.tenantId;

  return {
    async competencyMap(orgUnitId: string): Promise<CompetencyMapCell[]> {
      requireRole(actor, 'reading the competency map', 'ADMIN', 'ANALYST');
      const id = requireUuid(orgUnitId, 'orgUnitId');
      const [unit] = await db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(eq(orgUnits.tenantId, t), eq(orgUnits.id, id)));
      if (unit === undefined) throw new NotFoundError(`orgUnitId: no org unit ${orgUnitId}`);
      const rows = await rawRows<{
        competency_id: string;
        org_unit_id: string;
        open: number;
        closed: number;
      }>(
        db,
        sql`with recursive units(id) as (
              select id from org_units where tenant_id = ${t} and id = ${id}
              union
              select u.id from org_units u join units on u.parent_id = units.id
              where u.tenant_id = ${t}
            ),
            latest as (
              select distinct on (g.person_id, g.competency_id)
                     g.competency_id, p.org_unit_id, g.required_level > g.current_level as open
              from competency_gaps g join people p on p.id = g.person_id
              where g.tenant_id = ${t} and p.tenant_id = ${t}
                and p.org_unit_id in (select id from units)
              order by g.person_id, g.competency_id, g.assessed_on desc, g.created_at desc
            )
            select competency_id, org_unit_id,
                   (count(*) filter (where open))::int as open,
                   (count(*) filter (where not open))::int as closed
            from latest group by competency_id, org_unit_id
            order by competency_id, org_unit_id`,
      );
      return rows.map((row) => ({
        competencyId: row.competency_id,
        orgUnitId: row.org_unit_id,
        open: Number(row.open),
        closed: Number(row.closed),
      }));
    },

    /** Every day (or week) of the range, with zeros where nobody took part. */
    async participationTrend(range: {
      from: string;
      to: string;
      interval: 'DAY' | 'WEEK';
    }): Promise<ParticipationPoint[]> {
      requireRole(actor, 'reading the participation trend', 'ADMIN', 'ANALYST');
      const from = requireLocalDate(range.from, 'from');
      const to = requireLocalDate(range.to, 'to');
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0) throw new BadUserInputError('to: must not be before from');
      if (days > maxTrendDays)
        throw new BadUserInputError(`to: a trend covers at most ${maxTrendDays} days`);
      const rows = await db
        .select({
          day: dailyParticipation.day,
          learners: sql<number>`count(*)::int`,
          statements: sql<number>`sum(${dailyParticipation.statements})::int`,
        })
        .from(dailyParticipation)
        .where(
          and(
            eq(dailyParticipation.tenantId, t),
            gte(dailyParticipation.day, from),
            lte(dailyParticipation.day, to),
          ),
        )
        .groupBy(dailyParticipation.day);
      const byDay = new Map(rows.map((row) => [row.day, row]));
      const points: ParticipationPoint[] = [];
      for (let time = Date.parse(from); time <= Date.parse(to); time += 86_400_000) {
        const day = new Date(time).toISOString().slice(0, 10);
        const start = range.interval === 'DAY' ? day : mondayOf(day);
        let point = points[points.length - 1];
        if (point?.start !== start) {
          point = { start, learners: 0, statements: 0 };
          points.push(point);
        }
        point.statements += Number(byDay.get(day)?.statements ?? 0);
        if (range.interval === 'DAY') point.learners = Number(byDay.get(day)?.learners ?? 0);
      }
      if (range.interval === 'WEEK') {
        // A learner counts once a week, however many of its days they took part.
        const weekly = await db
          .select({
            week: sql<string>`to_char(date_trunc('week', ${dailyParticipation.day}), 'YYYY-MM-DD')`,
            learners: sql<number>`count(distinct ${dailyParticipation.learner})::int`,
          })
          .from(dailyParticipation)
          .where(
            and(
              eq(dailyParticipation.tenantId, t),
              gte(dailyParticipation.day, from),
              lte(dailyParticipation.day, to),
            ),
          )
          .groupBy(sql`1`);
        const byWeek = new Map(weekly.map((row) => [row.week, Number(row.learners)]));
        for (const point of points) point.learners = byWeek.get(point.start) ?? 0;
      }
      return points;
    },
  };
}

/** The Monday of the ISO week a day is in. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

export type TenantAnalytics = ReturnType<typeof createTenantAnalytics>;
