// Reading a tenant's programmes, modules, cohorts and enrollments, for one actor. Programmes
// and their modules are the tenant's catalogue: every role reads them. Cohorts and
// enrollments are visible as the roles say: ADMIN and ANALYST all of them, FACILITATOR the
// cohorts they facilitate, LEARNER their own, MENTOR the cohorts of their mentees (and only
// their mentees' enrollments). The visibility predicates are built once, here, and lent to
// the repositories of what hangs off a cohort (sessions, results, progress) as subqueries.
// Writes are in programCatalogue.ts and cohortAdministration.ts.
import {
  and,
  asc,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import type { JejakDb } from '../../db/client.js';
import {
  cohortFacilitators,
  cohorts,
  enrollments,
  mentorAssignments,
  modules,
  people,
  programs,
  type CohortRow,
  type EnrollmentRow,
  type ModuleRow,
  type ProgramRow,
} from '../../db/schema/index.js';
import {
  dateKey,
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  textKey,
  timestampKey,
  type KeysetPage,
  type ListOrder,
  type PageRequest,
} from '../../db/keyset.js';
import { containing } from '../../db/like.js';
import { requireLocalDate } from '../../lib/dates.js';
import { ForbiddenError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';

export type Program = ProgramRow;
export type Module = ModuleRow;
export type Cohort = CohortRow;
export type Enrollment = EnrollmentRow;

export const phases = ['ONLINE_SELF_PACED', 'FACE_TO_FACE', 'ON_THE_JOB'] as const;
export const learningKinds = ['KLASIKAL', 'NONKLASIKAL'] as const;
export const programStatuses = ['DRAFT', 'OPEN', 'RUNNING', 'CLOSED'] as const;

export const programOrderFields = ['TITLE', 'CREATED_AT'] as const;
export type ProgramOrderField = (typeof programOrderFields)[number];
export const cohortOrderFields = ['START_DATE', 'NAME'] as const;
export type CohortOrderField = (typeof cohortOrderFields)[number];

export interface ProgramFilter {
  status?: string;
  /** Part of the title, case-insensitive. */
  search?: string;
}

export interface CohortFilter {
  programId?: string;
  /** Cohorts whose start and end dates enclose this date (YYYY-MM-DD). */
  runningOn?: string;
}

function programOrder({ field, direction }: ListOrder<ProgramOrderField>) {
  return keysetOrder<Program>('programs', field, direction, [
    field === 'CREATED_AT'
      ? timestampKey(programs.createdAt, (row) => row.createdAt)
      : textKey(programs.title, (row) => row.title),
    idKey(programs.id, (row) => row.id),
  ]);
}

function cohortOrder({ field, direction }: ListOrder<CohortOrderField>) {
  return keysetOrder<Cohort>('cohorts', field, direction, [
    field === 'NAME'
      ? textKey(cohorts.name, (row) => row.name)
      : dateKey(cohorts.startDate, (row) => row.startDate),
    idKey(cohorts.id, (row) => row.id),
  ]);
}

const enrollmentOrder = keysetOrder<Enrollment>('enrollments', 'ENROLLED_AT', 'ASC', [
  timestampKey(enrollments.enrolledAt, (row) => row.enrolledAt),
  idKey(enrollments.id, (row) => row.id),
]);

export function createProgramRepository(db: JejakDb, actor: Actor) {
  const t = actor.tenantId;
  const seesAll = hasRole(actor, 'ADMIN', 'ANALYST');
  const isSelf = (personId: SQL) =>
    sql`exists (select 1 from ${people} p where p.id = ${personId} and p.tenant_id = ${t}
                and p.subject = ${actor.subject})`;
  const facilitates = sql`exists (select 1 from ${cohortFacilitators} f
    where f.cohort_id = ${cohorts.id} and ${isSelf(sql`f.person_id`)})`;
  const enrolledIn = sql`exists (select 1 from ${enrollments} e
    where e.cohort_id = ${cohorts.id} and ${isSelf(sql`e.person_id`)})`;
  const mentorsIn = sql`exists (select 1 from ${mentorAssignments} a
    where a.cohort_id = ${cohorts.id} and ${isSelf(sql`a.mentor_id`)})`;

  const cohortVisible: SQL = seesAll
    ? eq(cohorts.tenantId, t)
    : and(
        eq(cohorts.tenantId, t),
        or(
          hasRole(actor, 'FACILITATOR') ? facilitates : sql`false`,
          hasRole(actor, 'LEARNER') ? enrolledIn : sql`false`,
          hasRole(actor, 'MENTOR') ? mentorsIn : sql`false`,
        ),
      )!;
  const enrollmentVisible: SQL = seesAll
    ? eq(enrollments.tenantId, t)
    : and(
        eq(enrollments.tenantId, t),
        or(
          hasRole(actor, 'FACILITATOR')
            ? sql`exists (select 1 from ${cohortFacilitators} f
                  where f.cohort_id = ${enrollments.cohortId} and ${isSelf(sql`f.person_id`)})`
            : sql`false`,
          hasRole(actor, 'LEARNER') ? isSelf(sql`${enrollments.personId}`) : sql`false`,
          hasRole(actor, 'MENTOR')
            ? sql`exists (select 1 from ${mentorAssignments} a where a.cohort_id = ${enrollments.cohortId}
                  and a.mentee_id = ${enrollments.personId} and ${isSelf(sql`a.mentor_id`)})`
            : sql`false`,
        ),
      )!;

  return {
    /** `(select id from cohorts where <visible>)`, for `cohort_id in …` predicates. */
    visibleCohortIds: sql`(select ${cohorts.id} from ${cohorts} where ${cohortVisible})`,
    /** `(select id from enrollments where <visible>)`, for `enrollment_id in …` predicates. */
    visibleEnrollmentIds: sql`(select ${enrollments.id} from ${enrollments} where ${enrollmentVisible})`,

    async listPrograms(
      filter: ProgramFilter,
      order: ListOrder<ProgramOrderField>,
      page: PageRequest,
    ): Promise<KeysetPage<Program>> {
      const sorted = programOrder(order);
      const rows = await db
        .select()
        .from(programs)
        .where(
          and(
            eq(programs.tenantId, t),
            filter.status !== undefined ? eq(programs.status, filter.status) : undefined,
            filter.search ? ilike(programs.title, containing(filter.search)) : undefined,
            keysetAfter(sorted, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(sorted))
        .limit(page.first + 1);
      return keysetPageOf(sorted, rows, page.first);
    },

    async programsByIds(ids: readonly string[]): Promise<Program[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(programs)
        .where(and(eq(programs.tenantId, t), inArray(programs.id, [...ids])));
    },

    async modulesOfPrograms(programIds: readonly string[]): Promise<Module[]> {
      if (programIds.length === 0) return [];
      return db
        .select()
        .from(modules)
        .where(and(eq(modules.tenantId, t), inArray(modules.programId, [...programIds])))
        .orderBy(asc(modules.position), asc(modules.id));
    },

    /** Throws `message` as FORBIDDEN unless the actor is ADMIN or facilitates the cohort. */
    async requireAdminOrFacilitator(cohortId: string, message: string): Promise<void> {
      if (hasRole(actor, 'ADMIN')) return;
      if (hasRole(actor, 'FACILITATOR')) {
        const [mine] = await db
          .select({ one: sql`1` })
          .from(cohortFacilitators)
          .where(
            and(
              eq(cohortFacilitators.cohortId, cohortId),
              sql`${cohortFacilitators.personId} in ${actorPersonIds(actor)}`,
            ),
          );
        if (mine !== undefined) return;
      }
      throw new ForbiddenError(message);
    },

    async modulesByIds(ids: readonly string[]): Promise<Module[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(modules)
        .where(and(eq(modules.tenantId, t), inArray(modules.id, [...ids])));
    },

    async cohortsByIds(ids: readonly string[]): Promise<Cohort[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(cohorts)
        .where(and(cohortVisible, inArray(cohorts.id, [...ids])));
    },

    async listCohorts(
      filter: CohortFilter,
      order: ListOrder<CohortOrderField>,
      page: PageRequest,
    ): Promise<KeysetPage<Cohort>> {
      const sorted = cohortOrder(order);
      const rows = await db
        .select()
        .from(cohorts)
        .where(
          and(
            cohortVisible,
            filter.programId !== undefined
              ? eq(cohorts.programId, requireUuid(filter.programId, 'programId'))
              : undefined,
            filter.runningOn !== undefined
              ? and(
                  lte(cohorts.startDate, requireLocalDate(filter.runningOn, 'runningOn')),
                  gte(cohorts.endDate, filter.runningOn),
                )
              : undefined,
            keysetAfter(sorted, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(sorted))
        .limit(page.first + 1);
      return keysetPageOf(sorted, rows, page.first);
    },

    async facilitatorIdsOfCohorts(cohortIds: readonly string[]) {
      if (cohortIds.length === 0) return [];
      return db
        .select({ cohortId: cohortFacilitators.cohortId, personId: cohortFacilitators.personId })
        .from(cohortFacilitators)
        .where(
          and(
            eq(cohortFacilitators.tenantId, t),
            inArray(cohortFacilitators.cohortId, [...cohortIds]),
          ),
        );
    },

    async enrollmentsByIds(ids: readonly string[]): Promise<Enrollment[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(enrollments)
        .where(and(enrollmentVisible, inArray(enrollments.id, [...ids])));
    },

    /** Pages of several cohorts' enrollments, in enrollment order, in one query. */
    async enrollmentPages(
      requests: readonly (PageRequest & { cohortId: string; status?: string })[],
    ): Promise<BatchedPage<Enrollment>[]> {
      return batchedPages(
        requests,
        enrollmentOrder,
        (request) => request.cohortId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(enrollments) })
            .from(enrollments)
            .where(
              and(
                enrollmentVisible,
                eq(enrollments.cohortId, request.cohortId),
                request.status !== undefined ? eq(enrollments.status, request.status) : undefined,
                after,
              ),
            ),
      );
    },
  };
}

export type ProgramRepository = ReturnType<typeof createProgramRepository>;
