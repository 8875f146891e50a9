// Face-to-face sessions of a cohort and who attended them.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { cohorts, modules } from './programs.js';
import { tenantIdColumn } from './tenants.js';

export const sessions = pgTable(
  'sessions',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    moduleId: uuid('module_id').references(() => modules.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    place: text('place'),
    onlineLink: text('online_link'),
    /** The meeting tool it is held in: `ZOOM`, `TEAMS`, `MEET` or `WEBEX`. */
    meetingProvider: text('meeting_provider'),
    /** The provider's meeting id (Zoom's number, Meet's code) or, failing that, its URL. */
    meetingId: text('meeting_id'),
    createdAt: createdAt(),
  },
  (table) => [
    index('sessions_tenant_cohort_starts_idx').on(table.tenantId, table.cohortId, table.startsAt, table.id),
    // Zoom's events name a meeting id: the sessions held in it.
    index('sessions_tenant_meeting_idx')
      .on(table.tenantId, table.meetingProvider, table.meetingId)
      .where(sql`meeting_id is not null`),
  ],
);

export const attendance = pgTable(
  'attendance',
  {
    tenantId: tenantIdColumn(),
    sessionId: uuid('session_id')
      .notNull()
      // Restrict: a session with attendance is a learning record, not deleted by accident.
      .references(() => sessions.id, { onDelete: 'restrict' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    /** `PRESENT`, `LATE`, `EXCUSED` or `ABSENT`. */
    status: text('status').notNull(),
    /** The subject of the token that recorded it. */
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
    /** `MANUAL` (recorded by hand) or `MEETING` (computed from the meeting tool). */
    source: text('source').notNull().default('MANUAL'),
    /** Minutes present in the meeting, when computed from it. */
    minutesPresent: integer('minutes_present'),
    /** The xAPI statement that recorded this status: voided when the status is replaced. */
    statementId: uuid('statement_id'),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.personId] }),
    index('attendance_tenant_person_idx').on(table.tenantId, table.personId),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
