// Zoom's webhook, pure: the request signature (HMAC-SHA256 keyed with the app's secret token
// over `v0:<timestamp>:<raw body>`, sent as `x-zm-signature: v0=<hex>`), the URL validation
// handshake, and the participant events turned into rows to store.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadUserInputError } from '../../lib/errors.js';

/** Requests signed longer ago (or further ahead) than this are refused: replays. */
export const zoomMaxSkewSeconds = 300;

export function zoomSignature(secretToken: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secretToken).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * What the headers alone show (checked before the body is read): null when the timestamp is
 * fresh and a signature is given; otherwise why the request is refused.
 */
export function zoomHeaderProblem(request: {
  timestamp: string | undefined;
  signature: string | undefined;
  now: Date;
}): string | null {
  const { timestamp, signature } = request;
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp))
    return 'x-zm-request-timestamp: missing or not a number of seconds';
  if (Math.abs(request.now.getTime() / 1000 - Number(timestamp)) > zoomMaxSkewSeconds)
    return 'x-zm-request-timestamp: older (or later) than 5 minutes';
  if (signature === undefined) return 'x-zm-signature: missing';
  return null;
}

/** Null when the request is Zoom's; otherwise why not (never naming the secret). */
export function zoomSignatureProblem(request: {
  secretToken: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): string | null {
  const headerProblem = zoomHeaderProblem(request);
  if (headerProblem !== null) return headerProblem;
  const { timestamp, signature } = request as { timestamp: string; signature: string };
  const expected = Buffer.from(zoomSignature(request.secretToken, timestamp, request.rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'x-zm-signature: does not match';
  return null;
}

/** The answer to `endpoint.url_validation`. */
export function zoomUrlValidation(secretToken: string, plainToken: string) {
  return {
    plainToken,
    encryptedToken: createHmac('sha256', secretToken).update(plainToken).digest('hex'),
  };
}

export interface ZoomParticipantEvent {
  meetingId: string;
  meetingUuid: string;
  participantKey: string;
  kind: 'JOINED' | 'LEFT';
  at: Date;
  name: string;
  email: string | null;
  providerUserId: string | null;
}

const participantEvents: Record<string, 'JOINED' | 'LEFT'> = {
  'meeting.participant_joined': 'JOINED',
  'meeting.participant_left': 'LEFT',
};

export function isZoomParticipantEvent(event: unknown): boolean {
  return typeof event === 'string' && Object.hasOwn(participantEvents, event);
}

/** The event to store, from a `meeting.participant_joined` / `_left` body. */
export function zoomParticipantEvent(body: {
  event: string;
  payload?: unknown;
}): ZoomParticipantEvent {
  const kind = participantEvents[body.event]!;
  const object = record(record(body.payload, 'payload').object, 'payload.object');
  const participant = record(object.participant, 'payload.object.participant');
  const meetingId = text(object.id, 'payload.object.id');
  const meetingUuid = text(object.uuid, 'payload.object.uuid');
  const time = text(
    kind === 'JOINED' ? participant.join_time : participant.leave_time,
    `payload.object.participant.${kind === 'JOINED' ? 'join_time' : 'leave_time'}`,
  );
  const at = new Date(time);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(time))
    throw new BadUserInputError(`payload.object.participant: ${time} is not an ISO 8601 time`);
  const userId = optionalText(participant.user_id);
  const id = optionalText(participant.id);
  const name = optionalText(participant.user_name) ?? '';
  const key = userId ?? id ?? name;
  if (key === '')
    throw new BadUserInputError('payload.object.participant: needs a user_id, id or user_name');
  return {
    meetingId: meetingId.replace(/\s/g, ''),
    meetingUuid,
    participantKey: key,
    kind,
    at,
    name: name === '' ? key : name,
    email: optionalText(participant.email),
    providerUserId: id,
  };
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadUserInputError(`${path}: must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
  const found = optionalText(value);
  if (found === null) throw new BadUserInputError(`${path}: missing`);
  return found;
}

function optionalText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > 1000 ? null : trimmed;
}
