// The worker's side of Zoom's webhook: the join/leave events stored by the route (answered at
// once) are claimed meeting by meeting, each meeting in a transaction of its own (FOR UPDATE
// SKIP LOCKED, so instances share the work, and a session is locked only while its own
// meeting is settled), and the attendance of the sessions held in their meeting is
// recomputed. An event of a session still running waits for the session's end: attendance
// is judged on the whole session.
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import { meetingEvents } from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';
import { recomputeMeetingAttendance, sessionsOfZoomMeeting } from './recomputeMeetingAttendance.js';

/** Claims due events (at most `limit`) and settles them; the number claimed. */
export async function processMeetingEvents(
  db: JejakDb,
  options: { limit?: number; now?: Date; logger?: Logger } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 100;
  let claimed = 0;
  while (claimed < limit) {
    // Each settled event stops being due at `now` (processed, due at its session's end, or
    // retried in 5 minutes), so this ends.
    const settled = await db.transaction((tx) =>
      settleOneMeeting(tx, now, limit - claimed, options.logger),
    );
    if (settled === 0) break;
    claimed += settled;
  }
  return claimed;
}

/** Claims the due events of the meeting of the first due event and settles them. */
async function settleOneMeeting(
  tx: JejakTransaction,
  now: Date,
  limit: number,
  logger: Logger | undefined,
): Promise<number> {
  const due = and(isNull(meetingEvents.processedAt), lte(meetingEvents.dueAt, now));
  const [first] = await tx
    .select({ tenantId: meetingEvents.tenantId, meetingId: meetingEvents.meetingId })
    .from(meetingEvents)
    .where(due)
    .orderBy(asc(meetingEvents.dueAt))
    .limit(1)
    .for('update', { skipLocked: true });
  if (first === undefined) return 0;
  const { tenantId, meetingId } = first;
  const events = await tx
    .select({ id: meetingEvents.id, at: meetingEvents.at })
    .from(meetingEvents)
    .where(and(due, eq(meetingEvents.tenantId, tenantId), eq(meetingEvents.meetingId, meetingId)))
    .orderBy(asc(meetingEvents.dueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const ids = events.map((event) => event.id);
  const times = events.map((event) => event.at.getTime());
  try {
    await tx.transaction(async (inner) => {
      const held = await sessionsOfZoomMeeting(
        inner,
        tenantId,
        meetingId,
        new Date(Math.min(...times)),
        new Date(Math.max(...times)),
      );
      const running = held.filter((session) => session.endsAt > now);
      for (const session of held) {
        if (session.endsAt <= now)
          await recomputeMeetingAttendance(inner, tenantId, session.id, now);
      }
      if (running.length > 0) {
        const until = new Date(Math.max(...running.map((session) => session.endsAt.getTime())));
        await inner
          .update(meetingEvents)
          .set({ dueAt: until })
          .where(inArray(meetingEvents.id, ids));
      } else {
        // Also events of no linked session: kept, and read again when a session is linked.
        await inner
          .update(meetingEvents)
          .set({ processedAt: now })
          .where(inArray(meetingEvents.id, ids));
      }
    });
  } catch (error) {
    logger?.error({ err: error, tenantId, meetingId }, 'meeting attendance failed');
    await tx
      .update(meetingEvents)
      .set({ dueAt: new Date(now.getTime() + 5 * 60_000) })
      .where(inArray(meetingEvents.id, ids));
  }
  return events.length;
}
