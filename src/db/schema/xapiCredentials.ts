// xAPI Basic-auth credentials. The secret is stored only as a scrypt hash.
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { tenantIdColumn } from './tenants.js';

export const xapiCredentials = pgTable(
  'xapi_credentials',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    /** The Basic-auth user name; unique across tenants because it identifies the tenant. */
    key: text('key').notNull().unique(),
    /** `scrypt$N$r$p$salt$hash` (base64url), see src/auth/secretHash.ts. */
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (table) => [
    // Keyset listing of a tenant's credentials, newest first.
    index('xapi_credentials_tenant_created_idx').on(table.tenantId, table.createdAt, table.id),
  ],
);

export type XapiCredentialRow = typeof xapiCredentials.$inferSelect;
