// A tenant's programmes, modules, cohorts and enrollments, for one actor. Programmes and
// their modules are the tenant's catalogue: every role reads them, ADMIN writes them.
// Cohorts and enrollments are visible as the roles say: ADMIN and ANALYST all of them,
// FACILITATOR the cohorts they facilitate, LEARNER their own, MENTOR the cohorts of their
// mentees (and only their mentees' enrollments). The visibility predicates are built once, here.
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
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
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';

export type Program = ProgramRow;
export type Module = ModuleRow;
export type Cohort = CohortRow;
export type Enrollment = EnrollmentRow;

export const phases = ['ONLINE_SELF_PACED', 'FACE_TO_FACE', 'ON_THE_JOB'] as const;
export const learningKinds = ['KLASIKAL', 'NONKLASIKAL'] as const;
export const programStatuses = ['DRAFT', 'OPEN', 'RUNNING', 'CLOSED'] as const;

export interface NewProgram {
  title: string;
  description?: string | null;
  learningKind: (typeof learningKinds)[number];
  siasnJenisDiklatId?: number | null;
  organiser?: string | null;
  totalJp: number;
  status?: (typeof programStatuses)[number];
  startDate?: string | null;
  endDate?: string | null;
}

export interface NewModule {
  programId: string;
  phase: (typeof phases)[number];
  position: number;
  title: string;
  expectedMinutes: number;
  dueOffsetDays?: number | null;
  mediaKinds?: string[];
  activityIris?: string[];
}

export interface NewCohort {
  programId: string;
  name: string;
  startDate: string;
  endDate: string;
  capacity?: number | null;
  facilitatorIds?: string[];
}

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
    async listPrograms(
      page: { first: number; after?: string },
      status?: string,
    ): Promise<Page<Program>> {
      const conditions: (SQL | undefined)[] = [eq(programs.tenantId, t)];
      if (status !== undefined) conditions.push(eq(programs.status, status));
      if (page.after !== undefined) {
        const [title, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        conditions.push(
          or(gt(programs.title, title), and(eq(programs.title, title), gt(programs.id, id))),
        );
      }
      const rows = await db
        .select()
        .from(programs)
        .where(and(...conditions))
        .orderBy(asc(programs.title), asc(programs.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.title, row.id]);
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
      programId: string | undefined,
      page: { first: number; after?: string },
    ): Promise<Page<Cohort>> {
      const conditions: (SQL | undefined)[] = [cohortVisible];
      if (programId !== undefined)
        conditions.push(eq(cohorts.programId, requireUuid(programId, 'programId')));
      if (page.after !== undefined) {
        const [start, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        conditions.push(
          or(gt(cohorts.startDate, start), and(eq(cohorts.startDate, start), gt(cohorts.id, id))),
        );
      }
      const rows = await db
        .select()
        .from(cohorts)
        .where(and(...conditions))
        .orderBy(asc(cohorts.startDate), asc(cohorts.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.startDate, row.id]);
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

    /** A cohort's enrollments in enrollment order (keyset on enrolled_at, id). */
    async listEnrollments(
      cohortId: string,
      page: { first: number; after?: string },
    ): Promise<Page<Enrollment>> {
      const conditions: (SQL | undefined)[] = [
        enrollmentVisible,
        eq(enrollments.cohortId, cohortId),
      ];
      if (page.after !== undefined) {
        const [at, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        const time = new Date(at);
        conditions.push(
          or(
            gt(enrollments.enrolledAt, time),
            and(eq(enrollments.enrolledAt, time), gt(enrollments.id, id)),
          ),
        );
      }
      const rows = await db
        .select()
        .from(enrollments)
        .where(and(...conditions))
        .orderBy(asc(enrollments.enrolledAt), asc(enrollments.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.enrolledAt.toISOString(), row.id]);
    },

    async createProgram(input: NewProgram): Promise<Program> {
      requireRole(actor, 'creating a programme', 'ADMIN');
      if (input.title.trim() === '') throw new BadUserInputError('title: must not be empty');
      if (!Number.isInteger(input.totalJp) || input.totalJp < 0) {
        throw new BadUserInputError('totalJp: must be a whole number of JP, 0 or more');
      }
      if (
        input.siasnJenisDiklatId != null &&
        (input.siasnJenisDiklatId < 1 || input.siasnJenisDiklatId > 25)
      ) {
        throw new BadUserInputError("siasnJenisDiklatId: SIASN's ids run from 1 to 25");
      }
      checkDates(input.startDate, input.endDate);
      const [row] = await db
        .insert(programs)
        .values({
          tenantId: t,
          title: input.title.trim(),
          description: input.description ?? null,
          learningKind: input.learningKind,
          siasnJenisDiklatId: input.siasnJenisDiklatId ?? null,
          organiser: input.organiser ?? null,
          totalJp: input.totalJp,
          status: input.status ?? 'DRAFT',
          startDate: input.startDate ?? null,
          endDate: input.endDate ?? null,
        })
        .returning();
      return row!;
    },

    async createModule(input: NewModule): Promise<Module> {
      requireRole(actor, 'creating a module', 'ADMIN');
      const [program] = await this.programsByIds([requireUuid(input.programId, 'programId')]);
      if (program === undefined)
        throw new NotFoundError(`programId: no programme ${input.programId}`);
      if (input.title.trim() === '') throw new BadUserInputError('title: must not be empty');
      if (!Number.isInteger(input.expectedMinutes) || input.expectedMinutes < 0) {
        throw new BadUserInputError('expectedMinutes: must be a whole number, 0 or more');
      }
      const [row] = await db
        .insert(modules)
        .values({
          tenantId: t,
          programId: program.id,
          phase: input.phase,
          position: input.position,
          title: input.title.trim(),
          expectedMinutes: input.expectedMinutes,
          dueOffsetDays: input.dueOffsetDays ?? null,
          mediaKinds: input.mediaKinds ?? [],
          activityIris: input.activityIris ?? [],
        })
        .returning();
      return row!;
    },

    /** Changes the fields given; the others stay as they are. */
    async updateProgram(id: string, changes: Partial<NewProgram>): Promise<Program> {
      requireRole(actor, 'changing a programme', 'ADMIN');
      const [current] = await this.programsByIds([requireUuid(id, 'id')]);
      if (current === undefined) throw new NotFoundError(`no programme ${id}`);
      const next = { ...current, ...definedOnly(changes) };
      if (next.title.trim() === '') throw new BadUserInputError('title: must not be empty');
      if (!Number.isInteger(next.totalJp) || next.totalJp < 0) {
        throw new BadUserInputError('totalJp: must be a whole number of JP, 0 or more');
      }
      checkDates(next.startDate, next.endDate);
      const [row] = await db
        .update(programs)
        .set({
          title: next.title.trim(),
          description: next.description,
          learningKind: next.learningKind,
          siasnJenisDiklatId: next.siasnJenisDiklatId,
          organiser: next.organiser,
          totalJp: next.totalJp,
          status: next.status,
          startDate: next.startDate,
          endDate: next.endDate,
        })
        .where(and(eq(programs.tenantId, t), eq(programs.id, current.id)))
        .returning();
      return row!;
    },

    async updateCohort(
      id: string,
      changes: Partial<Pick<NewCohort, 'name' | 'startDate' | 'endDate' | 'capacity'>>,
    ): Promise<Cohort> {
      requireRole(actor, 'changing a cohort', 'ADMIN');
      const [current] = await this.cohortsByIds([requireUuid(id, 'id')]);
      if (current === undefined) throw new NotFoundError(`no cohort ${id}`);
      const next = { ...current, ...definedOnly(changes) };
      if (next.name.trim() === '') throw new BadUserInputError('name: must not be empty');
      checkDates(next.startDate, next.endDate);
      const [row] = await db
        .update(cohorts)
        .set({
          name: next.name.trim(),
          startDate: next.startDate,
          endDate: next.endDate,
          capacity: next.capacity,
        })
        .where(and(eq(cohorts.tenantId, t), eq(cohorts.id, current.id)))
        .returning();
      return row!;
    },

    async createCohort(input: NewCohort): Promise<Cohort> {
      requireRole(actor, 'creating a cohort', 'ADMIN');
      const [program] = await this.programsByIds([requireUuid(input.programId, 'programId')]);
      if (program === undefined)
        throw new NotFoundError(`programId: no programme ${input.programId}`);
      if (input.name.trim() === '') throw new BadUserInputError('name: must not be empty');
      checkDates(input.startDate, input.endDate);
      const facilitatorIds = [
        ...new Set((input.facilitatorIds ?? []).map((id) => requireUuid(id, 'facilitatorIds'))),
      ];
      return db.transaction(async (tx) => {
        if (facilitatorIds.length > 0) {
          const found = await tx
            .select({ id: people.id })
            .from(people)
            .where(and(eq(people.tenantId, t), inArray(people.id, facilitatorIds)));
          if (found.length !== facilitatorIds.length) {
            throw new NotFoundError('facilitatorIds: not every id is a person of this tenant');
          }
        }
        const [cohort] = await tx
          .insert(cohorts)
          .values({
            tenantId: t,
            programId: program.id,
            name: input.name.trim(),
            startDate: input.startDate,
            endDate: input.endDate,
            capacity: input.capacity ?? null,
          })
          .returning();
        if (facilitatorIds.length > 0) {
          await tx
            .insert(cohortFacilitators)
            .values(
              facilitatorIds.map((personId) => ({ tenantId: t, cohortId: cohort!.id, personId })),
            );
        }
        return cohort!;
      });
    },
  };
}

/** The changes a client actually sent: GraphQL leaves out fields as undefined. */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  for (const [name, value] of [
    ['startDate', start],
    ['endDate', end],
  ] as const) {
    if (value != null && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new BadUserInputError(`${name}: must be a date YYYY-MM-DD`);
    }
  }
  if (start != null && end != null && end < start) {
    throw new BadUserInputError('endDate: must not be before startDate');
  }
}

export type ProgramRepository = ReturnType<typeof createProgramRepository>;
