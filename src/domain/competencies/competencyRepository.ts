// Competencies and training-needs gaps, for one actor. Competencies are the tenant's
// catalogue (every role reads them, ADMIN defines them and links them to programmes).
// Gaps of a person are personal: ADMIN and ANALYST see all, a person their own. Gaps of a
// position (jabatan) are read by ADMIN, ANALYST and FACILITATOR. ADMIN records them.
import { and, asc, eq, getTableColumns, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import type { JejakDb } from '../../db/client.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import {
  dateKey,
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  textKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
import { containing } from '../../db/like.js';
import {
  competencies,
  competencyGaps,
  people,
  programCompetencies,
  programs,
  type CompetencyGapRow,
  type CompetencyRow,
} from '../../db/schema/index.js';
import { requireLocalDate } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { isUuid, optionalUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';

export type Competency = CompetencyRow;
export type CompetencyGap = CompetencyGapRow;
export const competencyKinds = ['TEKNIS', 'MANAJERIAL', 'SOSIAL_KULTURAL'] as const;

export interface NewCompetency {
  kind: (typeof competencyKinds)[number];
  name: string;
  description?: string | null;
}

export interface NewCompetencyGap {
  competencyId: string;
  personId?: string | null;
  position?: string | null;
  currentLevel: number;
  requiredLevel: number;
  assessedOn: string;
}

export interface CompetencyFilter {
  kind?: string;
  /** Part of the name, case-insensitive. */
  search?: string;
}

const competencyOrder = keysetOrder<Competency>('competencies', 'NAME', 'ASC', [
  textKey(competencies.name, (row) => row.name),
  idKey(competencies.id, (row) => row.id),
]);

/** A person's gaps, newest TNA first. */
const personGapOrder = keysetOrder<CompetencyGap>('personGaps', 'ASSESSED_ON', 'DESC', [
  dateKey(competencyGaps.assessedOn, (row) => row.assessedOn),
  idKey(competencyGaps.id, (row) => row.id),
]);

const positionGapOrder = keysetOrder<CompetencyGap>('positionGaps', 'POSITION', 'ASC', [
  textKey(competencyGaps.position, (row) => row.position ?? ''),
  idKey(competencyGaps.id, (row) => row.id),
]);

export function createCompetencyRepository(db: JejakDb, actor: Actor) {
  const t = actor.tenantId;
  const personalGapVisible: SQL = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(competencyGaps.tenantId, t)
    : and(
        eq(competencyGaps.tenantId, t),
        sql`${competencyGaps.personId} in ${actorPersonIds(actor)}`,
      )!;

  async function requireCompetency(id: string, field: string): Promise<Competency> {
    const [competency] = await db
      .select()
      .from(competencies)
      .where(and(eq(competencies.tenantId, t), eq(competencies.id, requireUuid(id, field))));
    if (competency === undefined) throw new NotFoundError(`${field}: no competency ${id}`);
    return competency;
  }

  async function requireGap(id: string): Promise<CompetencyGap> {
    const [gap] = await db
      .select()
      .from(competencyGaps)
      .where(and(eq(competencyGaps.tenantId, t), eq(competencyGaps.id, requireUuid(id, 'id'))));
    if (gap === undefined) throw new NotFoundError(`no competency gap ${id}`);
    return gap;
  }

  return {
    async list(filter: CompetencyFilter, page: PageRequest): Promise<KeysetPage<Competency>> {
      const rows = await db
        .select()
        .from(competencies)
        .where(
          and(
            eq(competencies.tenantId, t),
            filter.kind !== undefined ? eq(competencies.kind, filter.kind) : undefined,
            filter.search ? ilike(competencies.name, containing(filter.search)) : undefined,
            keysetAfter(competencyOrder, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(competencyOrder))
        .limit(page.first + 1);
      return keysetPageOf(competencyOrder, rows, page.first);
    },

    async byIds(ids: readonly string[]): Promise<Competency[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(competencies)
        .where(and(eq(competencies.tenantId, t), inArray(competencies.id, [...ids])));
    },

    /** The competencies a programme teaches (a handful each): not paginated. */
    async ofPrograms(programIds: readonly string[]) {
      if (programIds.length === 0) return [];
      return db
        .select({ programId: programCompetencies.programId, competency: competencies })
        .from(programCompetencies)
        .innerJoin(competencies, eq(competencies.id, programCompetencies.competencyId))
        .where(
          and(
            eq(programCompetencies.tenantId, t),
            inArray(programCompetencies.programId, [...programIds]),
          ),
        )
        .orderBy(asc(competencies.name));
    },

    /** Pages of several people's gaps the actor may see, newest first, in one query. */
    async personGapPages(
      requests: readonly (PageRequest & { personId: string })[],
    ): Promise<BatchedPage<CompetencyGap>[]> {
      return batchedPages(
        requests,
        personGapOrder,
        (request) => request.personId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(competencyGaps) })
            .from(competencyGaps)
            .where(and(personalGapVisible, eq(competencyGaps.personId, request.personId), after)),
      );
    },

    /** Gaps of positions (not of one person): the TNA's view of a jabatan, by position. */
    async positionGaps(
      filter: { position?: string; competencyId?: string },
      page: PageRequest,
    ): Promise<KeysetPage<CompetencyGap>> {
      requireRole(actor, 'reading position gaps', 'ADMIN', 'ANALYST', 'FACILITATOR');
      const rows = await db
        .select()
        .from(competencyGaps)
        .where(
          and(
            eq(competencyGaps.tenantId, t),
            isNull(competencyGaps.personId),
            filter.position !== undefined
              ? eq(competencyGaps.position, filter.position)
              : undefined,
            filter.competencyId !== undefined
              ? eq(competencyGaps.competencyId, requireUuid(filter.competencyId, 'competencyId'))
              : undefined,
            keysetAfter(positionGapOrder, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(positionGapOrder))
        .limit(page.first + 1);
      return keysetPageOf(positionGapOrder, rows, page.first);
    },

    async create(input: NewCompetency): Promise<Competency> {
      requireRole(actor, 'defining a competency', 'ADMIN');
      const name = requireText(input.name, 'name');
      try {
        const [row] = await db
          .insert(competencies)
          .values({ tenantId: t, kind: input.kind, name, description: input.description ?? null })
          .returning();
        return row!;
      } catch (error) {
        throw conflictFrom(error, { unique: `a competency named ${name} exists` });
      }
    },

    /** Changes the fields given; the others stay as they are. */
    async update(id: string, changes: Partial<NewCompetency>): Promise<Competency> {
      requireRole(actor, 'changing a competency', 'ADMIN');
      const current = await requireCompetency(id, 'id');
      const next = { ...current, ...changesOf(changes, ['kind', 'name']) };
      const name = requireText(next.name, 'name');
      try {
        const [row] = await db
          .update(competencies)
          .set({ kind: next.kind, name, description: next.description })
          .where(and(eq(competencies.tenantId, t), eq(competencies.id, current.id)))
          .returning();
        return row!;
      } catch (error) {
        throw conflictFrom(error, { unique: `a competency named ${name} exists` });
      }
    },

    /** Only a competency no programme teaches and no gap names can go. */
    async delete(id: string): Promise<string> {
      requireRole(actor, 'deleting a competency', 'ADMIN');
      const competency = await requireCompetency(id, 'id');
      try {
        await db
          .delete(competencies)
          .where(and(eq(competencies.tenantId, t), eq(competencies.id, competency.id)));
      } catch (error) {
        throw conflictFrom(error, {
          referenced: 'the competency is still taught by a programme or named by a gap',
        });
      }
      return competency.id;
    },

    /** The programme teaches exactly these competencies. */
    async setProgramCompetencies(programId: string, competencyIds: string[]) {
      requireRole(actor, "setting a programme's competencies", 'ADMIN');
      const id = requireUuid(programId, 'programId');
      const ids = [...new Set(competencyIds.map((value) => requireUuid(value, 'competencyIds')))];
      const [program] = await db
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.tenantId, t), eq(programs.id, id)));
      if (program === undefined) throw new NotFoundError(`programId: no programme ${programId}`);
      if ((await this.byIds(ids)).length !== ids.length) {
        throw new NotFoundError('competencyIds: not every id is a competency of this tenant');
      }
      await db.transaction(async (tx) => {
        await tx
          .delete(programCompetencies)
          .where(and(eq(programCompetencies.tenantId, t), eq(programCompetencies.programId, id)));
        if (ids.length > 0) {
          await tx
            .insert(programCompetencies)
            .values(ids.map((competencyId) => ({ tenantId: t, programId: id, competencyId })));
        }
      });
      return id;
    },

    async recordGap(input: NewCompetencyGap): Promise<CompetencyGap> {
      requireRole(actor, 'recording a competency gap', 'ADMIN');
      const competency = await requireCompetency(input.competencyId, 'competencyId');
      const personId = optionalUuid(input.personId, 'personId');
      if ((personId !== null ? 1 : 0) + (input.position?.trim() ? 1 : 0) !== 1) {
        throw new BadUserInputError('give either personId or position');
      }
      checkGap(input);
      if (personId !== null) {
        const [found] = await db
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.tenantId, t), eq(people.id, personId)));
        if (found === undefined) throw new NotFoundError(`personId: no person ${input.personId}`);
      }
      const [row] = await db
        .insert(competencyGaps)
        .values({
          tenantId: t,
          competencyId: competency.id,
          personId,
          position: input.position?.trim() || null,
          currentLevel: input.currentLevel,
          requiredLevel: input.requiredLevel,
          assessedOn: input.assessedOn,
        })
        .returning();
      return row!;
    },

    /** Corrects the levels or the date of a gap; whose gap it is stays. */
    async updateGap(
      id: string,
      changes: Partial<Pick<NewCompetencyGap, 'currentLevel' | 'requiredLevel' | 'assessedOn'>>,
    ): Promise<CompetencyGap> {
      requireRole(actor, 'changing a competency gap', 'ADMIN');
      const current = await requireGap(id);
      const next = {
        ...current,
        ...changesOf(changes, ['currentLevel', 'requiredLevel', 'assessedOn']),
      };
      checkGap(next);
      const [row] = await db
        .update(competencyGaps)
        .set({
          currentLevel: next.currentLevel,
          requiredLevel: next.requiredLevel,
          assessedOn: next.assessedOn,
        })
        .where(and(eq(competencyGaps.tenantId, t), eq(competencyGaps.id, current.id)))
        .returning();
      return row!;
    },

    async deleteGap(id: string): Promise<string> {
      requireRole(actor, 'deleting a competency gap', 'ADMIN');
      const gap = await requireGap(id);
      await db
        .delete(competencyGaps)
        .where(and(eq(competencyGaps.tenantId, t), eq(competencyGaps.id, gap.id)));
      return gap.id;
    },
  };
}

function requireText(value: string, field: string): string {
  if (value.trim() === '') throw new BadUserInputError(`${field}: must not be empty`);
  return value.trim();
}

function checkGap(gap: { currentLevel: number; requiredLevel: number; assessedOn: string }) {
  for (const [name, level] of [
    ['currentLevel', gap.currentLevel],
    ['requiredLevel', gap.requiredLevel],
  ] as const) {
    if (!Number.isInteger(level) || level < 0 || level > 5)
      throw new BadUserInputError(`${name}: a level from 0 to 5`);
  }
  requireLocalDate(gap.assessedOn, 'assessedOn');
}

export type CompetencyRepository = ReturnType<typeof createCompetencyRepository>;
