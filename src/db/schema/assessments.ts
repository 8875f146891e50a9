// Assessments of a programme's modules and the results learners obtain in them.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { cohorts, modules } from './programs.js';
import { tenantIdColumn } from './tenants.js';

export const assessments = pgTable(
  'assessments',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    /** PRE_TEST, POST_TEST, FORMATIVE_QUIZ, PERFORMANCE_TASK, ROLE_PLAY, PEER_ASSESSMENT, REACTION_SURVEY. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    maxScore: doublePrecision('max_score').notNull(),
    passingScore: doublePrecision('passing_score'),
    activityIris: text('activity_iris').array().notNull().default(sql`'{}'`),
  },
  (table) => [
    index('assessments_tenant_module_idx').on(table.tenantId, table.moduleId),
    // Statements resolve to assessments by their activity IRIs.
    index('assessments_activity_iris_idx').using('gin', table.activityIris),
  ],
);

export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'restrict' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    score: doublePrecision('score').notNull(),
    passed: boolean('passed'),
    /** Who assessed (a facilitator, or a peer in a peer assessment). */
    assessorId: uuid('assessor_id').references(() => people.id, { onDelete: 'restrict' }),
    attempt: integer('attempt').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
    /** The xAPI statement that records the result now (voided and replaced on a correction). */
    statementId: uuid('statement_id'),
    /** When the score was last corrected, if ever. */
    correctedAt: timestamptz('corrected_at'),
  },
  (table) => [
    uniqueIndex('assessment_results_attempt_key').on(
      table.tenantId,
      table.assessmentId,
      table.personId,
      table.attempt,
    ),
    // An assessment's results, newest first (keyset on recorded_at, id).
    index('assessment_results_tenant_assessment_idx').on(
      table.tenantId,
      table.assessmentId,
      table.recordedAt,
      table.id,
    ),
    // A person's results in a cohort, newest first (an enrollment's results).
    index('assessment_results_tenant_person_cohort_idx').on(
      table.tenantId,
      table.personId,
      table.cohortId,
      table.recordedAt,
      table.id,
    ),
  ],
);

export type AssessmentRow = typeof assessments.$inferSelect;
export type AssessmentResultRow = typeof assessmentResults.$inferSelect;
