import { describe, expect, it } from 'vitest';
import {
  meetingAttendance,
  mergeIntervals,
  participantKey,
  participantsFromZoomEvents,
} from './meetingAttendance.js';

const at = (hhmm: string) => new Date(`2025-03-10T${hhmm}:00Z`);
const span = (from: string, to: string) => ({ joinedAt: at(from), leftAt: at(to) });
// A two-hour session, 09:00 to 11:00.
const session = { startsAt: at('09:00'), endsAt: at('11:00') };

describe('mergeIntervals', () => {
  it('joins overlapping, touching and duplicate intervals and clips them to the session', () => {
    expect(
      mergeIntervals(
        [
          span('10:30', '11:30'),
          span('08:30', '09:20'),
          span('09:10', '09:40'),
          span('09:10', '09:40'),
          span('09:40', '09:50'),
          span('07:00', '08:00'),
        ],
        session.startsAt,
        session.endsAt,
      ),
    ).toEqual([span('09:00', '09:50'), span('10:30', '11:00')]);
  });
});

describe('meetingAttendance', () => {
  it('counts a person who dropped and rejoined once per minute', () => {
    expect(
      meetingAttendance(
        [span('08:55', '09:40'), span('09:42', '11:05'), span('10:00', '10:30')],
        session,
      ),
    ).toEqual({ status: 'PRESENT', minutesPresent: 118, firstJoinedAt: at('08:55') });
  });

  it('is LATE after the grace period, PRESENT within it', () => {
    expect(meetingAttendance([span('09:10', '11:00')], session).status).toBe('PRESENT');
    expect(meetingAttendance([span('09:11', '11:00')], session).status).toBe('LATE');
    expect(
      meetingAttendance([span('09:11', '11:00')], session, { graceMinutes: 15, minShare: 0.75 })
        .status,
    ).toBe('PRESENT');
  });

  it('is ABSENT under the minimum share, even when on time', () => {
    // 89 of 120 minutes is 74.2%.
    expect(meetingAttendance([span('09:00', '10:29')], session)).toMatchObject({
      status: 'ABSENT',
      minutesPresent: 89,
    });
    expect(meetingAttendance([span('09:00', '10:30')], session).status).toBe('PRESENT');
    expect(
      meetingAttendance([span('09:00', '10:00')], session, { graceMinutes: 10, minShare: 0.5 })
        .status,
    ).toBe('PRESENT');
    expect(meetingAttendance([], session)).toEqual({
      status: 'ABSENT',
      minutesPresent: 0,
      firstJoinedAt: null,
    });
    // Only outside the scheduled time.
    expect(meetingAttendance([span('11:00', '12:00')], session).status).toBe('ABSENT');
  });
});

describe('participants', () => {
  it('are told apart by email, else user id, else display name', () => {
    expect(participantKey({ name: 'Budi', email: ' Budi@Example.go.id ' })).toBe(
      'email:budi@example.go.id',
    );
    expect(participantKey({ name: 'Budi', email: null, providerUserId: 'u-1' })).toBe('user:u-1');
    expect(participantKey({ name: '  Budi   Santoso ', email: null })).toBe('name:budi santoso');
  });

  it('pair Zoom joins with leaves, across a rejoin under a new per-meeting id', () => {
    const event = (key: string, kind: 'JOINED' | 'LEFT', time: string) => ({
      meetingUuid: 'instance-1==',
      participantKey: key,
      kind,
      at: at(time),
      name: 'Budi',
      email: 'budi@example.go.id',
      providerUserId: null,
    });
    const [budi, ...others] = participantsFromZoomEvents(
      [
        event('16778240', 'LEFT', '09:30'),
        event('16778240', 'JOINED', '09:02'),
        event('16779264', 'JOINED', '09:35'),
        // A leave without a join (the join was never delivered) is ignored.
        event('16780288', 'LEFT', '10:00'),
      ],
      at('11:00'),
    );
    expect(others).toEqual([]);
    // The join without a leave lasts until the instance's last event, not the session's end.
    expect(budi!.intervals).toEqual([span('09:02', '09:30'), span('09:35', '10:00')]);
  });

  it('keep the instances of one meeting number apart, though Zoom reuses user ids', () => {
    const event = (
      meetingUuid: string,
      who: { name: string; email: string; key?: string },
      kind: 'JOINED' | 'LEFT',
      time: string,
    ) => ({
      meetingUuid,
      participantKey: who.key ?? '16778240',
      kind,
      at: at(time),
      name: who.name,
      email: who.email,
      providerUserId: null,
    });
    const alice = { name: 'Alice', email: 'alice@example.go.id' };
    const bob = { name: 'Bob', email: 'bob@example.go.id' };
    const found = participantsFromZoomEvents(
      [
        event('morning==', alice, 'JOINED', '08:00'),
        event('morning==', alice, 'LEFT', '09:00'),
        // Bob's leave was lost: his join lasts until the afternoon instance's last event.
        event('afternoon==', bob, 'JOINED', '13:00'),
        event(
          'afternoon==',
          { name: 'Eve', email: 'eve@example.go.id', key: '99' },
          'LEFT',
          '14:00',
        ),
      ],
      at('18:00'),
    );
    expect(found.map((p) => [p.email, p.intervals])).toEqual([
      ['alice@example.go.id', [span('08:00', '09:00')]],
      ['bob@example.go.id', [span('13:00', '14:00')]],
      ['eve@example.go.id', []],
    ]);
  });
});
