// Competencies (teknis, manajerial, sosial kultural), the programmes that teach them, and
// the gaps a training needs analysis (TNA) finds for a person or a position.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey } from '../columns.js';
import { people } from './people.js';
import { programs } from './programs.js';
import { tenantIdColumn } from './tenants.js';


export const competencies = pgTable(
  'competencies',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    /** `TEKNIS`, `MANAJERIAL` or `SOSIAL_KULTURAL`. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('competencies_tenant_name_key').on(table.tenantId, table.name),
    index('competencies_tenant_name_id_idx').on(table.tenantId, table.name, table.id),
  ],
);

export const programCompetencies = pgTable(
  'program_competencies',
  {
    tenantId: tenantIdColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'restrict' }),
  },
  (table) => [primaryKey({ columns: [table.programId, table.competencyId] })],
);

export const competencyGaps = pgTable(
  'competency_gaps',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'restrict' }),
    /** The person assessed, or null for a gap of a position (jabatan). */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'restrict' }),
    position: text('position'),
    currentLevel: integer('current_level').notNull(),
    requiredLevel: integer('required_level').notNull(),
    /** The date of the TNA that found it. */
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('competency_gaps_tenant_person_idx').on(
      table.tenantId,
      table.personId,
      table.assessedOn,
      table.id,
    ),
    index('competency_gaps_tenant_position_idx')
      .on(table.tenantId, table.position, table.id)
      .where(sql`person_id is null`),
    index('competency_gaps_tenant_competency_idx').on(table.tenantId, table.competencyId),
  ],
);

export type CompetencyRow = typeof competencies.$inferSelect;
export type CompetencyGapRow = typeof competencyGaps.$inferSelect;
