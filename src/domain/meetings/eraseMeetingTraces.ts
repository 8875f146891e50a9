// What meeting tools said about a person who is being erased (erasePerson, in its
// transaction): the participants matched to them, and the raw join/leave events and report
// intervals that carry their email or tool user id (or, for a report row with neither, the
// name a facilitator matched to them in that session). Returns the rows erased.
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import {
  meetingEvents,
  meetingParticipants,
  meetingReportIntervals,
  people,
  personMeetingIdentities,
} from '../../db/schema/index.js';

export async function eraseMeetingTraces(
  tx: JejakTransaction,
  tenantId: string,
  personId: string,
): Promise<number> {
  const matched = await tx
    .select({
      sessionId: meetingParticipants.sessionId,
      name: meetingParticipants.name,
      email: meetingParticipants.email,
      providerUserId: meetingParticipants.providerUserId,
    })
    .from(meetingParticipants)
    .where(
      and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.personId, personId)),
    );
  const [person] = await tx
    .select({ email: people.email })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)));
  const identities = await tx
    .select({ identity: personMeetingIdentities.identity })
    .from(personMeetingIdentities)
    .where(
      and(
        eq(personMeetingIdentities.tenantId, tenantId),
        eq(personMeetingIdentities.personId, personId),
      ),
    );
  const lower = (values: (string | null | undefined)[]) => [
    ...new Set(values.flatMap((value) => (value ? [value.trim().toLowerCase()] : []))),
  ];
  const emails = lower([
    person?.email,
    ...matched.map((row) => row.email),
    ...identities.map((row) => row.identity).filter((identity) => identity.includes('@')),
  ]);
  const userIds = [
    ...new Set([
      ...matched.flatMap((row) => (row.providerUserId ? [row.providerUserId] : [])),
      ...identities.map((row) => row.identity),
    ]),
  ];
  const byContact = (email: AnyPgColumn, userId: AnyPgColumn): SQL =>
    or(
      emails.length === 0 ? undefined : inArray(sql`lower(${email})`, emails),
      userIds.length === 0 ? undefined : inArray(userId, userIds),
    ) ?? sql`false`;

  const events = await tx
    .delete(meetingEvents)
    .where(
      and(
        eq(meetingEvents.tenantId, tenantId),
        byContact(meetingEvents.email, meetingEvents.providerUserId),
      ),
    )
    .returning({ id: meetingEvents.id });
  const sessions = [...new Set(matched.map((row) => row.sessionId))];
  const names = lower(matched.map((row) => row.name));
  const intervals = await tx
    .delete(meetingReportIntervals)
    .where(
      and(
        eq(meetingReportIntervals.tenantId, tenantId),
        or(
          byContact(meetingReportIntervals.email, meetingReportIntervals.providerUserId),
          sessions.length === 0 || names.length === 0
            ? undefined
            : and(
                inArray(meetingReportIntervals.sessionId, sessions),
                isNull(meetingReportIntervals.email),
                isNull(meetingReportIntervals.providerUserId),
                inArray(sql`lower(${meetingReportIntervals.name})`, names),
              ),
        ),
      ),
    )
    .returning({ id: meetingReportIntervals.id });
  const participants = await tx
    .delete(meetingParticipants)
    .where(
      and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.personId, personId)),
    )
    .returning({ key: meetingParticipants.participantKey });
  return events.length + intervals.length + participants.length;
}
