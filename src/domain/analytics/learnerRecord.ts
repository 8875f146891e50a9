// One person's learning record: their statements as a timeline (newest first, as resolved
// to modules and cohorts), and their learning hours (JP) per year against the tenant's
// target. Read by ADMIN and ANALYST, the person, the facilitators of a cohort they are in,
// and their mentors. The yearly target is set by ADMIN.
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  cohortFacilitators,
  cohorts,
  enrollments,
  jpTargets,
  learningEvents,
  mentorAssignments,
  people,
  programs,
  xapiStatements,
  type LearningEventRow,
} from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import type { KeysetPage, PageRequest } from '../../db/keyset.js';
import type { JsonObject } from '../../xapi/statements/xapiJson.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import { defaultJpSettings, jpYear, type JpSettings, type JpYear } from './jpLedger.js';

export interface TimelineEntry extends LearningEventRow {
  /** The statement as the LRS serves it (`exact`). */
  statement: JsonObject;
}

export function createLearnerRecords(db: JejakDb, actor: Actor) {
  const t = actor.tenantId;
  const me = actorPersonIds(actor);

  /** The person, if the actor may read their record. */
  async function personFor(personId: string) {
    const id = requireUuid(personId, 'personId');
    const facilitates = sql`exists (
      select 1 from ${enrollments} e join ${cohortFacilitators} f on f.cohort_id = e.cohort_id
      where e.person_id = ${people.id} and f.person_id in ${me})`;
    const mentors = sql`exists (
      select 1 from ${mentorAssignments} a where a.mentee_id = ${people.id} and a.mentor_id in ${me})`;
    const mayRead = hasRole(actor, 'ADMIN', 'ANALYST')
      ? undefined
      : or(
          sql`${people.id} in ${me}`,
          hasRole(actor, 'FACILITATOR') ? facilitates : undefined,
          hasRole(actor, 'MENTOR') ? mentors : undefined,
        );
    const [person] = await db
      .select()
      .from(people)
      .where(and(eq(people.tenantId, t), eq(people.id, id), mayRead));
    if (person === undefined)
      throw new NotFoundError(`personId: no person ${personId} whose record you may read`);
    return person;
  }

  async function settingsOf(years: number[]): Promise<Map<number, JpSettings>> {
    const rows =
      years.length === 0
        ? []
        : await db
            .select()
            .from(jpTargets)
            .where(and(eq(jpTargets.tenantId, t), inArray(jpTargets.year, years)));
    return new Map(
      rows.map((row) => [row.year, { targetJp: row.targetJp, minutesPerJp: row.minutesPerJp }]),
    );
  }

  return {
    /** The person's statements, newest first (voided ones left out). */
    async timeline(personId: string, page: PageRequest): Promise<KeysetPage<TimelineEntry>> {
      const person = await personFor(personId);
      const scope = `timeline@${person.id}`;
      let afterSeq: number | undefined;
      if (page.after !== undefined) {
        const [name, seq] = decodeCursor(page.after, ['string', 'number']);
        if (name !== scope || !Number.isSafeInteger(seq)) {
          throw new BadUserInputError("the cursor is not one of this person's timeline");
        }
        afterSeq = seq as number;
      }
      const rows = await db
        .select({ event: learningEvents, statement: xapiStatements.payload })
        .from(learningEvents)
        .innerJoin(
          xapiStatements,
          and(
            eq(xapiStatements.tenantId, learningEvents.tenantId),
            eq(xapiStatements.seq, learningEvents.seq),
          ),
        )
        .where(
          and(
            eq(learningEvents.tenantId, t),
            eq(learningEvents.personId, person.id),
            eq(learningEvents.voided, false),
            afterSeq === undefined ? undefined : sql`${learningEvents.seq} < ${afterSeq}`,
          ),
        )
        .orderBy(desc(learningEvents.seq))
        .limit(page.first + 1);
      const items = rows
        .slice(0, page.first)
        .map((row) => ({ ...row.event, statement: row.statement as JsonObject }));
      return {
        items,
        cursors: items.map((item) => encodeCursor([scope, item.seq])),
        hasNextPage: rows.length > page.first,
      };
    },

    /** JP per year (the years given, else every year with learning and the current one). */
    async jpLedger(
      personId: string,
      years: number[] | undefined,
      now = new Date(),
    ): Promise<JpYear[]> {
      const person = await personFor(personId);
      const [completed, other] = await Promise.all([
        db
          .select({
            year: sql<number>`extract(year from ${enrollments.completedAt})::int`,
            jp: sql<number>`sum(${programs.totalJp})::int`,
          })
          .from(enrollments)
          .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
          .innerJoin(programs, eq(programs.id, cohorts.programId))
          .where(
            and(
              eq(enrollments.tenantId, t),
              eq(enrollments.personId, person.id),
              eq(enrollments.status, 'COMPLETED'),
              sql`${enrollments.completedAt} is not null`,
            ),
          )
          .groupBy(sql`1`),
        db
          .select({
            year: sql<number>`extract(year from ${learningEvents.occurredAt})::int`,
            seconds: sql<number>`sum(${learningEvents.durationSeconds})::int`,
          })
          .from(learningEvents)
          .where(
            and(
              eq(learningEvents.tenantId, t),
              eq(learningEvents.personId, person.id),
              sql`${learningEvents.enrollmentId} is null`,
              eq(learningEvents.voided, false),
              eq(learningEvents.takesPart, true),
            ),
          )
          .groupBy(sql`1`),
      ]);
      const jpOf = new Map(completed.map((row) => [row.year, row.jp]));
      const secondsOf = new Map(other.map((row) => [row.year, row.seconds]));
      const wanted =
        years ?? [...new Set([...jpOf.keys(), ...secondsOf.keys(), now.getUTCFullYear()])].sort();
      const settings = await settingsOf(wanted);
      return wanted.map((year) =>
        jpYear(
          year,
          jpOf.get(year) ?? 0,
          Math.round((secondsOf.get(year) ?? 0) / 60),
          settings.get(year) ?? defaultJpSettings,
          now,
        ),
      );
    },

    /** ADMIN sets the year's target and the minutes a JP counts. */
    async setJpTarget(input: { year: number; targetJp: number; minutesPerJp: number }) {
      requireRole(actor, 'setting the JP target', 'ADMIN');
      if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
        throw new BadUserInputError('year: a year from 2000 to 2100');
      if (!Number.isInteger(input.targetJp) || input.targetJp < 0 || input.targetJp > 1000)
        throw new BadUserInputError('targetJp: a whole number of JP from 0 to 1000');
      if (
        !Number.isInteger(input.minutesPerJp) ||
        input.minutesPerJp < 1 ||
        input.minutesPerJp > 600
      )
        throw new BadUserInputError('minutesPerJp: a whole number of minutes from 1 to 600');
      const [row] = await db
        .insert(jpTargets)
        .values({ tenantId: t, ...input })
        .onConflictDoUpdate({
          target: [jpTargets.tenantId, jpTargets.year],
          set: { targetJp: input.targetJp, minutesPerJp: input.minutesPerJp },
        })
        .returning();
      return row!;
    },
  };
}

export type LearnerRecords = ReturnType<typeof createLearnerRecords>;
