// The worker's side of Zoom's webhook: the join/leave events stored by the route (answered at
// once) are claimed in batches (FOR UPDATE SKIP LOCKED, so instances share the work), and
// the attendance of the sessions held in their meeting is recomputed. An event of a session
// still running waits for the session's end: attendance is judged on the whole session.
import { and, asc, inArray, isNull, lte } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { meetingEvents } from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';
import { recomputeMeetingAttendance, sessionsOfZoomMeeting } from './recomputeMeetingAttendance.js';

/** Claims a batch of due events and settles them; the number claimed. */
export async function processMeetingEvents(
  db: JejakDb,
  options: { limit?: number; now?: Date; logger?: Logger } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: meetingEvents.id,
        tenantId: meetingEvents.tenantId,
        meetingId: meetingEvents.meetingId,
        at: meetingEvents.at,
      })
      .from(meetingEvents)
      .where(and(isNull(meetingEvents.processedAt), lte(meetingEvents.dueAt, now)))
      .orderBy(asc(meetingEvents.dueAt))
      .limit(options.limit ?? 100)
      .for('update', { skipLocked: true });
    const meetings = new Map<string, typeof due>();
    for (const event of due) {
      const key = `${event.tenantId} ${event.meetingId}`;
      meetings.set(key, [...(meetings.get(key) ?? []), event]);
    }
    for (const events of meetings.values()) {
      const { tenantId, meetingId } = events[0]!;
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
          const ids = events.map((event) => event.id);
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
        options.logger?.error({ err: error, tenantId, meetingId }, 'meeting attendance failed');
        await tx
          .update(meetingEvents)
          .set({ dueAt: new Date(now.getTime() + 5 * 60_000) })
          .where(
            inArray(
              meetingEvents.id,
              events.map((event) => event.id),
            ),
          );
      }
    }
    return due.length;
  });
}
