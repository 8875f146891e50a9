// Pure: a generic mapping's `dateFormat` (day.js/moment tokens, e.g. `DD/MM/YYYY HH:mm`) as
// a strict reader, for exports whose dates the liberal reading would get wrong or refuse.
import { BadUserInputError } from '../../lib/errors.js';
import { months, offsetOf, type Parts } from './reportDates.js';

export interface DateFormat {
  source: string;
  /** The parts of a text in this format, or null when it is not in it. */
  read(text: string): Parts | null;
}

type Field = 'year' | 'year2' | 'monthName' | 'month' | 'day' | 'hour' | 'minute' | 'second';
type Token = Field | 'ms' | 'meridiem' | 'zone';

// Longest first, so `MMMM` is not read as `MM` twice. One letter: one or two digits.
const tokens: [string, Token, string][] = [
  ['YYYY', 'year', String.raw`(\d{4})`],
  ['YY', 'year2', String.raw`(\d{2})`],
  ['MMMM', 'monthName', '([a-z]+)'],
  ['MMM', 'monthName', String.raw`([a-z]+)\.?`],
  ['MM', 'month', String.raw`(\d{2})`],
  ['M', 'month', String.raw`(\d{1,2})`],
  ['DD', 'day', String.raw`(\d{2})`],
  ['D', 'day', String.raw`(\d{1,2})`],
  ['HH', 'hour', String.raw`(\d{2})`],
  ['H', 'hour', String.raw`(\d{1,2})`],
  ['hh', 'hour', String.raw`(\d{2})`],
  ['h', 'hour', String.raw`(\d{1,2})`],
  ['mm', 'minute', String.raw`(\d{2})`],
  ['ss', 'second', String.raw`(\d{2})`],
  ['SSS', 'ms', String.raw`(\d{1,3})`],
  ['A', 'meridiem', String.raw`([ap])\.?m\.?`],
  ['a', 'meridiem', String.raw`([ap])\.?m\.?`],
  ['Z', 'zone', String.raw`(z|[+-]\d{2}:?\d{2})`],
];

export function compileDateFormat(source: string): DateFormat {
  const order: Token[] = [];
  let pattern = '';
  let rest = source;
  while (rest.length > 0) {
    const literal = /^\[([^\]]*)\]/.exec(rest);
    const token = tokens.find(([text]) => rest.startsWith(text));
    if (literal) {
      pattern += escape(literal[1] ?? '');
      rest = rest.slice(literal[0].length);
    } else if (token) {
      order.push(token[1]);
      pattern += token[2];
      rest = rest.slice(token[0].length);
    } else {
      const c = rest[0] ?? '';
      pattern += /\s/.test(c) ? String.raw`\s+` : escape(c);
      rest = rest.slice(1);
    }
  }
  const has = (...wanted: Token[]): boolean => wanted.some((t) => order.includes(t));
  if (!has('year', 'year2') || !has('month', 'monthName') || !has('day') || !has('hour')) {
    throw new BadUserInputError(
      `dateFormat "${source}" must have a year, month, day and hour (e.g. "DD/MM/YYYY HH:mm")`,
    );
  }
  const regex = new RegExp(`^${pattern}$`, 'i');
  return {
    source,
    read(text) {
      const match = regex.exec(text.trim());
      if (match === null) return null;
      const parts: Parts = {
        ...{ year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ms: 0 },
        ...{ meridiem: null, offset: null, timeGiven: true },
      };
      for (const [i, token] of order.entries()) {
        const value = (match[i + 1] ?? '').toLowerCase();
        if (token === 'year2') parts.year = 2000 + Number(value);
        else if (token === 'monthName') parts.month = months[value] ?? 0;
        else if (token === 'ms') parts.ms = Number(value.padEnd(3, '0'));
        else if (token === 'meridiem') parts.meridiem = value === 'a' ? 'a' : 'p';
        else if (token === 'zone') parts.offset = offsetOf(value);
        else parts[token] = Number(value);
      }
      return parts;
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
