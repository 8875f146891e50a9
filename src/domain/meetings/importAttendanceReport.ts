// A facilitator's attendance report from a meeting tool that exports rather than pushes
// (Microsoft Teams, Google Meet, Webex or anything with a CSV): read whole (a file with any
// problem is refused, its line and column named, nothing stored), then stored as that
// session's intervals from this kind of report, replacing an earlier import of it, and the
// session's attendance recomputed, in one transaction.
import type { JejakDb } from '../../db/client.js';
import { requireUuid } from '../../lib/uuid.js';
import { NotFoundError } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import type { SessionRepository } from '../sessions/sessionRepository.js';
import {
  parseAttendanceReport,
  type AttendanceReportFormat,
  type GenericMapping,
} from './attendanceReport.js';
import type { MeetingProvider } from './meetingLink.js';
import { recordMeetingParticipation } from './recordMeetingParticipation.js';
import type { RecomputeSummary } from './recomputeMeetingAttendance.js';

export interface AttendanceReportImport {
  sessionId: string;
  format: AttendanceReportFormat;
  /** The file: text, or its bytes (Teams writes UTF-16). */
  content: string | Uint8Array;
  mapping?: GenericMapping | undefined;
  /** For times written without an offset; Asia/Jakarta when absent. */
  timeZone?: string | undefined;
  /** The tool a GENERIC file comes from; WEBEX when absent. */
  provider?: MeetingProvider | undefined;
}

const providerOfFormat: Record<AttendanceReportFormat, MeetingProvider | undefined> = {
  TEAMS: 'TEAMS',
  MEET: 'MEET',
  GENERIC: undefined,
};

export async function importAttendanceReport(
  db: JejakDb,
  actor: Actor,
  sessionsOfActor: SessionRepository,
  input: AttendanceReportImport,
): Promise<RecomputeSummary & { meetingTitle: string | null }> {
  const [session] = await sessionsOfActor.sessionsByIds([
    requireUuid(input.sessionId, 'sessionId'),
  ]);
  if (session === undefined) throw new NotFoundError(`sessionId: no session ${input.sessionId}`);
  await sessionsOfActor.requireWritable(session);
  const report = parseAttendanceReport(input.content, input.format, {
    ...(input.mapping === undefined ? {} : { mapping: input.mapping }),
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  });
  const provider = providerOfFormat[input.format] ?? input.provider ?? 'WEBEX';
  const summary = await db.transaction((tx) =>
    recordMeetingParticipation(
      tx,
      actor.tenantId,
      session.id,
      // One import per kind of report and session: importing it again replaces it.
      { provider, name: `${input.format.toLowerCase()}-report` },
      report.participants,
    ),
  );
  return { ...summary, meetingTitle: report.meetingTitle };
}
