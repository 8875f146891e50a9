// Erasure of a person (ADMIN): everything Jejak holds about them goes, in one transaction
// under the tenant's statement lock (so no batch of statements lands half-way, and the
// learning records kept from statements stay consistent), and an audit entry that keeps
// nothing personal says who erased whom (by the id they had), when, and how much. Not even a
// hash of the NIP: an 18-digit NIP is built from a birth date, an appointment month, a sex
// and a serial, so any hash of it is reversed by trying them all.
//
// What goes:
// - the person, their xAPI identities, and every domain record of theirs: enrollments with
//   their progress, counters, nudges and outbox messages about them; attendance; assessment
//   results; mentor assignments as mentee or mentor, with their check-ins; action plans
//   (steps, reviews) and the reviews they wrote of others' plans; competency gaps; their
//   places as facilitator; their days of participation;
// - the statements whose actor or object (the xAPI `agent` filter's "direct" agent) is one
//   of their agents: their identities, and the NIP account Jejak's own statements use; with
//   them their index rows, learning events, the keys statements referring to them inherited,
//   voiding statements of them, and attachments no remaining statement cites;
// - their state and agent-profile documents (keyed by the same agents).
// What stays, decided: statements of other actors that only mention them elsewhere (as
// instructor, team or group member, context agent, inside a sub-statement). Those record
// someone else's learning; erasing them would erase another person's records. Their agent
// still appears in those statements (and in `related_agents` queries). Where they assessed
// someone, the result stays and its assessor is cleared. A statement they voided stays voided.
// Counters: the person's own rows go with their enrollments; an erased statement that counted
// for someone else (them as its object) is taken back from that learner's days and their
// enrollments are recomputed, as voiding does.
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { lockTenantStatementWrites, type JejakTransaction } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
import { textList } from '../../db/sqlLists.js';
import {
  actionPlanReviews,
  actionPlans,
  assessmentResults,
  attendance,
  coachingCheckIns,
  cohortFacilitators,
  competencyGaps,
  dailyParticipation,
  enrollmentActivity,
  enrollments,
  certificates,
  erasureAudit,
  mentorAssignments,
  moduleProgress,
  nudges,
  people,
  personXapiIdentities,
  type ErasureAuditRow,
} from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { agentKey } from '../../xapi/statements/agentKey.js';
import { requireRole, type Actor } from '../access/actor.js';
import { jejakNipHomePage } from '../learningRecords/jejakVocabulary.js';
import { learnerOf, participationTotals } from '../learningRecords/learningTotals.js';
import { takeBackParticipation } from '../learningRecords/learningRecordWrites.js';
import { eraseMeetingTraces } from '../meetings/eraseMeetingTraces.js';
import { recomputeEnrollments } from '../learningRecords/projectLearning.js';

/** Rows erased, by kind: what the audit keeps. */
export interface ErasureCounts {
  statements: number;
  attachments: number;
  documents: number;
  learningEvents: number;
  dailyParticipation: number;
  enrollments: number;
  /** What meeting tools said of them: join/leave events, report rows, matched participants. */
  meetingRecords: number;
  /** Their certificates: a check of such a number then answers 404, as for one never issued. */
  certificates: number;
  moduleProgress: number;
  enrollmentActivity: number;
  nudges: number;
  outboxMessages: number;
  attendance: number;
  assessmentResults: number;
  /** Others' results they assessed: kept, the assessor cleared. */
  assessorsCleared: number;
  mentorAssignments: number;
  checkIns: number;
  actionPlans: number;
  /** Reviews they wrote of others' action plans. */
  actionPlanReviews: number;
  competencyGaps: number;
  facilitations: number;
  xapiIdentities: number;
}

export type ErasureAudit = Omit<ErasureAuditRow, 'counts'> & { counts: ErasureCounts };

export async function erasePerson(
  db: JejakDb,
  actor: Actor,
  input: { personId: string; confirmNip: string },
): Promise<ErasureAudit> {
  requireRole(actor, 'erasing a person', 'ADMIN');
  const personId = requireUuid(input.personId, 'id');
  const t = actor.tenantId;
  return db.transaction(async (tx) => {
    await lockTenantStatementWrites(tx, t);
    const [person] = await tx
      .select({ id: people.id, nip: people.nip })
      .from(people)
      .where(and(eq(people.tenantId, t), eq(people.id, personId)));
    if (person === undefined) throw new NotFoundError(`no person ${input.personId}`);
    if (input.confirmNip !== person.nip) {
      throw new BadUserInputError(
        "confirmNip: is not this person's NIP; nothing was erased (check that the id is the person you mean)",
      );
    }
    const keys = await agentKeysOf(tx, t, person);
    const erasedStatements = await eraseStatements(tx, t, personId, keys);
    const documents = await count(
      tx,
      sql`delete from xapi_documents where tenant_id = ${t}
            and kind in ('state', 'agent_profile') and agent_key in ${textList(keys)}`,
    );
    const outboxMessages = await count(
      tx,
      sql`delete from outbox_messages where tenant_id = ${t}
            and (payload->>'statementId' in ${textList(erasedStatements.ids)}
                 or payload->'learner'->>'id' = ${personId})`,
    );
    // Before the records: matching to them needs their email and meeting identities.
    const meetingRecords = await eraseMeetingTraces(tx, t, personId);
    const records = await eraseRecords(tx, t, personId, keys);
    await recomputeEnrollments(tx, t, erasedStatements.otherEnrollments);
    const counts: ErasureCounts = {
      ...erasedStatements.counts,
      documents,
      outboxMessages,
      meetingRecords,
      ...records,
    };
    const [audit] = await tx
      .insert(erasureAudit)
      .values({
        tenantId: t,
        personId,
        erasedBy: actor.subject,
        counts,
      })
      .returning();
    return { ...audit!, counts };
  });
}

/** The agents that are the person: their identities, and Jejak's NIP account unless taken. */
async function agentKeysOf(
  tx: JejakTransaction,
  tenantId: string,
  person: { id: string; nip: string },
): Promise<string[]> {
  const nipKey = agentKey({ account: { homePage: jejakNipHomePage, name: person.nip } })!;
  const rows = await tx
    .select({ key: personXapiIdentities.agentKey, personId: personXapiIdentities.personId })
    .from(personXapiIdentities)
    .where(
      and(
        eq(personXapiIdentities.tenantId, tenantId),
        or(eq(personXapiIdentities.personId, person.id), eq(personXapiIdentities.agentKey, nipKey)),
      ),
    );
  const own = rows.filter((row) => row.personId === person.id).map((row) => row.key);
  // An identity comes before the NIP rule (resolveStatements.ts): the NIP key is theirs only
  // while no one else has it as an identity.
  const nipTaken = rows.some((row) => row.key === nipKey && row.personId !== person.id);
  return [...new Set(nipTaken ? own : [...own, nipKey])];
}

/** The statements of the person's agents and all that hangs off them. */
async function eraseStatements(
  tx: JejakTransaction,
  tenantId: string,
  personId: string,
  keys: string[],
) {
  const found = await rawRows<{ seq: string; id: string }>(
    tx,
    sql`select s.seq::text as seq, s.id from xapi_statements s
        where s.tenant_id = ${tenantId}
          and s.seq in (select a.seq from xapi_statement_agents a
                        where a.tenant_id = ${tenantId} and a.direct
                          and a.agent_key in ${textList(keys)})
        union
        select v.seq::text, v.id from xapi_statements v
        where v.tenant_id = ${tenantId} and v.voids_id in (
          select s.id from xapi_statements s
          where s.tenant_id = ${tenantId}
            and s.seq in (select a.seq from xapi_statement_agents a
                          where a.tenant_id = ${tenantId} and a.direct
                            and a.agent_key in ${textList(keys)}))`,
  );
  const seqs = sql`(select s::bigint from ${textList(found.map((row) => row.seq))} as t(s))`;
  const events = await rawRows<{
    enrollment_id: string | null;
    person_id: string | null;
    agent_key: string;
    occurred_at: string | Date;
    takes_part: boolean;
    voided: boolean;
  }>(
    tx,
    sql`delete from learning_events where tenant_id = ${tenantId}
          and (seq in ${seqs} or person_id = ${personId})
        returning enrollment_id, person_id, agent_key, occurred_at, takes_part, voided`,
  );
  // Statements about the person by someone else counted for that someone: take them back.
  const theirs = new Set([
    learnerOf({ personId, agentKey: '' }),
    ...keys.map((key) => learnerOf({ agentKey: key })),
  ]);
  const others = events
    .map((event) => ({
      enrollmentId: event.enrollment_id,
      personId: event.person_id,
      agentKey: event.agent_key,
      occurredAt: new Date(event.occurred_at),
      counted: event.takes_part && !event.voided,
    }))
    .filter((event) => !theirs.has(learnerOf(event)));
  await takeBackParticipation(
    tx,
    tenantId,
    participationTotals(
      others.filter((event) => event.counted),
      -1,
    ),
  );
  await tx.execute(
    sql`delete from xapi_statement_target_keys where tenant_id = ${tenantId}
          and (seq in ${seqs} or source_seq in ${seqs})`,
  );
  await tx.execute(
    sql`delete from xapi_statement_agents where tenant_id = ${tenantId} and seq in ${seqs}`,
  );
  await tx.execute(
    sql`delete from xapi_statement_activities where tenant_id = ${tenantId} and seq in ${seqs}`,
  );
  const deleted = await rawRows<{ attachments: string | null }>(
    tx,
    sql`delete from xapi_statements where tenant_id = ${tenantId} and seq in ${seqs}
        returning (payload->'attachments')::text as attachments`,
  );
  const sha2s = [
    ...new Set(
      deleted.flatMap((row) =>
        row.attachments === null
          ? []
          : (JSON.parse(row.attachments) as { sha2?: unknown }[]).flatMap((attachment) =>
              typeof attachment.sha2 === 'string' ? [attachment.sha2] : [],
            ),
      ),
    ),
  ];
  // Contents are stored once per tenant and SHA-2, perhaps cited by other statements too:
  // kept while one of those still cites them.
  let attachments = 0;
  if (sha2s.length > 0) {
    await tx.execute(
      sql`delete from xapi_statement_attachments where tenant_id = ${tenantId}
            and sha2 in ${textList(sha2s)} and seq in ${seqs}`,
    );
    attachments = await count(
      tx,
      sql`delete from xapi_attachments x where x.tenant_id = ${tenantId}
            and x.sha2 in ${textList(sha2s)}
            and not exists (select 1 from xapi_statement_attachments c
                            where c.tenant_id = ${tenantId} and c.sha2 = x.sha2)`,
    );
  }
  return {
    ids: found.map((row) => row.id),
    /** Others' enrollments an erased statement counted for: recompute once theirs are gone. */
    otherEnrollments: others.flatMap((event) =>
      event.enrollmentId === null ? [] : [event.enrollmentId],
    ),
    counts: { statements: deleted.length, attachments, learningEvents: events.length },
  };
}

/** The person's domain records, and the person. */
async function eraseRecords(
  tx: JejakTransaction,
  tenantId: string,
  personId: string,
  keys: string[],
) {
  const enrollmentIds = (
    await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.tenantId, tenantId), eq(enrollments.personId, personId)))
  ).map((row) => row.id);
  const ofEnrollments = <T extends SQL>(condition: (ids: string[]) => T) =>
    enrollmentIds.length === 0 ? sql`false` : condition(enrollmentIds);

  const nudgeRows = await tx
    .delete(nudges)
    .where(
      and(
        eq(nudges.tenantId, tenantId),
        ofEnrollments((ids) => inArray(nudges.enrollmentId, ids)),
      ),
    )
    .returning({ day: nudges.day });
  const activityRows = await tx
    .delete(enrollmentActivity)
    .where(
      and(
        eq(enrollmentActivity.tenantId, tenantId),
        ofEnrollments((ids) => inArray(enrollmentActivity.enrollmentId, ids)),
      ),
    )
    .returning({ id: enrollmentActivity.enrollmentId });
  const progressRows = await tx
    .delete(moduleProgress)
    .where(
      and(
        eq(moduleProgress.tenantId, tenantId),
        ofEnrollments((ids) => inArray(moduleProgress.enrollmentId, ids)),
      ),
    )
    .returning({ id: moduleProgress.enrollmentId });
  const participationRows = await tx
    .delete(dailyParticipation)
    .where(
      and(
        eq(dailyParticipation.tenantId, tenantId),
        inArray(dailyParticipation.learner, [
          learnerOf({ personId, agentKey: '' }),
          ...keys.map((key) => learnerOf({ agentKey: key })),
        ]),
      ),
    )
    .returning({ day: dailyParticipation.day });
  const attendanceRows = await tx
    .delete(attendance)
    .where(and(eq(attendance.tenantId, tenantId), eq(attendance.personId, personId)))
    .returning({ id: attendance.sessionId });
  const resultRows = await tx
    .delete(assessmentResults)
    .where(and(eq(assessmentResults.tenantId, tenantId), eq(assessmentResults.personId, personId)))
    .returning({ id: assessmentResults.id });
  const assessed = await tx
    .update(assessmentResults)
    .set({ assessorId: null })
    .where(
      and(eq(assessmentResults.tenantId, tenantId), eq(assessmentResults.assessorId, personId)),
    )
    .returning({ id: assessmentResults.id });
  const assignments = mentorAssignments;
  const theirAssignments = tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.tenantId, tenantId),
        or(eq(assignments.menteeId, personId), eq(assignments.mentorId, personId)),
      ),
    );
  const checkInRows = await tx
    .delete(coachingCheckIns)
    .where(
      and(
        eq(coachingCheckIns.tenantId, tenantId),
        inArray(coachingCheckIns.assignmentId, theirAssignments),
      ),
    )
    .returning({ id: coachingCheckIns.id });
  const assignmentRows = await tx
    .delete(assignments)
    .where(
      and(
        eq(assignments.tenantId, tenantId),
        or(eq(assignments.menteeId, personId), eq(assignments.mentorId, personId)),
      ),
    )
    .returning({ id: assignments.id });
  // Their own plans (steps and reviews go with them), then what they wrote of others'.
  const planRows = await tx
    .delete(actionPlans)
    .where(and(eq(actionPlans.tenantId, tenantId), eq(actionPlans.personId, personId)))
    .returning({ id: actionPlans.id });
  const reviewRows = await tx
    .delete(actionPlanReviews)
    .where(
      and(eq(actionPlanReviews.tenantId, tenantId), eq(actionPlanReviews.reviewerId, personId)),
    )
    .returning({ id: actionPlanReviews.id });
  const gapRows = await tx
    .delete(competencyGaps)
    .where(and(eq(competencyGaps.tenantId, tenantId), eq(competencyGaps.personId, personId)))
    .returning({ id: competencyGaps.id });
  const facilitatorRows = await tx
    .delete(cohortFacilitators)
    .where(
      and(eq(cohortFacilitators.tenantId, tenantId), eq(cohortFacilitators.personId, personId)),
    )
    .returning({ id: cohortFacilitators.cohortId });
  // Certificates carry the person's data in their signed payload: they go too. (Queued
  // certificates go with the enrollments.)
  const certificateRows = await tx
    .delete(certificates)
    .where(and(eq(certificates.tenantId, tenantId), eq(certificates.personId, personId)))
    .returning({ id: certificates.id });
  const enrollmentRows = await tx
    .delete(enrollments)
    .where(and(eq(enrollments.tenantId, tenantId), eq(enrollments.personId, personId)))
    .returning({ id: enrollments.id });
  const identityRows = await tx
    .delete(personXapiIdentities)
    .where(
      and(eq(personXapiIdentities.tenantId, tenantId), eq(personXapiIdentities.personId, personId)),
    )
    .returning({ key: personXapiIdentities.agentKey });
  await tx.delete(people).where(and(eq(people.tenantId, tenantId), eq(people.id, personId)));
  return {
    dailyParticipation: participationRows.length,
    enrollments: enrollmentRows.length,
    certificates: certificateRows.length,
    moduleProgress: progressRows.length,
    enrollmentActivity: activityRows.length,
    nudges: nudgeRows.length,
    attendance: attendanceRows.length,
    assessmentResults: resultRows.length,
    assessorsCleared: assessed.length,
    mentorAssignments: assignmentRows.length,
    checkIns: checkInRows.length,
    actionPlans: planRows.length,
    actionPlanReviews: reviewRows.length,
    competencyGaps: gapRows.length,
    facilitations: facilitatorRows.length,
    xapiIdentities: identityRows.length,
  };
}

/** Rows a data-changing statement touched. */
async function count(tx: JejakTransaction, statement: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(
    tx,
    sql`with changed as (${statement} returning 1) select count(*) as n from changed`,
  );
  return Number(row!.n);
}
