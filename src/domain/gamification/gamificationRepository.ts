// Gamification for one actor: the point rules (everyone reads them, ADMIN sets them, which
// rescores), leaderboards of a cohort (ADMIN, ANALYST, the cohort's facilitators) and of a
// programme (ADMIN, ANALYST), optionally of one OPD, the points and badges of enrollments
// the actor may see, and the actor's own points and leaderboard opt-out.
//
// Leaderboards rank the enrollments still in their cohort (not WITHDRAWN) of people who
// have not opted out: by points, then by who reached them first (the time of their latest
// points), then by enrollment id, so ties always rank the same way; ranks are 1, 2, 3…
// without gaps. Opted-out learners are not counted in anyone's rank; they still see their
// own points and badges (without a rank).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { lockTenantStatementWrites } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  timestampKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
import { rawRows } from '../../db/rawRows.js';
import {
  cohorts,
  enrollments,
  leaderboardOptOuts,
  orgUnits,
  people,
  pointAwards,
  pointRuleSets,
  pointRules,
  type PointRuleRow,
} from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { optionalUuid, requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import { findActorPersonId } from '../access/actorPerson.js';
import type { Enrollment, ProgramRepository } from '../programs/programRepository.js';
import { badgesOfEnrollments, type Badge } from './badges.js';
import {
  checkPointRules,
  defaultPointRules,
  type PointRule,
  type PointRuleInput,
  type PointRuleTarget,
} from './pointRules.js';
import { rescoreRuleScope } from './scorePoints.js';

/** Where the rules a programme (or the tenant) scores by come from. */
export type PointRuleScope = 'PROGRAM' | 'TENANT' | 'DEFAULT';

export interface EffectivePointRule extends PointRule {
  scope: PointRuleScope;
  /** The programme whose own rule it is (scope PROGRAM). */
  programId: string | null;
  position: number;
}

export interface PointRulesChange {
  programId: string | null;
  /** Where the rules now in force come from. */
  scope: PointRuleScope;
  rules: number;
  rescoredEnrollments: number;
}

export interface LeaderboardEntry {
  rank: number;
  enrollmentId: string;
  personId: string;
  cohortId: string;
  points: number;
  /** When the learner reached their points (null with none). */
  reachedAt: Date | null;
}

export interface EnrollmentPoints {
  enrollment: Enrollment;
  points: number;
  badges: Badge[];
  /** The rank in the cohort's leaderboard; null when opted out or withdrawn. */
  rank: number | null;
}

export interface LeaderboardPreference {
  optedOut: boolean;
  optedOutAt: Date | null;
}

export function createGamification(db: JejakDb, actor: Actor, programsOfActor: ProgramRepository) {
  const t = actor.tenantId;

  /** The given ids the actor may see, as a subquery. */
  const visibleIds = (ids: readonly string[]) =>
    sql`(select u.id from (select json_array_elements_text(${JSON.stringify(
      ids.map((id) => id.toLowerCase()),
    )}::text::json)::uuid as id) u where u.id in ${programsOfActor.visibleEnrollmentIds})`;

  async function requireProgram(programId: string | null): Promise<string | null> {
    const id = optionalUuid(programId, 'programId');
    if (id === null) return null;
    const [program] = await programsOfActor.programsByIds([id]);
    if (program === undefined) throw new NotFoundError(`programId: no programme ${programId}`);
    return id;
  }

  async function requireOrgUnit(orgUnitId: string | null | undefined): Promise<string | null> {
    const id = optionalUuid(orgUnitId, 'orgUnitId');
    if (id === null) return null;
    const [unit] = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, t), eq(orgUnits.id, id)));
    if (unit === undefined) throw new NotFoundError(`orgUnitId: no OPD ${orgUnitId}`);
    return id;
  }

  /**
   * The ranked entries of the boards `scope` selects (a predicate on en, c and p), one
   * board per value of `board`; `rest` filters and limits the ranked rows.
   */
  function ranked(scope: SQL, board: SQL, rest: SQL) {
    return rawRows<{
      rank: string | number;
      enrollment_id: string;
      person_id: string;
      cohort_id: string;
      points: number;
      reached_at: string | Date | null;
    }>(
      db,
      sql`with entries as (
            select en.id as enrollment_id, en.person_id, en.cohort_id, ${board} as board,
                   coalesce(sum(a.points), 0)::int as points, max(a.earned_at) as reached_at
              from ${enrollments} en
              join ${cohorts} c on c.id = en.cohort_id
              join ${people} p on p.id = en.person_id
              left join ${pointAwards} a on a.tenant_id = ${t} and a.enrollment_id = en.id
             where en.tenant_id = ${t} and en.status <> 'WITHDRAWN' and ${scope}
               and not exists (select 1 from ${leaderboardOptOuts} o
                                where o.tenant_id = ${t} and o.person_id = en.person_id)
             -- The enrollment's other columns depend on its id.
             group by en.id),
          ranked as (
            select entries.*, row_number() over (partition by board
                     order by points desc, reached_at asc nulls last, enrollment_id) as rank
              from entries)
          select rank, enrollment_id, person_id, cohort_id, points, reached_at
            from ranked ${rest}`,
    );
  }

  async function leaderboard(
    name: string,
    scope: SQL,
    page: PageRequest,
  ): Promise<KeysetPage<LeaderboardEntry>> {
    let after = 0;
    if (page.after !== undefined) {
      const [cursorName, rank] = decodeCursor(page.after, ['string', 'number']) as [string, number];
      if (cursorName !== name) {
        throw new BadUserInputError(`the cursor belongs to another list than ${name}`);
      }
      after = rank;
    }
    const rows = await ranked(
      scope,
      sql`0`,
      sql`where rank > ${after} order by rank limit ${page.first + 1}`,
    );
    const items = rows.slice(0, page.first).map((row) => ({
      rank: Number(row.rank),
      enrollmentId: row.enrollment_id,
      personId: row.person_id,
      cohortId: row.cohort_id,
      points: row.points,
      reachedAt: row.reached_at === null ? null : new Date(row.reached_at),
    }));
    return {
      items,
      cursors: items.map((item) => encodeCursor([name, item.rank])),
      hasNextPage: rows.length > page.first,
    };
  }

  /** Points of the enrollments `ids` (a subquery) selects; those with none are absent. */
  function pointsOf(ids: SQL) {
    return rawRows<{ enrollmentId: string; points: number }>(
      db,
      sql`select enrollment_id as "enrollmentId", sum(points)::int as points
            from ${pointAwards}
           where tenant_id = ${t} and enrollment_id in ${ids}
           group by enrollment_id`,
    );
  }

  const ofOrgUnit = (orgUnitId: string | null) =>
    orgUnitId === null ? sql`true` : sql`p.org_unit_id = ${orgUnitId}`;

  async function storedSet(programId: string | null) {
    const [set] = await db
      .select()
      .from(pointRuleSets)
      .where(
        and(
          eq(pointRuleSets.tenantId, t),
          programId === null
            ? sql`${pointRuleSets.programId} is null`
            : eq(pointRuleSets.programId, programId),
        ),
      );
    return set;
  }

  /** The rules `programId` (or, with null, the tenant) scores by, and where they come from. */
  async function effectiveRules(programId: string | null): Promise<EffectivePointRule[]> {
    const own = programId === null ? undefined : await storedSet(programId);
    const set = own ?? (await storedSet(null));
    if (set === undefined) {
      return defaultPointRules.map((rule, position) => ({
        ...rule,
        scope: 'DEFAULT',
        programId: null,
        position,
      }));
    }
    const rows = await db
      .select()
      .from(pointRules)
      .where(and(eq(pointRules.tenantId, t), eq(pointRules.ruleSetId, set.id)))
      .orderBy(pointRules.position);
    return rows.map((row) => ({
      ...toPointRule(row),
      scope: set.programId === null ? 'TENANT' : 'PROGRAM',
      programId: set.programId,
      position: row.position,
    }));
  }

  async function changeRules(
    programId: string | null,
    rules: Omit<PointRule, 'id'>[] | null,
  ): Promise<PointRulesChange> {
    const rescored = await db.transaction(async (tx) => {
      // One change of rules at a time per tenant, and none while a batch is being scored.
      await lockTenantStatementWrites(tx, t);
      await tx
        .delete(pointRuleSets)
        .where(
          and(
            eq(pointRuleSets.tenantId, t),
            programId === null
              ? sql`${pointRuleSets.programId} is null`
              : eq(pointRuleSets.programId, programId),
          ),
        );
      if (rules !== null) {
        const [set] = await tx.insert(pointRuleSets).values({ tenantId: t, programId }).returning();
        if (rules.length > 0) {
          await tx.insert(pointRules).values(
            rules.map((rule, position) => ({
              ...rule,
              tenantId: t,
              ruleSetId: set!.id,
              position,
            })),
          );
        }
      }
      return rescoreRuleScope(tx, t, programId);
    });
    const now = await effectiveRules(programId);
    return {
      programId,
      scope: now[0]?.scope ?? (programId === null ? 'TENANT' : 'PROGRAM'),
      rules: now.length,
      rescoredEnrollments: rescored,
    };
  }

  return {
    /** The rules in force for a programme (or the tenant's), in their order. Every role. */
    async pointRules(
      programId: string | null,
      page: PageRequest,
    ): Promise<KeysetPage<EffectivePointRule>> {
      const id = await requireProgram(programId);
      const rules = await effectiveRules(id);
      const name = `pointRules@${id ?? 'tenant'}`;
      let after = -1;
      if (page.after !== undefined) {
        const [cursorName, position] = decodeCursor(page.after, ['string', 'number']) as [
          string,
          number,
        ];
        if (cursorName !== name) {
          throw new BadUserInputError(`the cursor belongs to another list than ${name}`);
        }
        after = position;
      }
      const rest = rules.filter((rule) => rule.position > after);
      const items = rest.slice(0, page.first);
      return {
        items,
        cursors: items.map((rule) => encodeCursor([name, rule.position])),
        hasNextPage: rest.length > page.first,
      };
    },

    /**
     * ADMIN replaces the rules of a programme (or, with null, the tenant's) and the points of
     * every enrollment scoring by them are worked out again.
     */
    async setPointRules(
      programId: string | null,
      inputs: readonly PointRuleInput[],
    ): Promise<PointRulesChange> {
      requireRole(actor, 'setting point rules', 'ADMIN');
      const id = await requireProgram(programId);
      return changeRules(id, checkPointRules(inputs));
    },

    /** ADMIN: the programme scores by the tenant's rules again, the tenant by the defaults. */
    async resetPointRules(programId: string | null): Promise<PointRulesChange> {
      requireRole(actor, 'resetting point rules', 'ADMIN');
      return changeRules(await requireProgram(programId), null);
    },

    async cohortLeaderboard(
      cohortId: string,
      orgUnitId: string | null | undefined,
      page: PageRequest,
    ): Promise<KeysetPage<LeaderboardEntry>> {
      requireRole(actor, "reading a cohort's leaderboard", 'ADMIN', 'ANALYST', 'FACILITATOR');
      const id = requireUuid(cohortId, 'cohortId');
      const [cohort] = await programsOfActor.cohortsByIds([id]);
      if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${cohortId}`);
      const unit = await requireOrgUnit(orgUnitId);
      return leaderboard(
        `cohortLeaderboard@${id}/${unit ?? 'all'}`,
        sql`en.cohort_id = ${id} and ${ofOrgUnit(unit)}`,
        page,
      );
    },

    async programLeaderboard(
      programId: string,
      orgUnitId: string | null | undefined,
      page: PageRequest,
    ): Promise<KeysetPage<LeaderboardEntry>> {
      requireRole(actor, "reading a programme's leaderboard", 'ADMIN', 'ANALYST');
      const id = (await requireProgram(requireUuid(programId, 'programId')))!;
      const unit = await requireOrgUnit(orgUnitId);
      return leaderboard(
        `programLeaderboard@${id}/${unit ?? 'all'}`,
        sql`c.program_id = ${id} and c.tenant_id = ${t} and ${ofOrgUnit(unit)}`,
        page,
      );
    },

    /** Points of enrollments the actor may see (one query); those with none are absent. */
    async pointsOfEnrollments(
      ids: readonly string[],
    ): Promise<{ enrollmentId: string; points: number }[]> {
      if (ids.length === 0) return [];
      return pointsOf(visibleIds(ids));
    },

    /** Badges of enrollments the actor may see (one query). */
    async badgesOfEnrollments(ids: readonly string[]): Promise<Badge[]> {
      if (ids.length === 0) return [];
      return badgesOfEnrollments(db, t, visibleIds(ids));
    },

    /**
     * The actor's own enrollments, newest first, with their points, badges and cohort rank:
     * their own whatever roles their token carries.
     */
    async myPoints(page: PageRequest): Promise<KeysetPage<EnrollmentPoints>> {
      const self = await findActorPersonId(db, actor);
      if (self === undefined) return { items: [], cursors: [], hasNextPage: false };
      const mine = await db
        .select()
        .from(enrollments)
        .where(
          and(
            eq(enrollments.tenantId, t),
            eq(enrollments.personId, self),
            keysetAfter(myEnrollmentOrder, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(myEnrollmentOrder))
        .limit(page.first + 1);
      const found = keysetPageOf(myEnrollmentOrder, mine, page.first);
      const ids = sql`(select json_array_elements_text(${JSON.stringify(
        found.items.map((enrollment) => enrollment.id),
      )}::text::json)::uuid)`;
      const [points, badges, ranks] =
        found.items.length === 0
          ? [[], [], []]
          : await Promise.all([
              pointsOf(ids),
              badgesOfEnrollments(db, t, ids),
              ranked(
                sql`en.cohort_id in (select cohort_id from ${enrollments}
                                      where tenant_id = ${t} and id in ${ids})`,
                sql`en.cohort_id`,
                sql`where enrollment_id in ${ids}`,
              ),
            ]);
      const pointsBy = new Map(points.map((row) => [row.enrollmentId, row.points]));
      const rankBy = new Map(ranks.map((row) => [row.enrollment_id, Number(row.rank)]));
      return {
        ...found,
        items: found.items.map((enrollment) => ({
          enrollment,
          points: pointsBy.get(enrollment.id) ?? 0,
          badges: badges.filter((badge) => badge.enrollmentId === enrollment.id),
          rank: rankBy.get(enrollment.id) ?? null,
        })),
      };
    },

    async leaderboardPreference(): Promise<LeaderboardPreference> {
      const self = await findActorPersonId(db, actor);
      if (self === undefined) return { optedOut: false, optedOutAt: null };
      const [row] = await db
        .select()
        .from(leaderboardOptOuts)
        .where(and(eq(leaderboardOptOuts.tenantId, t), eq(leaderboardOptOuts.personId, self)));
      return { optedOut: row !== undefined, optedOutAt: row?.optedOutAt ?? null };
    },

    /** The actor leaves leaderboards (or comes back); their points are kept either way. */
    async setLeaderboardOptOut(optedOut: boolean): Promise<LeaderboardPreference> {
      const self = await findActorPersonId(db, actor);
      if (self === undefined) {
        throw new NotFoundError("no person of this tenant has your token's subject");
      }
      if (optedOut) {
        await db
          .insert(leaderboardOptOuts)
          .values({ tenantId: t, personId: self })
          .onConflictDoNothing();
      } else {
        await db
          .delete(leaderboardOptOuts)
          .where(and(eq(leaderboardOptOuts.tenantId, t), eq(leaderboardOptOuts.personId, self)));
      }
      return this.leaderboardPreference();
    },
  };
}

const myEnrollmentOrder = keysetOrder<Enrollment>('myPoints', 'ENROLLED_AT', 'DESC', [
  timestampKey(enrollments.enrolledAt, (row) => row.enrolledAt),
  idKey(enrollments.id, (row) => row.id),
]);

function toPointRule(row: PointRuleRow): PointRule {
  return {
    id: row.id,
    label: row.label,
    verbIri: row.verbIri,
    activityType: row.activityType,
    iriPrefix: row.iriPrefix,
    target: row.target as PointRuleTarget | null,
    success: row.success,
    minScaledScore: row.minScaledScore,
    oncePerActivity: row.oncePerActivity,
    points: row.points,
  };
}

export type Gamification = ReturnType<typeof createGamification>;
