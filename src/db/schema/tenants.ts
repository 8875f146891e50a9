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
