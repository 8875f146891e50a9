// A tenant's agencies (instansi) and their org units (OPD / unit kerja, a tree), for one
// actor: every role of the tenant reads them, ADMIN alone creates them.
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { agencies, orgUnits, type AgencyRow, type OrgUnitRow } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../db/uniqueViolation.js';
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';

export type Agency = AgencyRow;
export type OrgUnit = OrgUnitRow;

export function createAgencyRepository(db: JejakDb, actor: Actor) {
  const ofTenant = eq(agencies.tenantId, actor.tenantId);
  const unitsOfTenant = eq(orgUnits.tenantId, actor.tenantId);

  return {
    async list(page: { first: number; after?: string }): Promise<Page<Agency>> {
      const conditions = [ofTenant];
      if (page.after !== undefined) {
        const [name, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        conditions.push(
          or(gt(agencies.name, name), and(eq(agencies.name, name), gt(agencies.id, id)))!,
        );
      }
      const rows = await db
        .select()
        .from(agencies)
        .where(and(...conditions))
        .orderBy(asc(agencies.name), asc(agencies.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.name, row.id]);
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

    /** The org units of several agencies at once (for a per-request loader). */
    async orgUnitsOfAgencies(agencyIds: readonly string[]): Promise<OrgUnit[]> {
      if (agencyIds.length === 0) return [];
      return db
        .select()
        .from(orgUnits)
        .where(and(unitsOfTenant, inArray(orgUnits.agencyId, [...agencyIds])))
        .orderBy(asc(orgUnits.name), asc(orgUnits.id));
    },

    async createAgency(input: { name: string; siasnId?: string | null }): Promise<Agency> {
      requireRole(actor, 'creating an agency', 'ADMIN');
      if (input.name.trim() === '') throw new BadUserInputError('name: must not be empty');
      try {
        const [row] = await db
          .insert(agencies)
          .values({
            tenantId: actor.tenantId,
            name: input.name.trim(),
            siasnId: input.siasnId ?? null,
          })
          .returning();
        return row!;
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError(`an agency named ${input.name} exists`);
        throw error;
      }
    },

    async createOrgUnit(input: {
      agencyId: string;
      parentId?: string | null;
      name: string;
    }): Promise<OrgUnit> {
      requireRole(actor, 'creating an org unit', 'ADMIN');
      if (input.name.trim() === '') throw new BadUserInputError('name: must not be empty');
      const [agency] = await this.findByIds([requireUuid(input.agencyId, 'agencyId')]);
      if (agency === undefined) throw new NotFoundError(`agencyId: no agency ${input.agencyId}`);
      if (input.parentId) {
        const [parent] = await this.orgUnitsByIds([requireUuid(input.parentId, 'parentId')]);
        if (parent === undefined || parent.agencyId !== agency.id) {
          throw new NotFoundError(`parentId: no org unit ${input.parentId} in that agency`);
        }
      }
      const [row] = await db
        .insert(orgUnits)
        .values({
          tenantId: actor.tenantId,
          agencyId: agency.id,
          parentId: input.parentId ?? null,
          name: input.name.trim(),
        })
        .returning();
      return row!;
    },
  };
}

export type AgencyRepository = ReturnType<typeof createAgencyRepository>;
