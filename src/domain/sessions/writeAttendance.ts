// Writes attendance at a session, all or nothing, inside the caller's transaction: the rows
// (upserted by session and person) and, per row, its xAPI statement (attended, or Jejak's
// was-absent). A row that already had a statement gets it voided first, so each attendance
// row has exactly one live statement however often it is recorded or recomputed. Used by
// recordAttendance (by hand) and by the meeting-tool computation.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { attendance, type AttendanceRow, type SessionRow } from '../../db/schema/index.js';
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
  // Locked: of two writes at once, the second voids the first's statement.
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
    })
    .returning();
  const agents = await agentsOfPeople(
    tx,
    tenantId,
    [...learners.values()].map((learner) => learner.person),
  );
  const voidings: StatementJson[] = previous
    .filter((row) => row.statementId !== null)
    .map((row) => ({
      actor: jejakSystemAgent,
      verb: jejakVerbs.voided,
      object: { objectType: 'StatementRef', id: row.statementId! },
    }));
  await recordStatements(tx, tenantId, [
    ...voidings,
    ...records.map((record): StatementJson => {
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
  return records.map((record) => rows.find((row) => row.personId === record.personId)!);
}
