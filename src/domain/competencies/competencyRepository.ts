// Competencies and training-needs gaps, for one actor. Competencies are the tenant's
// catalogue (every role reads them, ADMIN defines them and links them to programmes).
// Gaps are personal: ADMIN and ANALYST see all, a person their own; ADMIN records them.
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  competencies,
  competencyGaps,
  people,
  programCompetencies,
  programs,
  type CompetencyGapRow,
  type CompetencyRow,
} from '../../db/schema/index.js';
import { isUniqueViolation } from '../../db/uniqueViolation.js';
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';

export type Competency = CompetencyRow;
export type CompetencyGap = CompetencyGapRow;
export const competencyKinds = ['TEKNIS', 'MANAJERIAL', 'SOSIAL_KULTURAL'] as const;

export function createCompetencyRepository(db: JejakDb, actor: Actor) {
  const t = actor.tenantId;
  const gapVisible: SQL = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(competencyGaps.tenantId, t)
    : and(
        eq(competencyGaps.tenantId, t),
        sql`${competencyGaps.personId} in ${actorPersonIds(actor)}`,
      )!;

  return {
    async list(page: { first: number; after?: string }, kind?: string): Promise<Page<Competency>> {
      const conditions: (SQL | undefined)[] = [eq(competencies.tenantId, t)];
      if (kind !== undefined) conditions.push(eq(competencies.kind, kind));
      if (page.after !== undefined) {
        const [name, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        conditions.push(
          or(
            gt(competencies.name, name),
            and(eq(competencies.name, name), gt(competencies.id, id)),
          ),
        );
      }
      const rows = await db
        .select()
        .from(competencies)
        .where(and(...conditions))
        .orderBy(asc(competencies.name), asc(competencies.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.name, row.id]);
    },

    async byIds(ids: readonly string[]): Promise<Competency[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(competencies)
        .where(and(eq(competencies.tenantId, t), inArray(competencies.id, [...ids])));
    },

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

    async gapsOfPeople(personIds: readonly string[]): Promise<CompetencyGap[]> {
      if (personIds.length === 0) return [];
      return db
        .select()
        .from(competencyGaps)
        .where(and(gapVisible, inArray(competencyGaps.personId, [...personIds])))
        .orderBy(asc(competencyGaps.assessedOn), asc(competencyGaps.id));
    },

    /** Gaps of positions (not of one person): the TNA's view of a jabatan. */
    async positionGaps(): Promise<CompetencyGap[]> {
      requireRole(actor, 'reading position gaps', 'ADMIN', 'ANALYST', 'FACILITATOR');
      return db
        .select()
        .from(competencyGaps)
        .where(and(eq(competencyGaps.tenantId, t), isNull(competencyGaps.personId)))
        .orderBy(asc(competencyGaps.position), asc(competencyGaps.id))
        .limit(500);
    },

    async create(input: {
      kind: (typeof competencyKinds)[number];
      name: string;
      description?: string | null;
    }) {
      requireRole(actor, 'defining a competency', 'ADMIN');
      if (input.name.trim() === '') throw new BadUserInputError('name: must not be empty');
      try {
        const [row] = await db
          .insert(competencies)
          .values({
            tenantId: t,
            kind: input.kind,
            name: input.name.trim(),
            description: input.description ?? null,
          })
          .returning();
        return row!;
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError(`a competency named ${input.name} exists`);
        throw error;
      }
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

    async recordGap(input: {
      competencyId: string;
      personId?: string | null;
      position?: string | null;
      currentLevel: number;
      requiredLevel: number;
      assessedOn: string;
    }): Promise<CompetencyGap> {
      requireRole(actor, 'recording a competency gap', 'ADMIN');
      const [competency] = await this.byIds([requireUuid(input.competencyId, 'competencyId')]);
      if (competency === undefined)
        throw new NotFoundError(`competencyId: no competency ${input.competencyId}`);
      if ((input.personId ? 1 : 0) + (input.position ? 1 : 0) !== 1) {
        throw new BadUserInputError('give either personId or position');
      }
      for (const [name, level] of [
        ['currentLevel', input.currentLevel],
        ['requiredLevel', input.requiredLevel],
      ] as const) {
        if (!Number.isInteger(level) || level < 0 || level > 5)
          throw new BadUserInputError(`${name}: a level from 0 to 5`);
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.assessedOn))
        throw new BadUserInputError('assessedOn: a date YYYY-MM-DD');
      if (input.personId) {
        const [found] = await db
          .select({ id: people.id })
          .from(people)
          .where(
            and(eq(people.tenantId, t), eq(people.id, requireUuid(input.personId, 'personId'))),
          );
        if (found === undefined) throw new NotFoundError(`personId: no person ${input.personId}`);
      }
      const [row] = await db
        .insert(competencyGaps)
        .values({
          tenantId: t,
          competencyId: competency.id,
          personId: input.personId ?? null,
          position: input.position ?? null,
          currentLevel: input.currentLevel,
          requiredLevel: input.requiredLevel,
          assessedOn: input.assessedOn,
        })
        .returning();
      return row!;
    },
  };
}

export type CompetencyRepository = ReturnType<typeof createCompetencyRepository>;
