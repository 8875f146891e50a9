// Gamification: the rules that turn statements into points (a tenant-wide set, and sets of
// programmes that override it), the points each statement earned an enrollment (a ledger
// kept as statements arrive, rebuilt when rules change or statements are voided), and the
// learners who chose to stay off leaderboards. Badges are read from module progress and
// learning events; they keep no rows of their own.
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
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { enrollments, programs } from './programs.js';
import { tenantIdColumn } from './tenants.js';

/**
 * A set of point rules: the tenant's (program_id null) or one programme's. A programme with
 * a set scores by it alone; one without scores by the tenant's; a tenant without a set
 * scores by the built-in defaults (domain/gamification/pointRules.ts). An empty set scores
 * nothing.
 */
export const pointRuleSets = pgTable(
  'point_rule_sets',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    unique('point_rule_sets_tenant_program_key')
      .on(table.tenantId, table.programId)
      .nullsNotDistinct(),
  ],
);

/** Statements with this verb (and whatever else the rule asks) earn `points`. */
export const pointRules = pgTable(
  'point_rules',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => pointRuleSets.id, { onDelete: 'cascade' }),
    /** The rule's place in its set, as the admin listed them. */
    position: integer('position').notNull(),
    label: text('label'),
    verbIri: text('verb_iri').notNull(),
    /** The object's activity type (object.definition.type), when the rule names one. */
    activityType: text('activity_type'),
    /** The object's IRI starts with this, when the rule names one. */
    iriPrefix: text('iri_prefix'),
    /** `MODULE` (the object is a module itself) or `ASSESSMENT` (it is about an assessment). */
    target: text('target'),
    /** The statement's result must be a pass (true) or a fail (false). */
    success: boolean('success'),
    /** The statement's scaled score must be at least this. */
    minScaledScore: doublePrecision('min_scaled_score'),
    /** Scores once per enrollment and activity (the first statement stored), not every time. */
    oncePerActivity: boolean('once_per_activity').notNull(),
    points: integer('points').notNull(),
  },
  (table) => [index('point_rules_set_position_idx').on(table.ruleSetId, table.position)],
);

/**
 * The points one statement earned one enrollment by one rule. Written with the statement's
 * learning event; an enrollment's rows are rewritten when one of its statements is voided
 * or its events are re-attached, and a programme's when the rules it scores by change.
 * rule_id has no foreign key: the built-in default rules have no rows.
 */
export const pointAwards = pgTable(
  'point_awards',
  {
    tenantId: tenantIdColumn(),
    /** The learning event's (and statement's) seq. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    ruleId: uuid('rule_id').notNull(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    /** For a once-per-activity rule, the activity (assessment, module or object IRI). */
    activity: text('activity'),
    points: integer('points').notNull(),
    /** The statement's timestamp. */
    earnedAt: timestamptz('earned_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.seq, table.ruleId] }),
    // Once per enrollment, rule and activity: a later statement about it earns nothing.
    uniqueIndex('point_awards_once_key')
      .on(table.enrollmentId, table.ruleId, table.activity)
      .where(sql`activity is not null`),
    // An enrollment's points (leaderboards sum a cohort's enrollments through it).
    index('point_awards_tenant_enrollment_idx').on(
      table.tenantId,
      table.enrollmentId,
      table.points,
      table.earnedAt,
    ),
  ],
);

/** People who asked to be left off leaderboards (they still see their own points). */
export const leaderboardOptOuts = pgTable(
  'leaderboard_opt_outs',
  {
    tenantId: tenantIdColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    optedOutAt: timestamptz('opted_out_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.personId] })],
);

export type PointRuleSetRow = typeof pointRuleSets.$inferSelect;
export type PointRuleRow = typeof pointRules.$inferSelect;
export type PointAwardRow = typeof pointAwards.$inferSelect;
