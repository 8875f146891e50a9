// Which meeting a session is held in: the provider and its meeting id, normalised so Zoom's
// events (which name the meeting by number) find the session whether a number or a join
// link was pasted.
import { BadUserInputError } from '../../lib/errors.js';

export const meetingProviders = ['ZOOM', 'TEAMS', 'MEET', 'WEBEX'] as const;
export type MeetingProvider = (typeof meetingProviders)[number];

export function requireMeetingProvider(provider: string, field = 'provider'): MeetingProvider {
  if (!(meetingProviders as readonly string[]).includes(provider))
    throw new BadUserInputError(`${field}: one of ${meetingProviders.join(', ')}`);
  return provider as MeetingProvider;
}

/**
 * Zoom: the meeting number (9 to 11 digits, spaces and dashes allowed) or a join link with it
 * (`…/j/85746065432?pwd=…`); Meet: the code (`abc-defg-hij`) or its link; Teams and Webex:
 * the id or join link as given.
 */
export function normalMeetingId(provider: MeetingProvider, given: string): string {
  const text = given.trim();
  if (text === '') throw new BadUserInputError('meetingId: must not be empty');
  if (text.length > 2000) throw new BadUserInputError('meetingId: at most 2000 characters');
  if (provider === 'ZOOM') {
    const fromLink = /\/(?:j|w|wc|s)\/(\d{9,11})(?:[/?#]|$)/.exec(text)?.[1];
    const digits = fromLink ?? text.replace(/[\s-]/g, '');
    if (!/^\d{9,11}$/.test(digits))
      throw new BadUserInputError(
        'meetingId: a Zoom meeting number (9 to 11 digits) or a join link with it',
      );
    return digits;
  }
  if (provider === 'MEET') {
    const code = /(?:^|meet\.google\.com\/)([a-z]{3}-[a-z]{4}-[a-z]{3})(?:[/?#]|$)/i.exec(
      text,
    )?.[1];
    if (code === undefined)
      throw new BadUserInputError('meetingId: a Google Meet code (abc-defg-hij) or its link');
    return code.toLowerCase();
  }
  return text;
}
