// Writes attendance at a session, all or nothing, inside the caller's transaction: the rows
// (upserted by session and person) and, per row, its xAPI statement (attended, or Jejak's
// was-absent). A row that already had a statement gets it voided first, so each attendance
// row has exactly one live statement however often it is recorded or recomputed (a row from
// before statement ids were kept has its statement looked up in the LRS). Writes of
// one session run one by one (its row is locked), and a MEETING write never replaces a
// MANUAL row, even one committed since the caller read it. Used by recordAttendance (by
// hand) and by the meeting-tool computation.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import {
  attendance,
  sessions,
  type AttendanceRow,
  type SessionRow,
} from '../../db/schema/index.js';
import { enrolledLearners } from '../enrollments/enrolledLearner.js';
import {
  cohortContext,
  jejakActivityTypes,
  jejakExtensions,
  jejakSystemAgent,
  jejakVerbs,
  moduleActivity,
} from '../learningRecords/jejakVocabulary.js';
import { agentsOfPeople, recordStatements } from '../learningRecords/recordStatements.js';
import { legacyAttendanceStatements } from './legacyAttendanceStatements.js';
import type { Cohort, Module, Program } from '../programs/programRepository.js';
import type { StatementJson } from '../../xapi/statements/xapiJson.js';

export interface AttendanceWrite {
  personId: string;
  status: 'PRESENT' | 'LATE' | 'EXCUSED' | 'ABSENT';
  /** Minutes present, when computed from a meeting tool: also the statement's result.duration. */
  minutesPresent?: number | null;
}

export async function writeAttendance(
  tx: JejakTransaction,
  tenantId: string,
  parts: {
    session: SessionRow;
    cohort: Cohort;
    program: Program;
    module: Module | null;
    /** `MANUAL` or `MEETING`. */
    source: 'MANUAL' | 'MEETING';
    /** The token subject of whoever recorded it (or the worker's name). */
    recordedBy: string;
    records: AttendanceWrite[];
    notEnrolled?: string;
  },
): Promise<AttendanceRow[]> {
  const { session, cohort, program, module, records } = parts;
  if (records.length === 0) return [];
  const personIds = records.map((record) => record.personId);
  const learners = await enrolledLearners(
    tx,
    tenantId,
    cohort.id,
    personIds,
    parts.notEnrolled ?? 'personId: not enrolled in the cohort of this session',
  );
  // The session's row is the lock of its attendance: of two writes at once (a facilitator's,
  // a recomputation, two first writers), the second waits, then sees and voids the first.
  await lockSession(tx, tenantId, session.id);
  const previous = await tx
    .select({ personId: attendance.personId, statementId: attendance.statementId })
    .from(attendance)
    .where(
      and(
        eq(attendance.tenantId, tenantId),
        eq(attendance.sessionId, session.id),
        inArray(attendance.personId, personIds),
      ),
    )
    .for('update');
  const statementIds = new Map(records.map((record) => [record.personId, randomUUID()]));
  const rows = await tx
    .insert(attendance)
    .values(
      records.map((record) => ({
        tenantId,
        sessionId: session.id,
        personId: record.personId,
        status: record.status,
        recordedBy: parts.recordedBy,
        source: parts.source,
        minutesPresent: record.minutesPresent ?? null,
        statementId: statementIds.get(record.personId)!,
      })),
    )
    .onConflictDoUpdate({
      target: [attendance.sessionId, attendance.personId],
      set: {
        status: sql`excluded.status`,
        recordedBy: parts.recordedBy,
        recordedAt: sql`now()`,
        source: sql`excluded.source`,
        minutesPresent: sql`excluded.minutes_present`,
        statementId: sql`excluded.statement_id`,
      },
      // A facilitator's own record stands against any computation.
      ...(parts.source === 'MEETING' ? { setWhere: sql`${attendance.source} <> 'MANUAL'` } : {}),
    })
    .returning();
  // Statements for the rows actually written (a MANUAL row kept is not among them).
  const written = new Set(rows.map((row) => row.personId));
  const writtenRecords = records.filter((record) => written.has(record.personId));
  const agents = await agentsOfPeople(
    tx,
    tenantId,
    [...learners.values()].map((learner) => learner.person),
  );
  const replaced = previous.filter((row) => written.has(row.personId));
  // Rows recorded before they kept their statement's id: their statement is found instead.
  const legacy = await legacyAttendanceStatements(tx, tenantId, {
    sessionId: session.id,
    registration: cohort.registration,
    agents: replaced
      .filter((row) => row.statementId === null)
      .map((row) => agents.get(row.personId)!),
  });
  const voidings: StatementJson[] = [
    ...replaced.flatMap((row) => (row.statementId === null ? [] : [row.statementId])),
    ...legacy,
  ].map((id) => ({
    actor: jejakSystemAgent,
    verb: jejakVerbs.voided,
    object: { objectType: 'StatementRef', id },
  }));
  await recordStatements(tx, tenantId, [
    ...voidings,
    ...writtenRecords.map((record): StatementJson => {
      const present = record.status === 'PRESENT' || record.status === 'LATE';
      const minutes = record.minutesPresent;
      return {
        id: statementIds.get(record.personId)!,
        actor: agents.get(record.personId)!,
        verb: present ? jejakVerbs.attended : jejakVerbs.wasAbsent,
        object: {
          objectType: 'Activity',
          id: `urn:jejak:session:${session.id}`,
          definition: { name: { 'id-ID': session.title }, type: jejakActivityTypes.meeting },
        },
        result: {
          ...(minutes != null ? { duration: `PT${minutes}M` } : {}),
          extensions: { [jejakExtensions.attendanceStatus]: record.status },
        },
        context: cohortContext({
          cohort,
          program,
          ...(module ? { parent: moduleActivity(module) } : {}),
        }),
        // When the learner was there (or was not): the session, not the recording.
        timestamp: session.startsAt.toISOString(),
      };
    }),
  ]);
  // In the order asked.
  return writtenRecords.map((record) => rows.find((row) => row.personId === record.personId)!);
}

/** Locks the session's row (FOR UPDATE) until the caller's transaction ends. */
export async function lockSession(
  tx: JejakTransaction,
  tenantId: string,
  sessionId: string,
): Promise<void> {
  await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)))
    .for('update');
}

/**
 * Removes the session's attendance computed from a meeting (source MEETING) and voids its
 * statements: for a session left without meeting data. Rows recorded by hand stay.
 */
export async function removeMeetingAttendance(
  tx: JejakTransaction,
  tenantId: string,
  sessionId: string,
): Promise<number> {
  await lockSession(tx, tenantId, sessionId);
  const removed = await tx
    .delete(attendance)
    .where(
      and(
        eq(attendance.tenantId, tenantId),
        eq(attendance.sessionId, sessionId),
        eq(attendance.source, 'MEETING'),
      ),
    )
    .returning({ statementId: attendance.statementId });
  if (removed.length === 0) return 0;
  await recordStatements(
    tx,
    tenantId,
    removed.flatMap((row): StatementJson[] =>
      row.statementId === null
        ? []
        : [
            {
              actor: jejakSystemAgent,
              verb: jejakVerbs.voided,
              object: { objectType: 'StatementRef', id: row.statementId },
            },
          ],
    ),
  );
  return removed.length;
}
