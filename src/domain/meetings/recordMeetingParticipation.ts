// Stores who was in a session's meeting according to one report (a Teams or Meet attendance
// report, a generic CSV) and recomputes the session's attendance, inside the caller's
// transaction: an import of the same source replaces that source's earlier intervals.
import { and, eq } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { meetingReportIntervals, sessions } from '../../db/schema/index.js';
import { requireStorableTime } from '../../lib/dates.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import type { MeetingParticipantInput } from './meetingAttendance.js';
import { requireMeetingProvider, type MeetingProvider } from './meetingLink.js';
import { recomputeMeetingAttendance, type RecomputeSummary } from './recomputeMeetingAttendance.js';

export interface MeetingSource {
  /** The tool the report comes from. */
  provider: MeetingProvider;
  /** Which report, e.g. `teams-attendance-report` or the file name: a later one replaces it. */
  name: string;
}

/** The most intervals one report may hold. */
export const maxReportIntervals = 20_000;

export async function recordMeetingParticipation(
  tx: JejakTransaction,
  tenantId: string,
  sessionId: string,
  source: MeetingSource,
  participants: readonly MeetingParticipantInput[],
): Promise<RecomputeSummary> {
  const provider = requireMeetingProvider(source.provider, 'source.provider');
  const sourceName = source.name.trim();
  if (sourceName === '' || sourceName.length > 200)
    throw new BadUserInputError('source.name: 1 to 200 characters');
  // Locked: two imports of one source at once run one by one, the second replacing the first.
  const [session] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(eq(sessions.tenantId, tenantId), eq(sessions.id, requireUuid(sessionId, 'sessionId'))),
    )
    .for('update');
  if (session === undefined) throw new NotFoundError(`sessionId: no session ${sessionId}`);
  const rows = participants.flatMap((participant, index) => {
    const name = participant.name.trim();
    if (name === '') throw new BadUserInputError(`participants[${index}].name: must not be empty`);
    return participant.intervals.map((interval, at) => {
      const path = `participants[${index}].intervals[${at}]`;
      requireStorableTime(interval.joinedAt, `${path}.joinedAt`);
      requireStorableTime(interval.leftAt, `${path}.leftAt`);
      if (interval.leftAt < interval.joinedAt)
        throw new BadUserInputError(`${path}: leftAt is before joinedAt`);
      return {
        tenantId,
        sessionId: session.id,
        provider,
        source: sourceName,
        name,
        email: participant.email?.trim() || null,
        providerUserId: participant.providerUserId?.trim() || null,
        joinedAt: interval.joinedAt,
        leftAt: interval.leftAt,
      };
    });
  });
  if (rows.length > maxReportIntervals)
    throw new BadUserInputError(
      `participants: at most ${maxReportIntervals} intervals in one report`,
    );
  await tx
    .delete(meetingReportIntervals)
    .where(
      and(
        eq(meetingReportIntervals.tenantId, tenantId),
        eq(meetingReportIntervals.sessionId, session.id),
        eq(meetingReportIntervals.source, sourceName),
      ),
    );
  for (let start = 0; start < rows.length; start += 1000) {
    await tx.insert(meetingReportIntervals).values(rows.slice(start, start + 1000));
  }
  return recomputeMeetingAttendance(tx, tenantId, session.id);
}
