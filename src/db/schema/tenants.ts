// A tenant is one training agency (a BPSDM, a Pusdiklat). Every learning record and every
// credential belongs to exactly one tenant.
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey } from '../columns.js';

export const tenants = pgTable('tenants', {
  id: idPrimaryKey(),
  /** Stable, URL-safe name used in tokens and the CLI, e.g. `bpsdm-jabar`. */
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export type TenantRow = typeof tenants.$inferSelect;

/** The tenant_id column of every table that belongs to one tenant. */
export const tenantIdColumn = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'restrict' });

/**
 * The tenant_id of the tables a row is written to for every statement stored (statements,
 * learning events, daily participation), as the link tables: without a foreign key,
 * whose check is a lookup per row on the busiest path (a sixth of what PostgreSQL spends
 * storing a statement, measured). The writer takes the tenant from the credential it was
 * authenticated with, and a trigger refuses to delete a tenant that still has such rows
 * (migration 0027), which is what the foreign key's RESTRICT did.
 */
export const statementTenantIdColumn = () => uuid('tenant_id').notNull();
