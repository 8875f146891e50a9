// The people of a tenant and where they work: agencies (instansi), their org units
// (OPD / unit kerja, a tree), and persons with their NIP and the xAPI identities that let
// statements from Moodle and other clients resolve to them.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { tenantIdColumn } from './tenants.js';


export const agencies = pgTable(
  'agencies',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    name: text('name').notNull(),
    /** The agency's code in SIASN (instansiId), when known. */
    siasnId: text('siasn_id'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('agencies_tenant_name_key').on(table.tenantId, table.name)],
);

export const orgUnits = pgTable(
  'org_units',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id, {
      onDelete: 'restrict',
    }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('org_units_tenant_agency_name_idx').on(
      table.tenantId,
      table.agencyId,
      table.name,
      table.id,
    ),
    index('org_units_tenant_parent_name_idx').on(
      table.tenantId,
      table.parentId,
      table.name,
      table.id,
    ),
  ],
);

export const people = pgTable(
  'people',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    /** PNS: the NIP; PPPK: the employee number. Unique in the tenant. */
    nip: text('nip').notNull(),
    /** `PNS` or `PPPK`. */
    employmentType: text('employment_type').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    /** Jabatan. */
    position: text('position'),
    /** Pangkat/golongan, e.g. `III/a`. */
    rank: text('rank'),
    /** Tempat lahir, as certificates print it. */
    birthPlace: text('birth_place'),
    /** Tanggal lahir; for a PNS also readable from the NIP, kept here for PPPK. */
    birthDate: date('birth_date', { mode: 'string' }),
    /** SIASN's id of this civil servant (pnsOrangId), when known. */
    siasnId: text('siasn_id'),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** The `sub` of this person's tokens, linking a GraphQL caller to the person. */
    subject: text('subject'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('people_tenant_nip_key').on(table.tenantId, table.nip),
    uniqueIndex('people_tenant_subject_key')
      .on(table.tenantId, table.subject)
      .where(sql`subject is not null`),
    // Keyset listing by name.
    index('people_tenant_name_id_idx').on(table.tenantId, table.name, table.id),
    index('people_tenant_org_unit_idx').on(table.tenantId, table.orgUnitId),
  ],
);

/**
 * The xAPI agents that are this person, by agent key (see xapi/statements/agentKey.ts):
 * a Moodle account (site + user id or NIP) or an mbox.
 */
export const personXapiIdentities = pgTable(
  'person_xapi_identities',
  {
    tenantId: tenantIdColumn(),
    agentKey: text('agent_key').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** `account` or `mbox`. */
    kind: text('kind').notNull(),
    /** The account's homePage; null for an mbox. */
    homePage: text('home_page'),
    /** The account name, or the mbox IRI. */
    name: text('name').notNull(),
  },
  (table) => [
    uniqueIndex('person_xapi_identities_tenant_agent_key').on(table.tenantId, table.agentKey),
    index('person_xapi_identities_person_idx').on(table.personId),
  ],
);

export type AgencyRow = typeof agencies.$inferSelect;
export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type PersonXapiIdentityRow = typeof personXapiIdentities.$inferSelect;
