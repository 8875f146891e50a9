// Reads and writes of a tenant's people, for one actor. The tenant and what the actor may
// see are fixed at construction and AND-ed into every query: ADMIN and ANALYST see every
// person of the tenant; everyone sees themselves; a FACILITATOR also sees the learners and
// co-facilitators of their cohorts, a LEARNER the facilitators of theirs and their mentors,
// a MENTOR their mentees.
import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  cohortFacilitators,
  enrollments,
  mentorAssignments,
  people,
  personXapiIdentities,
  type PersonRow,
  type PersonXapiIdentityRow,
} from '../../db/schema/index.js';
import { decodeCursor, keysetPage, type Page } from '../../lib/cursor.js';
import { isUuid, requireUuid } from '../../lib/uuid.js';
import { hasRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';

export type Person = PersonRow;
export type PersonXapiIdentity = PersonXapiIdentityRow;

export interface PeopleFilter {
  /** Part of the name or the NIP, case-insensitive. */
  search?: string;
  orgUnitId?: string;
}

export function createPeopleRepository(db: JejakDb, actor: Actor) {
  const me = actorPersonIds(actor);
  const inMyCohortsAs = (mine: SQL, theirs: SQL) =>
    sql`exists (select 1 from ${mine} mine join ${theirs} theirs on theirs.cohort_id = mine.cohort_id
                where mine.person_id in ${me} and theirs.person_id = ${people.id})`;
  const visible: SQL = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(people.tenantId, actor.tenantId)
    : and(
        eq(people.tenantId, actor.tenantId),
        or(
          eq(people.subject, actor.subject),
          hasRole(actor, 'FACILITATOR')
            ? or(
                inMyCohortsAs(sql`${cohortFacilitators}`, sql`${enrollments}`),
                inMyCohortsAs(sql`${cohortFacilitators}`, sql`${cohortFacilitators}`),
              )
            : undefined,
          hasRole(actor, 'LEARNER')
            ? or(
                inMyCohortsAs(sql`${enrollments}`, sql`${cohortFacilitators}`),
                sql`exists (select 1 from ${mentorAssignments} a where a.mentee_id in ${me}
                            and a.mentor_id = ${people.id})`,
              )
            : undefined,
          hasRole(actor, 'MENTOR')
            ? sql`exists (select 1 from ${mentorAssignments} a where a.mentor_id in ${me}
                          and a.mentee_id = ${people.id})`
            : undefined,
        ),
      )!;

  return {
    actor,

    async findByIds(ids: readonly string[]): Promise<Person[]> {
      ids = ids.filter(isUuid);
      if (ids.length === 0) return [];
      return db
        .select()
        .from(people)
        .where(and(visible, inArray(people.id, [...ids])));
    },

    async findByNip(nip: string): Promise<Person | undefined> {
      const [row] = await db
        .select()
        .from(people)
        .where(and(visible, eq(people.nip, nip)));
      return row;
    },

    /** The person whose tokens carry the actor's subject. */
    async findSelf(): Promise<Person | undefined> {
      const [row] = await db
        .select()
        .from(people)
        .where(and(eq(people.tenantId, actor.tenantId), eq(people.subject, actor.subject)));
      return row;
    },

    /** By name, then id: a keyset over people_tenant_name_id_idx. */
    async list(
      filter: PeopleFilter,
      page: { first: number; after?: string },
    ): Promise<Page<Person>> {
      const conditions: (SQL | undefined)[] = [visible];
      if (filter.search !== undefined && filter.search.trim() !== '') {
        const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(people.name, pattern), ilike(people.nip, pattern)));
      }
      if (filter.orgUnitId !== undefined) {
        conditions.push(eq(people.orgUnitId, requireUuid(filter.orgUnitId, 'orgUnitId')));
      }
      if (page.after !== undefined) {
        const [name, id] = decodeCursor(page.after, ['string', 'string']) as [string, string];
        conditions.push(or(gt(people.name, name), and(eq(people.name, name), gt(people.id, id))));
      }
      const rows = await db
        .select()
        .from(people)
        .where(and(...conditions))
        .orderBy(asc(people.name), asc(people.id))
        .limit(page.first + 1);
      return keysetPage(rows, page.first, (row) => [row.name, row.id]);
    },

    async identitiesOf(personIds: readonly string[]): Promise<PersonXapiIdentity[]> {
      if (personIds.length === 0) return [];
      return db
        .select()
        .from(personXapiIdentities)
        .where(
          and(
            eq(personXapiIdentities.tenantId, actor.tenantId),
            inArray(personXapiIdentities.personId, [...personIds]),
          ),
        )
        .orderBy(asc(personXapiIdentities.agentKey));
    },

    /** The people that xAPI agent keys resolve to (statements → people). */
    async findByAgentKeys(keys: readonly string[]): Promise<Map<string, Person>> {
      if (keys.length === 0) return new Map();
      const rows = await db
        .select({ key: personXapiIdentities.agentKey, person: people })
        .from(personXapiIdentities)
        .innerJoin(people, eq(people.id, personXapiIdentities.personId))
        .where(
          and(
            visible,
            eq(personXapiIdentities.tenantId, actor.tenantId),
            inArray(personXapiIdentities.agentKey, [...keys]),
          ),
        );
      return new Map(rows.map((row) => [row.key, row.person]));
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
