// The audit of erasures: who erased which person, when, and how many records of each kind
// went, so an erasure can be accounted for without keeping anything it erased. The person is
// named only by their former id and a SHA-256 of their NIP (see domain/erasure/erasePerson.ts),
// never by the NIP, name or any identifier of theirs.
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idPrimaryKey, timestamptz } from '../columns.js';
import { tenantIdColumn } from './tenants.js';

export const erasureAudit = pgTable(
  'erasure_audit',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    /** The erased person's id: no row has it any more, so no foreign key. */
    personId: uuid('person_id').notNull(),
    /** The subject of the token that erased. */
    erasedBy: text('erased_by').notNull(),
    erasedAt: timestamptz('erased_at').notNull().defaultNow(),
    /** Rows erased, by kind (statements, documents, enrollments, …). */
    counts: jsonb('counts').notNull(),
  },
  (table) => [
    // The audit, newest first (keyset on erased_at, id).
    index('erasure_audit_tenant_erased_idx').on(table.tenantId, table.erasedAt, table.id),
  ],
);

export type ErasureAuditRow = typeof erasureAudit.$inferSelect;
