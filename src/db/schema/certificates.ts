// Certificates (STTP) of completed enrollments: how each programme numbers and signs them,
// the certificates themselves with the JWS that proves them, the public keys that verify
// the JWS (served as the JWKS), and the queue a database trigger fills when an enrollment
// completes, so issuing happens once, later, whatever path completed it.
import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { enrollments, programs } from './programs.js';
import { tenantIdColumn } from './tenants.js';

/** A score band and the pass qualification (kualifikasi) it earns. */
export interface QualificationBand {
  /** Lowest mean best scaled score (0..1) of the band. */
  minScaledScore: number;
  label: string;
}

/** One programme's certificate settings; a programme without a row uses the defaults. */
export const certificateTemplates = pgTable('certificate_templates', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id, { onDelete: 'cascade' }),
  tenantId: tenantIdColumn(),
  /** E.g. `{seq:4}/STTP/BPSDM/{year}`: see domain/certificates/certificateNumber.ts. */
  numberPattern: text('number_pattern').notNull(),
  /** The next {seq} this programme hands out. */
  nextSequence: integer('next_sequence').notNull().default(1),
  /** Lembaga penyelenggara printed on the certificate; the programme's organiser if null. */
  institution: text('institution'),
  signatoryName: text('signatory_name'),
  signatoryTitle: text('signatory_title'),
  signatoryNip: text('signatory_nip'),
  /** Where the certificate is signed (e.g. `Surabaya`). */
  signedAt: text('signed_at'),
  qualificationBands: jsonb('qualification_bands').$type<QualificationBand[]>(),
});

export const certificates = pgTable(
  'certificates',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    /** Unique across tenants: the public verification URL is /certificates/{number}. */
    number: text('number').notNull(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    /** The signed certificate data, as in the JWS payload. */
    payload: jsonb('payload').notNull(),
    /** Compact JWS (EdDSA) over the payload. */
    jws: text('jws').notNull(),
    keyId: text('key_id').notNull(),
    jp: doublePrecision('jp').notNull(),
    /**
     * Printed on the certificate and in its QR code: the open check by number shows the
     * learner's details only with it (see domain/certificates/verificationCode.ts). Null for
     * certificates issued before it existed, whose check shows them as before.
     */
    verificationCode: text('verification_code'),
    issuedAt: timestamptz('issued_at').notNull().defaultNow(),
    revokedAt: timestamptz('revoked_at'),
    revocationReason: text('revocation_reason'),
    revokedBy: text('revoked_by'),
  },
  (table) => [
    uniqueIndex('certificates_number_key').on(table.number),
    // One valid certificate per enrollment; a revoked one can be replaced by a new one.
    uniqueIndex('certificates_enrollment_valid_key')
      .on(table.enrollmentId)
      .where(sql`revoked_at is null`),
    index('certificates_enrollment_idx').on(table.enrollmentId),
    index('certificates_tenant_issued_idx').on(table.tenantId, table.issuedAt, table.id),
    index('certificates_tenant_person_idx').on(table.tenantId, table.personId),
  ],
);

/** Public halves of every key certificates were signed with: the JWKS, forever. */
export const certificateSigningKeys = pgTable('certificate_signing_keys', {
  keyId: text('key_id').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: createdAt(),
});

/**
 * Completed enrollments waiting for their certificate. A trigger on enrollments writes a row
 * in the transaction that completes one (GraphQL, the learning projection, plain SQL).
 */
export const certificateQueue = pgTable(
  'certificate_queue',
  {
    enrollmentId: uuid('enrollment_id')
      .primaryKey()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    tenantId: tenantIdColumn(),
    queuedAt: timestamptz('queued_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (table) => [
    index('certificate_queue_due_idx').on(table.nextAttemptAt),
    index('certificate_queue_tenant_idx').on(table.tenantId, table.queuedAt, table.enrollmentId),
  ],
);

export type CertificateTemplateRow = typeof certificateTemplates.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type CertificateQueueRow = typeof certificateQueue.$inferSelect;
