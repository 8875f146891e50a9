// What each stored statement says a learner did, resolved to Jejak's records: the person
// (through their xAPI identities), the enrollment and the module or assessment. One row per
// statement whose actor is an Agent, written in the statement's own transaction. Progress
// and the per-enrollment counters are kept from these rows, and recomputed from them when a
// statement is voided or an actor becomes known.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../columns.js';
import { statementTenantIdColumn, tenantIdColumn } from './tenants.js';

export const learningEvents = pgTable(
  'learning_events',
  {
    tenantId: statementTenantIdColumn(),
    statementId: uuid('statement_id').notNull(),
    /**
     * The statement's stored sequence, which keys the row (as it keys the statement): it only
     * grows, so each insert lands at the end of the primary key rather than at a random page
     * of it, as a key of statement ids would. Timelines page on it too.
     */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The actor's agent key (see xapi/statements/agentKey.ts). */
    agentKey: text('agent_key').notNull(),
    /** Null while no person of the tenant has the actor's identity. */
    personId: uuid('person_id'),
    registration: uuid('registration'),
    enrollmentId: uuid('enrollment_id'),
    moduleId: uuid('module_id'),
    assessmentId: uuid('assessment_id'),
    /** The statement's object is the module itself (not a part of it such as an attempt). */
    direct: boolean('direct').notNull().default(false),
    verbIri: text('verb_iri').notNull(),
    /** Takes part in learning (false for voiding, absence, unregistering…). */
    takesPart: boolean('takes_part').notNull(),
    completes: boolean('completes').notNull(),
    scaled: doublePrecision('scaled'),
    success: boolean('success'),
    durationSeconds: integer('duration_seconds').notNull().default(0),
    /** `post` or `reply` for forum activity. */
    forum: text('forum'),
    /** The statement's timestamp: when the learner acted. */
    occurredAt: timestamptz('occurred_at').notNull(),
    voided: boolean('voided').notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.seq] }),
    // A person's timeline, newest first. Only events of a person: an actor no person has yet
    // is found by the index below, and every event pays for one of the two, not both.
    index('learning_events_tenant_person_seq_idx')
      .on(table.tenantId, table.personId, table.seq)
      .where(sql`person_id is not null`),
    // (Recomputing an enrollment reads its person's timeline: every index here is paid for on
    // every statement stored, so there is none by enrollment.)
    // An assessment's scores across its cohorts (evaluation: surveys, pre- and post-tests);
    // only the events with a score, which most of a quiz's statements have not.
    index('learning_events_tenant_assessment_idx')
      .on(table.tenantId, table.assessmentId)
      .where(sql`assessment_id is not null and scaled is not null`),
    // Actors no person has yet: listed for an admin, and back-filled when one does.
    index('learning_events_tenant_unknown_agent_idx')
      .on(table.tenantId, table.agentKey, table.seq)
      .where(sql`person_id is null`),
  ],
);

/** Per-enrollment figures kept as statements arrive (dashboards, at-risk rules). */
export const enrollmentActivity = pgTable(
  'enrollment_activity',
  {
    tenantId: tenantIdColumn(),
    enrollmentId: uuid('enrollment_id').notNull(),
    statements: integer('statements').notNull().default(0),
    forumPosts: integer('forum_posts').notNull().default(0),
    forumReplies: integer('forum_replies').notNull().default(0),
    timeSpentSeconds: integer('time_spent_seconds').notNull().default(0),
    lastActivityAt: timestamptz('last_activity_at'),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.enrollmentId] })],
);

export type LearningEventRow = typeof learningEvents.$inferSelect;
export type EnrollmentActivityRow = typeof enrollmentActivity.$inferSelect;

/**
 * Per tenant, two numbers that change (from a sequence, so never to a value used before, even
 * after a rollback) in the same transaction as anything statements resolve through: `people`
 * with xAPI identities, NIPs, enrollments and cohorts' programmes, registrations and dates;
 * `catalogue` with the activity IRIs of programmes, modules and assessments, and sessions.
 * Triggers keep them (migration 0016): a writer cannot forget. The learning projection
 * caches what it resolved under these numbers and trusts the cache only while they are the
 * same (domain/learningRecords/resolutionCache.ts).
 */
export const resolutionVersions = pgTable('resolution_versions', {
  tenantId: tenantIdColumn().primaryKey(),
  people: bigint('people', { mode: 'number' }).notNull().default(0),
  catalogue: bigint('catalogue', { mode: 'number' }).notNull().default(0),
});
