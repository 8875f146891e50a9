// A tenant's agencies (instansi) and their org units (OPD / unit kerja, a tree), for one
// actor: every role of the tenant reads them, ADMIN alone writes them. A unit moves only
// within its agency and never under itself; what still has units or people is not deleted.
import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import type { JejakDb } from '../../db/client.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  textKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
import { agencies, orgUnits, type AgencyRow, type OrgUnitRow } from '../../db/schema/index.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { isUuid, optionalUuid, requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';

export type Agency = AgencyRow;
export type OrgUnit = OrgUnitRow;

export interface NewAgency {
  name: string;
  siasnId?: string | null;
}

export interface NewOrgUnit {
  agencyId: string;
  parentId?: string | null;
  name: string;
}

const agencyOrder = keysetOrder<Agency>('agencies', 'NAME', 'ASC', [
  textKey(agencies.name, (row) => row.name),
  idKey(agencies.id, (row) => row.id),
]);

const orgUnitOrder = keysetOrder<OrgUnit>('orgUnits', 'NAME', 'ASC', [
  textKey(orgUnits.name, (row) => row.name),
  idKey(orgUnits.id, (row) => row.id),
]);

export function createAgencyRepository(db: JejakDb, actor: Actor) {
  const t = actor.tenantId;
  const ofTenant = eq(agencies.tenantId, t);
  const unitsOfTenant = eq(orgUnits.tenantId, t);

  async function requireAgency(id: string, field: string): Promise<Agency> {
    const [agency] = await db
      .select()
      .from(agencies)
      .where(and(ofTenant, eq(agencies.id, requireUuid(id, field))));
    if (agency === undefined) throw new NotFoundError(`${field}: no agency ${id}`);
    return agency;
  }

  async function requireOrgUnit(id: string, field: string): Promise<OrgUnit> {
    const [unit] = await db
      .select()
      .from(orgUnits)
      .where(and(unitsOfTenant, eq(orgUnits.id, requireUuid(id, field))));
    if (unit === undefined) throw new NotFoundError(`${field}: no org unit ${id}`);
    return unit;
  }

  return {
    async list(page: PageRequest): Promise<KeysetPage<Agency>> {
      const rows = await db
        .select()
        .from(agencies)
        .where(and(ofTenant, keysetAfter(agencyOrder, page.after)))
        .orderBy(...keysetOrderBy(agencyOrder))
        .limit(page.first + 1);
      return keysetPageOf(agencyOrder, rows, page.first);
    },

    async findByIds(ids: readonly string[]): Promise<Agency[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(agencies)
        .where(and(ofTenant, inArray(agencies.id, [...ids])));
    },

    async orgUnitsByIds(ids: readonly string[]): Promise<OrgUnit[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(orgUnits)
        .where(and(unitsOfTenant, inArray(orgUnits.id, [...ids])));
    },

    /**
     * Pages of several agencies' org units by name, in one query: all of an agency's units,
     * only its top-level ones (`parentId: null`), or the children of one unit.
     */
    async orgUnitPages(
      requests: readonly (PageRequest & { agencyId: string; parentId?: string | null })[],
    ): Promise<BatchedPage<OrgUnit>[]> {
      return batchedPages(
        requests,
        orgUnitOrder,
        (request) =>
          `${request.agencyId}/${request.parentId === undefined ? 'all' : (request.parentId ?? 'top')}`,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: getTableColumns(orgUnits) })
            .from(orgUnits)
            .where(
              and(
                unitsOfTenant,
                eq(orgUnits.agencyId, request.agencyId),
                request.parentId === null
                  ? isNull(orgUnits.parentId)
                  : request.parentId !== undefined
                    ? eq(orgUnits.parentId, requireUuid(request.parentId, 'parentId'))
                    : undefined,
                after,
              ),
            ),
      );
    },

    async createAgency(input: NewAgency): Promise<Agency> {
      requireRole(actor, 'creating an agency', 'ADMIN');
      const name = requireName(input.name);
      try {
        const [row] = await db
          .insert(agencies)
          .values({ tenantId: t, name, siasnId: input.siasnId ?? null })
          .returning();
        return row!;
      } catch (error) {
        throw conflictFrom(error, { unique: `an agency named ${name} exists` });
      }
    },

    /** Changes the fields given; the others stay as they are. */
    async updateAgency(id: string, changes: Partial<NewAgency>): Promise<Agency> {
      requireRole(actor, 'changing an agency', 'ADMIN');
      const current = await requireAgency(id, 'id');
      const next = { ...current, ...changesOf(changes, ['name']) };
      const name = requireName(next.name);
      try {
        const [row] = await db
          .update(agencies)
          .set({ name, siasnId: next.siasnId })
          .where(and(ofTenant, eq(agencies.id, current.id)))
          .returning();
        return row!;
      } catch (error) {
        throw conflictFrom(error, { unique: `an agency named ${name} exists` });
      }
    },

    /** Only an agency without org units can go. */
    async deleteAgency(id: string): Promise<string> {
      requireRole(actor, 'deleting an agency', 'ADMIN');
      const agency = await requireAgency(id, 'id');
      try {
        await db.delete(agencies).where(and(ofTenant, eq(agencies.id, agency.id)));
      } catch (error) {
        throw conflictFrom(error, { referenced: 'the agency still has org units' });
      }
      return agency.id;
    },

    async createOrgUnit(input: NewOrgUnit): Promise<OrgUnit> {
      requireRole(actor, 'creating an org unit', 'ADMIN');
      const name = requireName(input.name);
      const agency = await requireAgency(input.agencyId, 'agencyId');
      const parentId = optionalUuid(input.parentId, 'parentId');
      if (parentId !== null) {
        const parent = await requireOrgUnit(parentId, 'parentId');
        if (parent.agencyId !== agency.id) {
          throw new BadUserInputError('parentId: the parent unit belongs to another agency');
        }
      }
      const [row] = await db
        .insert(orgUnits)
        .values({ tenantId: t, agencyId: agency.id, parentId, name })
        .returning();
      return row!;
    },

    /** Renames a unit or moves it under another unit of its agency (null: to the top). */
    async updateOrgUnit(
      id: string,
      changes: { name?: string; parentId?: string | null },
    ): Promise<OrgUnit> {
      requireRole(actor, 'changing an org unit', 'ADMIN');
      const current = await requireOrgUnit(id, 'id');
      const next = { ...current, ...changesOf(changes, ['name']) };
      const name = requireName(next.name);
      const parentId = optionalUuid(next.parentId, 'parentId');
      return db.transaction(async (tx) => {
        // Moves within one agency run one at a time: two moves checked side by side could
        // otherwise each pass the cycle check and together make a loop.
        await tx
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(ofTenant, eq(agencies.id, current.agencyId)))
          .for('update');
        if (parentId !== null && parentId !== current.parentId) {
          const [parent] = await tx
            .select()
            .from(orgUnits)
            .where(and(unitsOfTenant, eq(orgUnits.id, parentId)));
          if (parent === undefined) throw new NotFoundError(`parentId: no org unit ${parentId}`);
          if (parent.agencyId !== current.agencyId) {
            throw new BadUserInputError('parentId: the parent unit belongs to another agency');
          }
          // The new parent must not be the unit itself or one of its descendants.
          const [cycle] = await tx
            .select({ id: orgUnits.id })
            .from(orgUnits)
            .where(
              and(
                unitsOfTenant,
                eq(orgUnits.id, current.id),
                sql`${orgUnits.id} in (
                  with recursive ancestors(id, parent_id) as (
                    select id, parent_id from ${orgUnits} where tenant_id = ${t} and id = ${parent.id}
                    union
                    select u.id, u.parent_id from ${orgUnits} u join ancestors a on u.id = a.parent_id
                     where u.tenant_id = ${t}
                  )
                  select id from ancestors)`,
              ),
            );
          if (cycle !== undefined) {
            throw new BadUserInputError(
              'parentId: a unit cannot move under itself or its own units',
            );
          }
        }
        const [row] = await tx
          .update(orgUnits)
          .set({ name, parentId })
          .where(and(unitsOfTenant, eq(orgUnits.id, current.id)))
          .returning();
        return row!;
      });
    },

    /** Only a unit without sub-units and without people can go. */
    async deleteOrgUnit(id: string): Promise<string> {
      requireRole(actor, 'deleting an org unit', 'ADMIN');
      const unit = await requireOrgUnit(id, 'id');
      try {
        await db.delete(orgUnits).where(and(unitsOfTenant, eq(orgUnits.id, unit.id)));
      } catch (error) {
        throw conflictFrom(error, { referenced: 'the org unit still has sub-units or people' });
      }
      return unit.id;
    },
  };
}

function requireName(name: string): string {
  if (name.trim() === '') throw new BadUserInputError('name: must not be empty');
  return name.trim();
}

export type AgencyRepository = ReturnType<typeof createAgencyRepository>;
