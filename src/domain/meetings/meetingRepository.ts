// Virtual sessions as one caller may use them: the tenant's Zoom webhook (ADMIN; the secret
// token goes in sealed and never comes out), people's meeting identities, the participants of
// a session's meeting (ADMIN, ANALYST and the cohort's facilitators), and matching an
// unmatched participant to a learner, which is remembered as an identity and recomputes
// the session's attendance.
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { batchedPages, type BatchedPage } from '../../db/batchedPages.js';
import type { JejakDb } from '../../db/client.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { keysetOrder, textKey, type PageRequest } from '../../db/keyset.js';
import {
  cohortFacilitators,
  meetingParticipants,
  personMeetingIdentities,
  sessions,
  zoomSettings,
  type MeetingParticipantRow,
  type PersonMeetingIdentityRow,
} from '../../db/schema/index.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { requireSecretsKey, sealSecret } from '../../lib/secretBox.js';
import { requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import { actorPersonIds } from '../access/actorPerson.js';
import { enrolledLearner } from '../enrollments/enrolledLearner.js';
import type { PeopleRepository } from '../people/peopleRepository.js';
import type { SessionRepository } from '../sessions/sessionRepository.js';
import { normalIdentity } from './meetingAttendance.js';
import { requireMeetingProvider } from './meetingLink.js';
import { recomputeMeetingAttendance } from './recomputeMeetingAttendance.js';

export type MeetingParticipant = MeetingParticipantRow;
export type MeetingIdentity = PersonMeetingIdentityRow;

/** HKDF purpose of the sealed Zoom secret tokens. */
export const zoomTokenPurpose = 'zoom webhook secret token';

export interface ZoomWebhook {
  /** Where Zoom posts this tenant's events. */
  path: string;
  updatedAt: Date;
  updatedBy: string;
}

export const zoomWebhookPath = (tenantSlug: string) =>
  `/integrations/zoom/webhook/${encodeURIComponent(tenantSlug)}`;

const participantOrder = keysetOrder<MeetingParticipant>('meetingParticipants', 'KEY', 'ASC', [
  textKey(meetingParticipants.provider, (row) => row.provider),
  textKey(meetingParticipants.participantKey, (row) => row.participantKey),
]);

export function createMeetingRepository(
  db: JejakDb,
  actor: Actor,
  tenantSlug: string,
  secretsKey: string | undefined,
  peopleOfActor: PeopleRepository,
  sessionsOfActor: SessionRepository,
) {
  const t = actor.tenantId;
  // Participants are other people's names and emails: staff of the session's cohort only.
  const participantsVisible: SQL | undefined = hasRole(actor, 'ADMIN', 'ANALYST')
    ? eq(meetingParticipants.tenantId, t)
    : hasRole(actor, 'FACILITATOR')
      ? and(
          eq(meetingParticipants.tenantId, t),
          sql`${meetingParticipants.sessionId} in (select s.id from ${sessions} s
            join ${cohortFacilitators} f on f.cohort_id = s.cohort_id
            where s.tenant_id = ${t} and f.person_id in ${actorPersonIds(actor)})`,
        )
      : undefined;

  async function requirePerson(personId: string) {
    const [person] = await peopleOfActor.findByIds([requireUuid(personId, 'personId')]);
    if (person === undefined) throw new NotFoundError(`personId: no person ${personId}`);
    return person;
  }

  return {
    async configureZoom(secretToken: string): Promise<ZoomWebhook> {
      requireRole(actor, 'configuring the Zoom webhook', 'ADMIN');
      const serverKey = requireSecretsKey(secretsKey, "Zoom's secret token is");
      const token = secretToken.trim();
      if (token.length < 8 || token.length > 512 || !/^[\x21-\x7e]+$/.test(token))
        throw new BadUserInputError(
          "secretToken: the Zoom app's secret token (8 to 512 printable characters, no spaces)",
        );
      const values = {
        secretTokenSealed: sealSecret(serverKey, zoomTokenPurpose, t, token),
        updatedAt: new Date(),
        updatedBy: actor.subject,
      };
      const [row] = await db
        .insert(zoomSettings)
        .values({ tenantId: t, ...values })
        .onConflictDoUpdate({ target: zoomSettings.tenantId, set: values })
        .returning();
      return {
        path: zoomWebhookPath(tenantSlug),
        updatedAt: row!.updatedAt,
        updatedBy: row!.updatedBy,
      };
    },

    async zoomWebhook(): Promise<ZoomWebhook | null> {
      requireRole(actor, 'reading the Zoom webhook', 'ADMIN');
      const [row] = await db.select().from(zoomSettings).where(eq(zoomSettings.tenantId, t));
      return row === undefined
        ? null
        : { path: zoomWebhookPath(tenantSlug), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
    },

    /** The identities of people the caller sees (through the person loader). */
    async identitiesOf(personIds: readonly string[]): Promise<MeetingIdentity[]> {
      if (personIds.length === 0) return [];
      return db
        .select()
        .from(personMeetingIdentities)
        .where(
          and(
            eq(personMeetingIdentities.tenantId, t),
            inArray(personMeetingIdentities.personId, [...personIds]),
          ),
        )
        .orderBy(personMeetingIdentities.provider, personMeetingIdentities.identity);
    },

    async addIdentity(input: {
      personId: string;
      provider: string;
      identity: string;
    }): Promise<MeetingIdentity> {
      requireRole(actor, 'adding a meeting identity', 'ADMIN', 'FACILITATOR');
      const person = await requirePerson(input.personId);
      return db.transaction((tx) =>
        addIdentityIn(tx as unknown as JejakDb, person.id, input.provider, input.identity),
      );
    },

    async removeIdentity(id: string): Promise<string> {
      requireRole(actor, 'removing a meeting identity', 'ADMIN', 'FACILITATOR');
      const [row] = await db
        .select()
        .from(personMeetingIdentities)
        .where(
          and(
            eq(personMeetingIdentities.tenantId, t),
            eq(personMeetingIdentities.id, requireUuid(id, 'id')),
          ),
        );
      if (row === undefined) throw new NotFoundError(`id: no meeting identity ${id}`);
      await requirePerson(row.personId);
      await db.delete(personMeetingIdentities).where(eq(personMeetingIdentities.id, row.id));
      return row.id;
    },

    /** Pages of several sessions' participants, by provider and key, in one query. */
    async participantPages(
      requests: readonly (PageRequest & { sessionId: string; unmatchedOnly?: boolean })[],
    ): Promise<BatchedPage<MeetingParticipant>[]> {
      return batchedPages(
        requests,
        participantOrder,
        (request) => request.sessionId,
        (request, { branch, ordinal, after }) =>
          db
            .select({ branch, ordinal, row: meetingParticipants })
            .from(meetingParticipants)
            .where(
              and(
                participantsVisible ?? sql`false`,
                eq(meetingParticipants.sessionId, request.sessionId),
                request.unmatchedOnly ? isNull(meetingParticipants.personId) : undefined,
                after,
              ),
            ),
      );
    },

    /**
     * The facilitator says who an unmatched participant is: remembered as that learner's
     * meeting identity (their email, else user id, else display name) and the session's
     * attendance is recomputed. Returns the participant as now matched.
     */
    async matchParticipant(input: {
      sessionId: string;
      participantKey: string;
      /** Required when the key names participants of several providers in the session. */
      provider?: string | null | undefined;
      personId: string;
    }): Promise<MeetingParticipant> {
      const [session] = await sessionsOfActor.sessionsByIds([
        requireUuid(input.sessionId, 'sessionId'),
      ]);
      if (session === undefined)
        throw new NotFoundError(`sessionId: no session ${input.sessionId}`);
      await sessionsOfActor.requireWritable(session);
      const personId = requireUuid(input.personId, 'personId');
      const provider =
        input.provider == null ? null : requireMeetingProvider(input.provider, 'provider');
      return db.transaction(async (tx) => {
        const found = await tx
          .select()
          .from(meetingParticipants)
          .where(
            and(
              eq(meetingParticipants.tenantId, t),
              eq(meetingParticipants.sessionId, session.id),
              eq(meetingParticipants.participantKey, input.participantKey),
              provider === null ? undefined : eq(meetingParticipants.provider, provider),
            ),
          );
        if (found.length > 1)
          throw new BadUserInputError(
            `provider: ${input.participantKey} is a participant of ${found
              .map((row) => row.provider)
              .sort()
              .join(' and ')} in this session; say which`,
          );
        const [participant] = found;
        if (participant === undefined)
          throw new NotFoundError(
            `participantKey: no participant ${input.participantKey}${
              provider === null ? '' : ` of ${provider}`
            } in this session`,
          );
        await enrolledLearner(
          tx,
          t,
          session.cohortId,
          personId,
          'personId: not enrolled in the cohort of this session',
        );
        const identity =
          normalIdentity(participant.email) ??
          normalIdentity(participant.providerUserId) ??
          normalIdentity(participant.name)!;
        await addIdentityIn(tx as unknown as JejakDb, personId, participant.provider, identity);
        await recomputeMeetingAttendance(tx, t, session.id);
        const [matched] = await tx
          .select()
          .from(meetingParticipants)
          .where(
            and(
              eq(meetingParticipants.sessionId, session.id),
              eq(meetingParticipants.provider, participant.provider),
              eq(meetingParticipants.participantKey, participant.participantKey),
            ),
          );
        return matched!;
      });
    },
  };

  /** Adds the identity, or keeps it when the person has it already. */
  async function addIdentityIn(
    tx: JejakDb,
    personId: string,
    provider: string,
    given: string,
  ): Promise<MeetingIdentity> {
    const checkedProvider = requireMeetingProvider(provider);
    const identity = normalIdentity(given);
    if (identity === null || identity.length > 320)
      throw new BadUserInputError(
        'identity: an email, user id or display name (1 to 320 characters)',
      );
    const [existing] = await tx
      .select()
      .from(personMeetingIdentities)
      .where(
        and(
          eq(personMeetingIdentities.tenantId, t),
          eq(personMeetingIdentities.provider, checkedProvider),
          eq(personMeetingIdentities.identity, identity),
        ),
      );
    if (existing !== undefined) {
      if (existing.personId === personId) return existing;
      throw new ConflictError(
        `identity: ${checkedProvider} "${identity}" is already another person's meeting identity`,
      );
    }
    try {
      const [row] = await tx
        .insert(personMeetingIdentities)
        .values({
          tenantId: t,
          personId,
          provider: checkedProvider,
          identity,
          createdBy: actor.subject,
        })
        .returning();
      return row!;
    } catch (error) {
      throw conflictFrom(error, {
        unique: `identity: ${checkedProvider} "${identity}" is already taken`,
      });
    }
  }
}

export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
