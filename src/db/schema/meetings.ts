// Virtual sessions: where attendance comes from when a session is held in a meeting tool.
// Each tenant's Zoom webhook secret (sealed), Zoom's join/leave events as received (also the
// queue the worker turns into attendance), intervals imported from attendance reports, the
// meeting identities that match participants to people, and the participants of each
// session as last computed (the facilitator's list of whom nobody could match).
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idPrimaryKey, timestamptz } from '../columns.js';
import { people } from './people.js';
import { sessions } from './sessions.js';
import { tenantIdColumn, tenants } from './tenants.js';

/** One tenant's Zoom webhook: its secret token, sealed with JEJAK_SECRETS_KEY. */
export const zoomSettings = pgTable('zoom_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  secretTokenSealed: text('secret_token_sealed').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  /** The `sub` of who configured it last. */
  updatedBy: text('updated_by').notNull(),
});

/**
 * A participant joining or leaving a meeting, as Zoom reported it. Zoom retries deliveries:
 * the unique key keeps each event once. Rows with `processed_at` null are the worker's queue.
 */
export const meetingEvents = pgTable(
  'meeting_events',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    /** `ZOOM`. */
    provider: text('provider').notNull(),
    /** The meeting's id (the number in its join link), as sessions are linked to it. */
    meetingId: text('meeting_id').notNull(),
    /** The meeting instance (one occurrence of a recurring meeting). */
    meetingUuid: text('meeting_uuid').notNull(),
    /** Zoom's participant user_id (else id, else the display name): part of the unique key. */
    participantKey: text('participant_key').notNull(),
    /** `JOINED` or `LEFT`. */
    kind: text('kind').notNull(),
    at: timestamptz('at').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    /** The signed-in user's Zoom id (stable across meetings), when given. */
    providerUserId: text('provider_user_id'),
    receivedAt: createdAt(),
    /** When the worker should look at it (a session still running defers it to its end). */
    dueAt: timestamptz('due_at').notNull().defaultNow(),
    processedAt: timestamptz('processed_at'),
  },
  (table) => [
    uniqueIndex('meeting_events_delivery_key').on(
      table.tenantId,
      table.meetingUuid,
      table.participantKey,
      table.kind,
      table.at,
    ),
    index('meeting_events_tenant_meeting_at_idx').on(
      table.tenantId,
      table.provider,
      table.meetingId,
      table.at,
    ),
    index('meeting_events_due_idx').on(table.dueAt).where(sql`processed_at is null`),
  ],
);

/** Presence intervals from an attendance report (Teams, Meet, a CSV), per session and source. */
export const meetingReportIntervals = pgTable(
  'meeting_report_intervals',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** `ZOOM`, `TEAMS`, `MEET` or `WEBEX`. */
    provider: text('provider').notNull(),
    /** Which report: a later import of the same source replaces these rows. */
    source: text('source').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    providerUserId: text('provider_user_id'),
    joinedAt: timestamptz('joined_at').notNull(),
    leftAt: timestamptz('left_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('meeting_report_intervals_session_source_idx').on(table.sessionId, table.source),
  ],
);

/** Who a person is in a meeting tool: an email, a user id or a display name, lower-cased. */
export const personMeetingIdentities = pgTable(
  'person_meeting_identities',
  {
    id: idPrimaryKey(),
    tenantId: tenantIdColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    identity: text('identity').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    // One identity names one person: matching is never ambiguous.
    uniqueIndex('person_meeting_identities_key').on(table.tenantId, table.provider, table.identity),
    index('person_meeting_identities_person_idx').on(table.tenantId, table.personId),
  ],
);

/** The participants of a session's meeting as last computed, matched to a person or not. */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    tenantId: tenantIdColumn(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    /** The participant within the session: `email:…`, `user:…` or `name:…`. */
    participantKey: text('participant_key').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    providerUserId: text('provider_user_id'),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** Minutes within the session's scheduled time, overlaps counted once. */
    minutesPresent: integer('minutes_present').notNull(),
    firstJoinedAt: timestamptz('first_joined_at').notNull(),
  },
  (table) => [
    uniqueIndex('meeting_participants_key').on(
      table.sessionId,
      table.provider,
      table.participantKey,
    ),
  ],
);

export type ZoomSettingsRow = typeof zoomSettings.$inferSelect;
export type MeetingEventRow = typeof meetingEvents.$inferSelect;
export type MeetingReportIntervalRow = typeof meetingReportIntervals.$inferSelect;
export type PersonMeetingIdentityRow = typeof personMeetingIdentities.$inferSelect;
export type MeetingParticipantRow = typeof meetingParticipants.$inferSelect;
