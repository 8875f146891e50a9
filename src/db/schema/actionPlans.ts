// Action plans (rencana aksi): what each learner will change at work, in steps with due
// dates and evidence, reviewed by their mentor.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { cohorts } from './programs.js';
import { tenantIdColumn } from './tenants.js';


export const actionPlans = pgTable(
  'action_plans',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    goal: text('goal').notNull(),
    /** `DRAFT`, `SUBMITTED`, `APPROVED`, `IN_PROGRESS` or `DONE`. */
    status: text('status').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('action_plans_cohort_person_key').on(table.cohortId, table.personId),
    index('action_plans_tenant_person_idx').on(table.tenantId, table.personId),
    index('action_plans_tenant_cohort_idx').on(table.tenantId, table.cohortId, table.createdAt, table.id),
  ],
);

export const actionPlanSteps = pgTable(
  'action_plan_steps',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    /** `TODO`, `IN_PROGRESS` or `DONE`. */
    status: text('status').notNull(),
    evidenceLinks: text('evidence_links').array().notNull().default(sql`'{}'`),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [index('action_plan_steps_tenant_plan_idx').on(table.tenantId, table.planId, table.position)],
);

export const actionPlanReviews = pgTable(
  'action_plan_reviews',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    comment: text('comment').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('action_plan_reviews_tenant_plan_idx').on(table.tenantId, table.planId, table.createdAt)],
);

export type ActionPlanRow = typeof actionPlans.$inferSelect;
export type ActionPlanStepRow = typeof actionPlanSteps.$inferSelect;
export type ActionPlanReviewRow = typeof actionPlanReviews.$inferSelect;
