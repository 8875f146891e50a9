// What management reads beside the learning records: outcome indicators measured per org
// unit before and after a programme (Kirkpatrick L4), the yearly learning-hours target, and
// daily participation kept as statements arrive.
import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey } from '../columns.js';
import { orgUnits } from './people.js';
import { programs } from './programs.js';
import { statementTenantIdColumn, tenantIdColumn } from './tenants.js';

export const outcomeIndicators = pgTable(
  'outcome_indicators',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** E.g. "days to draft an RKA", "procedural audit findings", "satisfaction index (IKM)". */
    name: text('name').notNull(),
    unit: text('unit'),
    /** `LOWER` or `HIGHER`: which way is better. */
    better: text('better').notNull(),
    baselineValue: doublePrecision('baseline_value').notNull(),
    baselineOn: date('baseline_on', { mode: 'string' }).notNull(),
    followUpValue: doublePrecision('follow_up_value'),
    followUpOn: date('follow_up_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('outcome_indicators_tenant_program_idx').on(
      table.tenantId,
      table.programId,
      table.orgUnitId,
      table.id,
    ),
  ],
);

/** The yearly target of learning hours (JP) and the minutes a JP counts, per tenant and year. */
export const jpTargets = pgTable(
  'jp_targets',
  {
    tenantId: tenantIdColumn(),
    year: integer('year').notNull(),
    targetJp: integer('target_jp').notNull(),
    minutesPerJp: integer('minutes_per_jp').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.year] })],
);

/**
 * One row per learner and day they took part, with their statements that day: the
 * participation trend reads days, not statements. A learner is their person once known,
 * else their agent key.
 */
export const dailyParticipation = pgTable(
  'daily_participation',
  {
    tenantId: statementTenantIdColumn(),
    day: date('day', { mode: 'string' }).notNull(),
    learner: text('learner').notNull(),
    statements: integer('statements').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.day, table.learner] })],
);

export type OutcomeIndicatorRow = typeof outcomeIndicators.$inferSelect;
export type JpTargetRow = typeof jpTargets.$inferSelect;
