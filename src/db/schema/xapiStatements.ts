// The Statement resource's storage: each statement as stored JSON with the columns its
// queries filter on, link tables from statement to agents and to activities (so every xAPI
// filter is one index range scan), attachment contents, and activity definitions merged
// from statements.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  uniqueIndex,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../columns.js';
import { statementTenantIdColumn, tenantIdColumn } from './tenants.js';

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const xapiStatements = pgTable(
  'xapi_statements',
  {
    tenantId: statementTenantIdColumn(),
    /**
     * The stored sequence: statements of one tenant are written under one lock, so a higher
     * seq never has an earlier `stored`, and keyset cursors and `since`/`until` become ranges.
     */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    id: uuid('id').notNull(),
    /** The statement exactly as the LRS serves it in the `exact` format. */
    payload: json('payload').notNull(),
    verbIri: text('verb_iri').notNull(),
    registration: uuid('registration'),
    stored: timestamptz('stored').notNull(),
    voided: boolean('voided').notNull().default(false),
    /** Set on a voiding statement: the id of the statement it voids. */
    voidsId: uuid('voids_id'),
    /** The object's statement id when the object is a StatementRef (voiding or not). */
    objectStatementId: uuid('object_statement_id'),
    /**
     * Who wrote it, for the statements/read/mine scope. No foreign key, for the reason
     * given at statementTenantIdColumn; a trigger refuses to delete a credential that wrote
     * statements.
     */
    credentialId: uuid('credential_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.seq] }),
    uniqueIndex('xapi_statements_tenant_id_key').on(table.tenantId, table.id),
    index('xapi_statements_tenant_verb_seq_idx').on(table.tenantId, table.verbIri, table.seq),
    index('xapi_statements_tenant_registration_seq_idx')
      .on(table.tenantId, table.registration, table.seq)
      .where(sql`registration is not null`),
    // No index on `stored`: `stored` never decreases as `seq` grows within a tenant, so the
    // statements stored by an instant end at a sequence number that the function
    // xapi_last_seq_stored_by finds by bisection over the primary key (migration 0030).
    index('xapi_statements_tenant_credential_seq_idx').on(
      table.tenantId,
      table.credentialId,
      table.seq,
    ),
    index('xapi_statements_tenant_voids_idx')
      .on(table.tenantId, table.voidsId)
      .where(sql`voids_id is not null`),
    // The statements that target a given statement: found when that target arrives.
    index('xapi_statements_tenant_object_statement_idx')
      .on(table.tenantId, table.objectStatementId)
      .where(sql`object_statement_id is not null`),
  ],
);

/**
 * Each tenant's newest stored sequence and `stored` time, moved forward by the batch that
 * stores statements, under the tenant's write lock. Writers read `stored` from here and
 * readers their consistency mark, in one primary-key lookup: a max() over the tenant's
 * statements is only cheap while the planner's statistics know how many it has, and a
 * tenant filled by an import outgrows them at once.
 */
export const xapiStatementClocks = pgTable('xapi_statement_clocks', {
  tenantId: tenantIdColumn().primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastStored: timestamptz('last_stored').notNull(),
  /**
   * The tenant's last sequence number stored while statements still had a link row for
   * their authority (migration 0032): `related_agents` finds those through the row, and
   * reads a credential's statements as its authority's only after it (see queryStatements).
   */
  authorityLinksThrough: bigint('authority_links_through', { mode: 'number' })
    .notNull()
    .default(0),
});

/**
 * One row per (statement, agent): `roles` lists every place the agent appears
 * (actor, object, instructor, team, context_agent, context_group, member, and the same
 * inside a SubStatement prefixed `sub_`; not the authority, see statementRows.ts).
 * `direct` is true when the agent is the statement's own actor or object: what the `agent`
 * filter matches; `related_agents` matches any row. The verb is repeated so agent + verb is
 * one index range scan.
 */
export const xapiStatementAgents = pgTable(
  'xapi_statement_agents',
  {
    tenantId: uuid('tenant_id').notNull(),
    agentKey: text('agent_key').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    verbIri: text('verb_iri').notNull(),
    direct: boolean('direct').notNull(),
    roles: text('roles').array().notNull(),
  },
  (table) => [
    // Direct rows and the others as two ranges of one key, each in stored order: the `agent`
    // filter reads the first, `related_agents` merges both (see queryStatements.ts). A
    // separate index of the direct rows cost every actor row a third index entry.
    primaryKey({ columns: [table.tenantId, table.agentKey, table.direct, table.seq] }),
    index('xapi_statement_agents_direct_verb_idx')
      .on(table.tenantId, table.agentKey, table.verbIri, table.seq)
      .where(sql`direct`),
  ],
);

/**
 * One row per (statement, activity), as for agents: `direct` marks the statement's own
 * object (the `activity` filter); `related_activities` matches any row (parent, grouping,
 * category, other, and the same inside a SubStatement).
 */
export const xapiStatementActivities = pgTable(
  'xapi_statement_activities',
  {
    tenantId: uuid('tenant_id').notNull(),
    activityIri: text('activity_iri').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    verbIri: text('verb_iri').notNull(),
    direct: boolean('direct').notNull(),
    roles: text('roles').array().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.activityIri, table.direct, table.seq] }),
    index('xapi_statement_activities_direct_verb_idx')
      .on(table.tenantId, table.activityIri, table.verbIri, table.seq)
      .where(sql`direct`),
  ],
);

/**
 * What a statement that targets another by StatementRef inherits from its target for the
 * filter rule of xAPI Communication 2.1.3: one row per key each statement down the chain
 * (its target, the target's target, …) matches: `agent:<key>`, `activity:<iri>`, `verb:<iri>`,
 * `registration:<uuid>`, with `direct` as in the link tables. Written when the referring
 * statement or, later, its target is stored, so a filter finds referring statements with
 * one index range scan too.
 */
export const xapiStatementTargetKeys = pgTable(
  'xapi_statement_target_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: text('key').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /**
     * Which statement of the chain below has this key itself: a filter matches through a
     * reference only when one statement of the chain has every key it asks for.
     */
    sourceSeq: bigint('source_seq', { mode: 'number' }).notNull(),
    direct: boolean('direct').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.key, table.seq, table.sourceSeq] }),
    // What a statement inherited, for the statements that refer to it in turn.
    index('xapi_statement_target_keys_seq_idx').on(table.tenantId, table.seq),
  ],
);

/**
 * Which statement cites which attachment content: one row per statement and SHA-2 of its
 * `attachments`. Erasure keeps a content while another statement still cites it, and finds
 * out here instead of reading the attachments of every statement of the tenant.
 */
export const xapiStatementAttachments = pgTable(
  'xapi_statement_attachments',
  {
    tenantId: uuid('tenant_id').notNull(),
    sha2: text('sha2').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.sha2, table.seq] })],
);

/** Attachment contents, stored once per SHA-2 per tenant however many statements cite them. */
export const xapiAttachments = pgTable(
  'xapi_attachments',
  {
    tenantId: tenantIdColumn(),
    sha2: text('sha2').notNull(),
    contentType: text('content_type').notNull(),
    length: integer('length').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.sha2] })],
);

/**
 * The canonical definition of each activity the tenant's statements mention, merged from
 * every statement that defined it (language maps merged key by key, the latest wins).
 */
export const xapiActivities = pgTable(
  'xapi_activities',
  {
    tenantId: tenantIdColumn(),
    iri: text('iri').notNull(),
    definition: jsonb('definition'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.iri] })],
);

export type XapiStatementRow = typeof xapiStatements.$inferSelect;
