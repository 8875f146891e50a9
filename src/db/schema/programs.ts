// Programmes of the tenant: a programme (diklat) with its modules in three phases, run in
// cohorts (angkatan) with facilitators, and the enrollments of people in cohorts.
import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { tenantIdColumn } from './tenants.js';


export const programs = pgTable(
  'programs',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    title: text('title').notNull(),
    description: text('description'),
    /** `KLASIKAL` or `NONKLASIKAL`: not derivable from the SIASN id. */
    learningKind: text('learning_kind').notNull(),
    /** SIASN's jenisDiklatId (1–25). */
    siasnJenisDiklatId: integer('siasn_jenis_diklat_id'),
    organiser: text('organiser'),
    /** Jam pelajaran the programme is worth (1 JP = 45 minutes). */
    totalJp: integer('total_jp').notNull(),
    /** `DRAFT`, `OPEN`, `RUNNING` or `CLOSED`. */
    status: text('status').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** xAPI activity IRIs that are the programme, e.g. its course in Moodle. */
    activityIris: text('activity_iris').array().notNull().default(sql`'{}'`),
    /** At risk: a best score under this (scaled 0..1) in a graded module. */
    riskScoreThreshold: doublePrecision('risk_score_threshold').notNull().default(0.6),
    /** At risk: no activity for this many days. */
    riskInactiveDays: integer('risk_inactive_days').notNull().default(7),
    /** Coaching check-ins are planned this many days apart. */
    checkInIntervalDays: integer('check_in_interval_days').notNull().default(14),
    /** Virtual sessions: late when the first join is more than this many minutes after the start. */
    attendanceGraceMinutes: integer('attendance_grace_minutes').notNull().default(10),
    /** Virtual sessions: absent when present for less than this share (0..1) of the session. */
    attendanceMinShare: doublePrecision('attendance_min_share').notNull().default(0.75),
    createdAt: createdAt(),
  },
  (table) => [
    index('programs_tenant_title_id_idx').on(table.tenantId, table.title, table.id),
    index('programs_activity_iris_idx').using('gin', table.activityIris),
    index('programs_tenant_created_id_idx').on(table.tenantId, table.createdAt, table.id),
  ],
);

export const modules = pgTable(
  'modules',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** `ONLINE_SELF_PACED`, `FACE_TO_FACE` or `ON_THE_JOB`. */
    phase: text('phase').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    expectedMinutes: integer('expected_minutes').notNull(),
    /** Days after the cohort's start by which the module is due. */
    dueOffsetDays: integer('due_offset_days'),
    mediaKinds: text('media_kinds').array().notNull().default(sql`'{}'`),
    /** xAPI activity IRIs that are this module in statements (e.g. the Moodle module URL). */
    activityIris: text('activity_iris').array().notNull().default(sql`'{}'`),
  },
  (table) => [
    index('modules_tenant_program_position_idx').on(table.tenantId, table.programId, table.position),
    // Statements resolve to modules by their activity IRIs.
    index('modules_activity_iris_idx').using('gin', table.activityIris),
  ],
);

export const cohorts = pgTable(
  'cohorts',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    capacity: integer('capacity'),
    /** Where the cohort is held (tempat), as certificates print it. */
    location: text('location'),
    /** The xAPI registration of everything learned in this cohort. */
    registration: uuid('registration').notNull().defaultRandom(),
    createdAt: createdAt(),
  },
  (table) => [
    index('cohorts_tenant_program_start_idx').on(
      table.tenantId,
      table.programId,
      table.startDate,
      table.id,
    ),
    // The tenant's cohorts by start date or by name, whatever their programme.
    index('cohorts_tenant_start_idx').on(table.tenantId, table.startDate, table.id),
    index('cohorts_tenant_name_idx').on(table.tenantId, table.name, table.id),
  ],
);

export const cohortFacilitators = pgTable(
  'cohort_facilitators',
  {
    tenantId: tenantIdColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
  },
  (table) => [
    primaryKey({ columns: [table.cohortId, table.personId] }),
    index('cohort_facilitators_person_idx').on(table.tenantId, table.personId),
  ],
);

export const enrollments = pgTable(
  'enrollments',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    /** `INVITED`, `ACTIVE`, `COMPLETED`, `WITHDRAWN` or `FAILED`. */
    status: text('status').notNull(),
    enrolledAt: timestamptz('enrolled_at').notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date', precision: 3 }),
  },
  (table) => [
    uniqueIndex('enrollments_cohort_person_key').on(table.cohortId, table.personId),
    // A cohort's enrollments in a keyset (enrolled_at, id); a person's enrollments.
    index('enrollments_tenant_cohort_idx').on(table.tenantId, table.cohortId, table.enrolledAt, table.id),
    index('enrollments_tenant_person_idx').on(table.tenantId, table.personId),
  ],
);

export type ProgramRow = typeof programs.$inferSelect;
export type ModuleRow = typeof modules.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;
