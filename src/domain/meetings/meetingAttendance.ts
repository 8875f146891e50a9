// The attendance rule of a virtual session, pure: a person's join/leave intervals (people drop
// and rejoin; tools report overlapping and duplicate intervals) merged, clipped to the
// session's scheduled time, and judged against the programme's grace period and minimum share.

export interface PresenceInterval {
  joinedAt: Date;
  leftAt: Date;
}

/** What an attendance report or a meeting tool says about one participant. */
export interface MeetingParticipantInput {
  name: string;
  email: string | null;
  /** The tool's stable id of a signed-in user, when it gives one. */
  providerUserId?: string | null;
  intervals: PresenceInterval[];
}

export interface AttendanceRule {
  /** Late when the first join is more than this many minutes after the start. */
  graceMinutes: number;
  /** Absent when present for less than this share (0..1) of the scheduled time. */
  minShare: number;
}

export const defaultAttendanceRule: AttendanceRule = { graceMinutes: 10, minShare: 0.75 };

export interface MeetingAttendance {
  status: 'PRESENT' | 'LATE' | 'ABSENT';
  /** Whole minutes within the scheduled time (rounded down), overlaps counted once. */
  minutesPresent: number;
  /** The first join, as reported (possibly before the start); null without any interval. */
  firstJoinedAt: Date | null;
}

/** The intervals within [from, until), sorted, overlapping and touching ones joined. */
export function mergeIntervals(
  intervals: readonly PresenceInterval[],
  from: Date,
  until: Date,
): PresenceInterval[] {
  const clipped = intervals
    .map((interval) => ({
      joinedAt: Math.max(interval.joinedAt.getTime(), from.getTime()),
      leftAt: Math.min(interval.leftAt.getTime(), until.getTime()),
    }))
    .filter((interval) => interval.leftAt > interval.joinedAt)
    .sort((a, b) => a.joinedAt - b.joinedAt);
  const merged: { joinedAt: number; leftAt: number }[] = [];
  for (const interval of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.joinedAt <= last.leftAt) {
      last.leftAt = Math.max(last.leftAt, interval.leftAt);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged.map((interval) => ({
    joinedAt: new Date(interval.joinedAt),
    leftAt: new Date(interval.leftAt),
  }));
}

/**
 * PRESENT, LATE or ABSENT for one person at a session scheduled [startsAt, endsAt):
 * ABSENT under the minimum share of the scheduled time; otherwise LATE when their first
 * join came more than the grace period after the start; otherwise PRESENT.
 */
export function meetingAttendance(
  intervals: readonly PresenceInterval[],
  session: { startsAt: Date; endsAt: Date },
  rule: AttendanceRule = defaultAttendanceRule,
): MeetingAttendance {
  const merged = mergeIntervals(intervals, session.startsAt, session.endsAt);
  const presentMs = merged.reduce(
    (sum, interval) => sum + interval.leftAt.getTime() - interval.joinedAt.getTime(),
    0,
  );
  const scheduledMs = session.endsAt.getTime() - session.startsAt.getTime();
  const firstJoinedAt =
    intervals.length === 0
      ? null
      : new Date(Math.min(...intervals.map((interval) => interval.joinedAt.getTime())));
  const minutesPresent = Math.floor(presentMs / 60_000);
  // The share is of milliseconds, not of rounded minutes: 74.9% is under 75%.
  if (scheduledMs <= 0 || merged.length === 0 || presentMs < rule.minShare * scheduledMs) {
    return { status: 'ABSENT', minutesPresent, firstJoinedAt };
  }
  const lateAfter = session.startsAt.getTime() + rule.graceMinutes * 60_000;
  // Late is judged on the first presence within the session: joining early counts as on time.
  const late = merged[0]!.joinedAt.getTime() > lateAfter;
  return { status: late ? 'LATE' : 'PRESENT', minutesPresent, firstJoinedAt };
}

/** An ISO 8601 duration of whole minutes, as xAPI's result.duration: `PT95M`. */
export function minutesDuration(minutes: number): string {
  return `PT${minutes}M`;
}

/**
 * How a participant is told apart within a session: their email, else the tool's user id,
 * else their display name (lower-cased, spaces collapsed).
 */
export function participantKey(participant: {
  name: string;
  email: string | null;
  providerUserId?: string | null;
}): string {
  const email = normalIdentity(participant.email);
  if (email !== null) return `email:${email}`;
  const userId = participant.providerUserId?.trim();
  if (userId) return `user:${userId}`;
  return `name:${normalIdentity(participant.name) ?? ''}`;
}

/** An identity as it is compared: trimmed, lower-cased, inner spaces collapsed; null if empty. */
export function normalIdentity(text: string | null | undefined): string | null {
  const normal = text?.trim().replace(/\s+/g, ' ').toLowerCase();
  return normal ? normal : null;
}

export interface ZoomEvent {
  /** The meeting instance (Zoom's `uuid`): a meeting number is reused by every occurrence. */
  meetingUuid: string;
  participantKey: string;
  kind: 'JOINED' | 'LEFT' | string;
  at: Date;
  name: string;
  email: string | null;
  providerUserId: string | null;
}

/**
 * Participants from Zoom's join and leave events: per connection (meeting instance and
 * participant key, since Zoom reuses user ids across the instances of one meeting number),
 * each join paired with the next leave; a join without a leave (the person is still there,
 * or the leave was lost) lasts until that instance's last event (and never past
 * `openUntil`), and a leave without a join is ignored. A participant who rejoins under
 * another per-meeting user id is the same participant when their email or user id is.
 */
export function participantsFromZoomEvents(
  events: readonly ZoomEvent[],
  openUntil: Date,
): MeetingParticipantInput[] {
  const byConnection = new Map<string, ZoomEvent[]>();
  const lastOfInstance = new Map<string, number>();
  for (const event of events) {
    const connection = JSON.stringify([event.meetingUuid, event.participantKey]);
    byConnection.set(connection, [...(byConnection.get(connection) ?? []), event]);
    const last = lastOfInstance.get(event.meetingUuid) ?? -Infinity;
    lastOfInstance.set(event.meetingUuid, Math.max(last, event.at.getTime()));
  }
  const participants = new Map<string, MeetingParticipantInput>();
  for (const connection of byConnection.values()) {
    connection.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'JOINED' ? -1 : 1));
    const intervals: PresenceInterval[] = [];
    let joinedAt: Date | null = null;
    for (const event of connection) {
      if (event.kind === 'JOINED') {
        if (joinedAt === null) joinedAt = event.at;
      } else if (joinedAt !== null) {
        intervals.push({ joinedAt, leftAt: event.at });
        joinedAt = null;
      }
    }
    if (joinedAt !== null) {
      const until = new Date(
        Math.min(openUntil.getTime(), lastOfInstance.get(connection[0]!.meetingUuid)!),
      );
      if (until > joinedAt) intervals.push({ joinedAt, leftAt: until });
    }
    const first = connection.find((event) => event.email) ?? connection[0]!;
    const who = {
      name: first.name,
      email: first.email,
      providerUserId: connection.find((event) => event.providerUserId)?.providerUserId ?? null,
    };
    const key = participantKey(who);
    const known = participants.get(key);
    if (known === undefined) participants.set(key, { ...who, intervals });
    else known.intervals.push(...intervals);
  }
  return [...participants.values()];
}
