// Learning records kept as statements are stored, in the same transaction: each new
// statement of an Agent becomes a learning event resolved to a person, an enrollment and a
// module; the events fold into module progress and per-enrollment counters at once. A
// voiding statement, a person getting the identity of a stored actor, or an enrollment made
// after its learner's statements arrived, recomputes the enrollments concerned from their
// remaining events. Re-sent statements are never stored twice, so never counted twice.
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { lockTenantStatementWrites, type JejakTransaction } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
import {
  enrollmentActivity,
  enrollments,
  learningEvents,
  moduleProgress,
  xapiStatements,
} from '../../db/schema/index.js';
import { agentKey } from '../../xapi/statements/agentKey.js';
import { queryableInstant } from '../../xapi/statements/prepareStatement.js';
import { voidedVerb, type StatementJson } from '../../xapi/statements/xapiJson.js';
import { statementLearning } from './learningEvent.js';
import {
  readResolutionVersions,
  resolveBatchCached,
  type ResolutionVersions,
} from './resolutionCache.js';
import {
  addActivity,
  addParticipation,
  insertEvents,
  mergeProgress,
  takeBackParticipation,
  writeTogether,
  type NewLearningEvent,
} from './learningRecordWrites.js';
import { activityTotals, participationTotals, progressTotals } from './learningTotals.js';
import {
  awardPoints,
  awardStoredEvents,
  deleteAwards,
  scoringEvents,
  uuidList,
} from '../gamification/scorePoints.js';
import {
  enrollmentsOfPeople,
  peopleOfAgentKeys,
  resolveActivity,
  resolveEnrollment,
} from './resolveStatements.js';

export interface StoredStatement {
  id: string;
  seq: number;
  payload: StatementJson;
  registration: string | null;
  /** Stored already voided (its voiding statement came first). */
  voided: boolean;
}

/** Events per INSERT. */
const chunk = 1000;

/**
 * What storeStatements calls: `start` behind the tenant's statement lock and before
 * anything is written (reads that may travel with the writes begin there), then the
 * function it returns with the statements stored, once per stage of the batch. Calls may
 * overlap; each one's writes run after those of the calls before it.
 */
export interface StatementProjection {
  start(
    tx: JejakTransaction,
    tenantId: string,
  ): (stored: StoredStatement[], voidedIds: string[]) => Promise<void>;
}

export const learningProjection: StatementProjection = {
  start(tx, tenantId) {
    const versions = readResolutionVersions(tx, tenantId);
    // Awaited below; if the transaction fails before that, its own error is the one to see.
    versions.catch(() => undefined);
    // Each call's writes are sent once the previous call's are: the transaction runs them
    // in call order, and no call waits for another's writes to finish before reading its
    // own people and enrollments.
    let previousSent: Promise<void> = Promise.resolve();
    return (stored, voidedIds) => {
      const turn = previousSent;
      let sent!: () => void;
      previousSent = new Promise<void>((resolve) => (sent = resolve));
      return projectStatements(tx, tenantId, versions, stored, voidedIds, { turn, sent });
    };
  },
};

/** Where a projection call stands among overlapping calls: see learningProjection. */
interface WriteTurn {
  /** Resolves once the previous call has sent its writes. */
  turn: Promise<void>;
  /** Tells the next call this one's writes are sent. */
  sent: () => void;
}

async function projectStatements(
  tx: JejakTransaction,
  tenantId: string,
  versions: Promise<ResolutionVersions>,
  stored: StoredStatement[],
  voidedIds: string[],
  order: WriteTurn,
): Promise<void> {
  let written: Promise<void>;
  try {
    const writes = learningWrites(
      tenantId,
      await resolveEvents(tx, tenantId, await versions, stored),
      stored,
    );
    await order.turn;
    // Different tables, no row twice: one statement for all of them.
    written = writeTogether(tx, writes);
  } finally {
    order.sent();
  }
  await written;
  if (voidedIds.length > 0) await voidEvents(tx, tenantId, voidedIds);
}

/** The statements that keep the learning records of new events, undefined where none. */
function learningWrites(
  tenantId: string,
  events: NewLearningEvent[],
  stored: StoredStatement[],
): (SQL | undefined)[] {
  const counted = events.filter(countsForProgress);
  const writes: (SQL | undefined)[] = [];
  for (let start = 0; start < events.length; start += chunk) {
    writes.push(insertEvents(tenantId, events.slice(start, start + chunk)));
  }
  writes.push(
    mergeProgress(tenantId, progressTotals(counted)),
    addActivity(tenantId, activityTotals(counted)),
    addParticipation(
      tenantId,
      participationTotals(
        events.filter((event) => !event.voided && event.takesPart),
        1,
      ),
    ),
    // Points: a part of the same statement, so storing a batch costs no more round trips.
    awardPoints(tenantId, scoringEvents(counted, stored)),
  );
  return writes;
}

function countsForProgress(event: NewLearningEvent): boolean {
  return !event.voided && event.takesPart && event.enrollmentId != null;
}

async function resolveEvents(
  tx: JejakTransaction,
  tenantId: string,
  versions: ResolutionVersions,
  stored: StoredStatement[],
): Promise<NewLearningEvent[]> {
  const agentStatements = stored.flatMap((statement) => {
    const actor = statement.payload.actor;
    // A voiding statement is about a record, not about what its actor learned.
    if (statement.payload.verb.id === voidedVerb) return [];
    const key = actor.objectType === 'Group' ? undefined : agentKey(actor);
    return key === undefined
      ? []
      : [{ statement, key, learning: statementLearning(statement.payload) }];
  });
  if (agentStatements.length === 0) return [];
  const { people, targets, enrollments } = await resolveBatchCached(
    tx,
    tenantId,
    versions,
    agentStatements.map((entry) => entry.key),
    agentStatements.flatMap((entry) => entry.learning.activityIris),
  );
  return agentStatements.map(({ statement, key, learning }) => {
    const personId = people.get(key) ?? null;
    const target = resolveActivity(learning.activityIris, targets);
    // Every ISO 8601 form 1.0.3 accepts, in UTC; one PostgreSQL cannot hold (year 0000)
    // dates the event when the statement was stored.
    const { timestamp } = statement.payload;
    const occurredAt = new Date(
      (timestamp === undefined ? undefined : queryableInstant(timestamp)) ??
        statement.payload.stored!,
    );
    const enrollmentId =
      personId === null
        ? null
        : resolveEnrollment(enrollments, {
            personId,
            registration: statement.registration,
            programId: target?.programId ?? null,
            day: occurredAt.toISOString().slice(0, 10),
          });
    return {
      tenantId,
      statementId: statement.id.toLowerCase(),
      seq: statement.seq,
      agentKey: key,
      personId,
      registration: statement.registration,
      enrollmentId,
      moduleId: target?.moduleId ?? null,
      assessmentId: target?.assessmentId ?? null,
      direct: target?.direct ?? false,
      verbIri: statement.payload.verb.id,
      takesPart: learning.takesPart,
      completes: learning.completes,
      scaled: learning.scaled,
      success: learning.success,
      durationSeconds: learning.durationSeconds,
      forum: learning.forum,
      occurredAt,
      voided: statement.voided,
    };
  });
}

/** Marks voided statements' events and recomputes the enrollments they counted for. */
async function voidEvents(tx: JejakTransaction, tenantId: string, statementIds: string[]) {
  const voided = await tx
    .update(learningEvents)
    .set({ voided: true })
    .where(
      and(
        eq(learningEvents.tenantId, tenantId),
        // Voided once: a second voiding of the same statement changes nothing.
        eq(learningEvents.voided, false),
        sql`${learningEvents.seq} in (select s.seq from ${xapiStatements} s
              where s.tenant_id = ${tenantId}
                and s.id in (select json_array_elements_text(${JSON.stringify(
                  statementIds.map((id) => id.toLowerCase()),
                )}::text::json)::uuid))`,
      ),
    )
    .returning({
      enrollmentId: learningEvents.enrollmentId,
      personId: learningEvents.personId,
      agentKey: learningEvents.agentKey,
      occurredAt: learningEvents.occurredAt,
      takesPart: learningEvents.takesPart,
    });
  await takeBackParticipation(
    tx,
    tenantId,
    participationTotals(
      voided.filter((event) => event.takesPart),
      -1,
    ),
  );
  await recomputeEnrollments(
    tx,
    tenantId,
    voided.flatMap((row) => (row.enrollmentId === null ? [] : [row.enrollmentId])),
  );
}

/** Progress, counters and points of these enrollments, again from all their remaining events. */
export async function recomputeEnrollments(
  tx: JejakTransaction,
  tenantId: string,
  enrollmentIds: string[],
): Promise<void> {
  const ids = [...new Set(enrollmentIds)];
  if (ids.length === 0) return;
  // Its callers store statements or claim them, so they hold it already: taken again here
  // (it stacks) so that no batch adds to the rows between reading the events and rewriting.
  await lockTenantStatementWrites(tx, tenantId);
  // Found through their people's timelines (an enrollment's events are its person's): one
  // index fewer to keep on every statement stored, for a read that only voiding and claiming
  // need.
  const events = await tx
    .select()
    .from(learningEvents)
    .where(
      and(
        eq(learningEvents.tenantId, tenantId),
        inArray(
          learningEvents.personId,
          tx
            .select({ personId: enrollments.personId })
            .from(enrollments)
            .where(and(eq(enrollments.tenantId, tenantId), inArray(enrollments.id, ids))),
        ),
        inArray(learningEvents.enrollmentId, ids),
        eq(learningEvents.voided, false),
        eq(learningEvents.takesPart, true),
      ),
    )
    .orderBy(learningEvents.seq);
  const idList = uuidList(ids);
  await writeTogether(tx, [
    sql`delete from ${moduleProgress}
         where tenant_id = ${tenantId} and enrollment_id in ${idList}`,
    sql`delete from ${enrollmentActivity}
         where tenant_id = ${tenantId} and enrollment_id in ${idList}`,
    deleteAwards(tenantId, idList),
  ]);
  await writeTogether(tx, [
    mergeProgress(tenantId, progressTotals(events)),
    addActivity(tenantId, activityTotals(events)),
    awardStoredEvents(tenantId, idList),
  ]);
}

/**
 * Statements whose actor had no person get one, now that these agent keys belong to a
 * person; then the person's events without an enrollment are given one where they can.
 */
export async function resolveAgentKeys(
  tx: JejakTransaction,
  tenantId: string,
  keys: string[],
): Promise<void> {
  if (keys.length === 0) return;
  const people = await peopleOfAgentKeys(tx, tenantId, keys);
  const personIds = new Set<string>();
  for (const [key, personId] of people) {
    const updated = await tx
      .update(learningEvents)
      .set({ personId })
      .where(
        and(
          eq(learningEvents.tenantId, tenantId),
          isNull(learningEvents.personId),
          eq(learningEvents.agentKey, key),
        ),
      )
      .returning({ seq: learningEvents.seq });
    if (updated.length > 0) personIds.add(personId);
  }
  await attachEnrollments(tx, tenantId, [...personIds]);
}

/** Gives these people's events without an enrollment the enrollment they belong to. */
export async function attachEnrollments(
  tx: JejakTransaction,
  tenantId: string,
  personIds: string[],
): Promise<void> {
  if (personIds.length === 0) return;
  const loose = await rawRows<{
    seq: string;
    person_id: string;
    registration: string | null;
    program_id: string | null;
    occurred_at: string | Date;
  }>(
    tx,
    sql`select e.seq::text as seq, e.person_id, e.registration, m.program_id, e.occurred_at
        from ${learningEvents} e left join modules m on m.id = e.module_id
        where e.tenant_id = ${tenantId} and e.enrollment_id is null
          and e.person_id in (select json_array_elements_text(${JSON.stringify(personIds)}::text::json)::uuid)`,
  );
  if (loose.length === 0) return;
  const enrollments = await enrollmentsOfPeople(tx, tenantId, personIds);
  const assigned = new Map<string, string[]>();
  for (const event of loose) {
    const enrollmentId = resolveEnrollment(enrollments, {
      personId: event.person_id,
      registration: event.registration,
      programId: event.program_id,
      day: new Date(event.occurred_at).toISOString().slice(0, 10),
    });
    if (enrollmentId !== null) {
      assigned.set(enrollmentId, [...(assigned.get(enrollmentId) ?? []), event.seq]);
    }
  }
  for (const [enrollmentId, seqs] of assigned) {
    await tx
      .update(learningEvents)
      .set({ enrollmentId })
      .where(
        and(
          eq(learningEvents.tenantId, tenantId),
          sql`${learningEvents.seq} in (select json_array_elements_text(${JSON.stringify(seqs)}::text::json)::bigint)`,
        ),
      );
  }
  await recomputeEnrollments(tx, tenantId, [...assigned.keys()]);
}
