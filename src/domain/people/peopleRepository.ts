// Reads and writes of a tenant's people, for one actor. The tenant and what the actor may
// see are fixed at construction and AND-ed into every query: ADMIN and ANALYST see every
// person of the tenant; everyone sees themselves; a FACILITATOR also sees the learners and
// co-facilitators of their cohorts, a LEARNER the facilitators of theirs and their mentors,
// a MENTOR their mentees.
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
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
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  textKey,
  type KeysetPage,
  type ListOrder,
  type PageRequest,
} from '../../db/keyset.js';
import { containing } from '../../db/like.js';
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

export const personOrderFields = ['NAME', 'NIP'] as const;
export type PersonOrderField = (typeof personOrderFields)[number];

function personOrder({ field, direction }: ListOrder<PersonOrderField>) {
  // The NIP is unique in the tenant: it needs no id to break ties.
  return field === 'NIP'
    ? keysetOrder<Person>('people', field, direction, [textKey(people.nip, (row) => row.nip)])
    : keysetOrder<Person>('people', field, direction, [
        textKey(people.name, (row) => row.name),
        idKey(people.id, (row) => row.id),
      ]);
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

    /** By name (people_tenant_name_id_idx) or by NIP (people_tenant_nip_key). */
    async list(
      filter: PeopleFilter,
      order: ListOrder<PersonOrderField>,
      page: PageRequest,
    ): Promise<KeysetPage<Person>> {
      const sorted = personOrder(order);
      const search = filter.search?.trim();
      const rows = await db
        .select()
        .from(people)
        .where(
          and(
            visible,
            search
              ? or(ilike(people.name, containing(search)), ilike(people.nip, containing(search)))
              : undefined,
            filter.orgUnitId !== undefined
              ? eq(people.orgUnitId, requireUuid(filter.orgUnitId, 'orgUnitId'))
              : undefined,
            keysetAfter(sorted, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(sorted))
        .limit(page.first + 1);
      return keysetPageOf(sorted, rows, page.first);
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
