import { describe, expect, it } from 'vitest';
import { compileDateFormat } from './dateFormat.js';
import { readDuration } from './durations.js';
import { inferDayOrder, readDateTime, type DateReading } from './reportDates.js';

const wib: DateReading = { order: 'DMY', timeZone: 'Asia/Jakarta' };
const us: DateReading = { order: 'MDY', timeZone: 'Asia/Jakarta' };
const iso = (text: string, reading = wib): string => {
  const date = readDateTime(text, reading);
  return typeof date === 'string' ? date : date.toISOString();
};
const cells = (...texts: string[]) => texts.map((text, i) => ({ text, line: i + 2, column: 3 }));

describe('report dates', () => {
  it('reads the ways tools write 2 March 2026, 09:02:14 WIB', () => {
    const nine = '2026-03-02T02:02:14.000Z';
    expect(iso('3/2/26, 9:02:14 AM', us)).toBe(nine);
    expect(iso('2026-03-02 09:02:14')).toBe(nine);
    expect(iso('2026-03-02T09:02:14')).toBe(nine);
    expect(iso('02/03/2026 09.02.14')).toBe(nine);
    expect(iso('02.03.2026 09:02:14', us)).toBe(nine); // dotted dates are day-first anyway
    expect(iso('Mar 2, 2026, 9:02:14 AM')).toBe(nine);
    expect(iso('Monday, March 2, 2026 at 9:02:14 a.m.')).toBe(nine);
    expect(iso('Senin, 2 Maret 2026 pukul 09.02.14')).toBe(nine);
    expect(iso('2-Mar-2026 09:02:14')).toBe(nine);
  });

  it('reads 12 AM and 12 PM, and offsets written in the text over the meeting zone', () => {
    expect(iso('3/2/26, 12:05 AM', us)).toBe('2026-03-01T17:05:00.000Z');
    expect(iso('3/2/26, 12:05 PM', us)).toBe('2026-03-02T05:05:00.000Z');
    expect(iso('2026-03-02T02:02:14Z')).toBe('2026-03-02T02:02:14.000Z');
    expect(iso('2026-03-02 10:02:14+08:00')).toBe('2026-03-02T02:02:14.000Z');
    expect(iso('2 Mar 2026 09:02 GMT+7')).toBe('2026-03-02T02:02:00.000Z');
    expect(iso('2 Mar 2026 10:02 WITA')).toBe('2026-03-02T02:02:00.000Z');
  });

  it('reads wall-clock times in zones with daylight saving', () => {
    const amsterdam = { order: 'DMY', timeZone: 'Europe/Amsterdam' } as const;
    expect(iso('2026-03-02 09:00', amsterdam)).toBe('2026-03-02T08:00:00.000Z');
    expect(iso('2026-07-02 09:00', amsterdam)).toBe('2026-07-02T07:00:00.000Z');
  });

  it('says why a text is no date and time', () => {
    expect(iso('31/13/2026 09:00')).toBe(
      '"31/13/2026 09:00" is not a date and time (read as day/month/year)',
    );
    expect(iso('30/02/2026 09:00')).toMatch(/is not a date and time/);
    expect(iso('2026-03-02 24:00')).toMatch(/is not a date and time/);
    expect(iso('3/2/26, 13:00 PM', us)).toMatch(/is not a date and time/);
    expect(iso('2026-03-02')).toBe('"2026-03-02" has a date but no time of day');
    expect(iso('9:02 AM')).toBe('"9:02 AM" is not a date and time');
  });

  it('infers the day order from the file, else from its clock', () => {
    expect(inferDayOrder(cells('3/2/26, 9:00 AM', '3/2/26, 12:00 PM'))).toBe('MDY');
    expect(inferDayOrder(cells('02/03/2026 09:00', '02/03/2026 12:00'))).toBe('DMY');
    expect(inferDayOrder(cells('3/2/26, 9:00 AM', '25/2/26, 9:00 AM'))).toBe('DMY');
    expect(inferDayOrder(cells('02/03/2026 09:00', '02/25/2026 09:00'))).toBe('MDY');
    expect(() => inferDayOrder(cells('25/02/2026 09:00', '02/25/2026 09:00'))).toThrow(
      'line 3, column 3: "02/25/2026 09:00" puts the month first, but "25/02/2026 09:00" on line 2 puts the day first',
    );
  });

  it('reads a mapping dateFormat strictly', () => {
    const format = compileDateFormat('MM/DD/YYYY hh:mm A');
    const reading = { ...wib, format };
    expect(iso('03/02/2026 09:05 AM', reading)).toBe('2026-03-02T02:05:00.000Z');
    expect(iso('3/2/2026 09:05 AM', reading)).toBe(
      '"3/2/2026 09:05 AM" is not a date and time in the format "MM/DD/YYYY hh:mm A"',
    );
    const named = { ...wib, format: compileDateFormat('D MMMM YYYY [pukul] HH.mm') };
    expect(iso('2 Maret 2026 pukul 09.05', named)).toBe('2026-03-02T02:05:00.000Z');
    expect(() => compileDateFormat('DD/MM')).toThrow(/must have a year, month, day and hour/);
  });
});

describe('durations', () => {
  it('reads minutes, units and clock times', () => {
    const minutes = (text: string): number | null => {
      const ms = readDuration(text);
      return ms === null ? null : ms / 60_000;
    };
    expect(minutes('95')).toBe(95);
    expect(minutes('95 min')).toBe(95);
    expect(minutes('95 mins')).toBe(95);
    expect(minutes('1h 35m')).toBe(95);
    expect(minutes('1 hr 35 min')).toBe(95);
    expect(minutes('1 jam 35 menit')).toBe(95);
    expect(minutes('01:35:00')).toBe(95);
    expect(minutes('1:35')).toBe(95);
    expect(minutes('2h 59m 30s')).toBe(179.5);
    expect(minutes('1,5 jam')).toBe(90);
    expect(minutes('lama')).toBeNull();
    expect(minutes('1h 35 apples')).toBeNull();
    expect(minutes('')).toBeNull();
  });
});
