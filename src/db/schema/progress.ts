// Learning progress kept as learners act, not recomputed on each read: one row per
// enrollment and module once the learner has done anything in it (see
// domain/progress/moduleProgress.ts for the rules).
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../columns.js';
import { enrollments, modules } from './programs.js';
import { tenantIdColumn } from './tenants.js';

export const moduleProgress = pgTable(
  'module_progress',
  {
    tenantId: tenantIdColumn(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'restrict' }),
    startedAt: timestamptz('started_at').notNull(),
    completedAt: timestamptz('completed_at'),
    /** True once passed, false when only failed, null when nothing was graded pass/fail. */
    success: boolean('success'),
    /** The best score, scaled to 0..1. */
    bestScaledScore: doublePrecision('best_scaled_score'),
    /** The sum of the durations statements about the module report. */
    timeSpentSeconds: integer('time_spent_seconds').notNull().default(0),
    lastActivityAt: timestamptz('last_activity_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.enrollmentId, table.moduleId] }),
    // A module's progress across its cohorts (dashboards).
    index('module_progress_tenant_module_idx').on(table.tenantId, table.moduleId),
  ],
);

export type ModuleProgressRow = typeof moduleProgress.$inferSelect;
