// On-the-job coaching: mentors assigned to learners in a cohort, and their check-ins.
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey } from '../columns.js';
import { people } from './people.js';
import { cohorts } from './programs.js';
import { tenantIdColumn } from './tenants.js';

export const mentorAssignments = pgTable(
  'mentor_assignments',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    menteeId: uuid('mentee_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('mentor_assignments_key').on(table.cohortId, table.mentorId, table.menteeId),
    index('mentor_assignments_tenant_mentor_idx').on(table.tenantId, table.mentorId),
    index('mentor_assignments_tenant_mentee_idx').on(table.tenantId, table.menteeId),
    index('mentor_assignments_tenant_cohort_idx').on(
      table.tenantId,
      table.cohortId,
      table.createdAt,
      table.id,
    ),
    index('mentor_assignments_tenant_created_idx').on(table.tenantId, table.createdAt, table.id),
  ],
);

export const coachingCheckIns = pgTable(
  'coaching_check_ins',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => mentorAssignments.id, { onDelete: 'restrict' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** `IN_PERSON`, `VIDEO` or `FORUM`. */
    channel: text('channel').notNull(),
    /** Private to mentor, mentee and the cohort's facilitators. */
    notes: text('notes'),
    nextSteps: text('next_steps'),
    /** Progress on the mentee's SKP indicators, in the mentor's words. */
    skpProgress: text('skp_progress'),
    /** The mentor's rating (1–5) of how the mentee applies the learning at work (Kirkpatrick L3). */
    rating: integer('rating'),
    createdAt: createdAt(),
  },
  (table) => [
    index('coaching_check_ins_tenant_assignment_idx').on(
      table.tenantId,
      table.assignmentId,
      table.heldOn,
      table.id,
    ),
  ],
);

export type MentorAssignmentRow = typeof mentorAssignments.$inferSelect;
export type CoachingCheckInRow = typeof coachingCheckIns.$inferSelect;
