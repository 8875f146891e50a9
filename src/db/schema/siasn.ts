// SIASN training-history sync: each tenant's connection to BKN's SIASN (its base URL and
// the two tokens, encrypted), one record per completed enrollment with the training as
// SIASN's form has it and the id SIASN gave it, and every call made for a record.
//
// A dedicated queue rather than the generic outbox: SIASN is one target per tenant (not a
// list of subscribed webhooks), a record is state kept per enrollment (SIASN has no
// external key, so its rwKursusId/rwDiklatId must be kept and re-sent on every update), and
// re-queueing rebuilds the same row instead of adding messages. The worker claims one row at
// a time, just before its call, with FOR UPDATE SKIP LOCKED.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { enrollments } from './programs.js';
import { tenantIdColumn, tenants } from './tenants.js';

/** One tenant's SIASN connection; its tokens are sealed with JEJAK_SECRETS_KEY (AES-256-GCM). */
export const siasnSettings = pgTable('siasn_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** E.g. `https://apimws.bkn.go.id:8243/apisiasn/1.0`; calls go to `<baseUrl>/kursus/save`. */
  baseUrl: text('base_url').notNull(),
  /** The OAuth client-credentials access token, sealed (see lib/secretBox.ts). */
  clientTokenSealed: text('client_token_sealed').notNull(),
  /** The operator's SSO token, sealed. */
  ssoTokenSealed: text('sso_token_sealed').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  /** The `sub` of who configured it last. */
  updatedBy: text('updated_by').notNull(),
});

export const siasnRecords = pgTable(
  'siasn_records',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** `KURSUS` (POST /kursus/save) or `DIKLAT` (POST /diklat/save, structural training). */
    kind: text('kind').notNull(),
    // The training as SIASN's form has it, built when the record was (re)queued.
    nip: text('nip').notNull(),
    name: text('name').notNull(),
    pnsOrangId: text('pns_orang_id'),
    instansiId: text('instansi_id'),
    jenisDiklatId: integer('jenis_diklat_id'),
    namaKursus: text('nama_kursus').notNull(),
    institusiPenyelenggara: text('institusi_penyelenggara'),
    nomorSertipikat: text('nomor_sertipikat'),
    jumlahJam: integer('jumlah_jam').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** `PENDING` (to send), `SENT`, or `FAILED` (gave up, or SIASN cannot take it as is). */
    status: text('status').notNull().default('PENDING'),
    /** Calls since the record was last queued. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /**
     * While a worker is sending it (set just before the call, to the call's timeout and a
     * margin past it): no other worker takes it, and re-queueing never makes it due before.
     */
    claimedUntil: timestamptz('claimed_until'),
    /** The claim's own id: a worker settles the record only while this is still its claim. */
    claimToken: uuid('claim_token'),
    /** Bumped by every (re)queue: a send that started before does not overwrite the state. */
    version: integer('version').notNull().default(1),
    lastError: text('last_error'),
    /** SIASN's id of the record (mapData.rwKursusId or rwDiklatId): updates re-send it. */
    siasnRecordId: text('siasn_record_id'),
    queuedAt: timestamptz('queued_at').notNull().defaultNow(),
    sentAt: timestamptz('sent_at'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('siasn_records_enrollment_key').on(table.enrollmentId),
    // The worker's queue, per tenant that configured SIASN: due records first. Records of
    // tenants without a connection wait here untouched (the worker starts from siasn_settings).
    index('siasn_records_tenant_due_idx')
      .on(table.tenantId, table.nextAttemptAt)
      .where(sql`status = 'PENDING'`),
    // Keyset listing, newest first, all or by status.
    index('siasn_records_tenant_created_idx').on(table.tenantId, table.createdAt, table.id),
    index('siasn_records_tenant_status_created_idx').on(
      table.tenantId,
      table.status,
      table.createdAt,
      table.id,
    ),
  ],
);

export const siasnAttempts = pgTable(
  'siasn_attempts',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => siasnRecords.id, { onDelete: 'cascade' }),
    /** The record's attempt number since it was last queued. */
    attempt: integer('attempt').notNull(),
    /** `/kursus/save` or `/diklat/save`; null when no call was made (the record is incomplete). */
    endpoint: text('endpoint'),
    /** SIASN's HTTP status, or null when it was not reached. */
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: createdAt(),
  },
  (table) => [index('siasn_attempts_record_at_idx').on(table.recordId, table.at, table.id)],
);

export type SiasnSettingsRow = typeof siasnSettings.$inferSelect;
export type SiasnRecordRow = typeof siasnRecords.$inferSelect;
export type SiasnAttemptRow = typeof siasnAttempts.$inferSelect;
