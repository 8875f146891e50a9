// NIP plausibility: the parts of a PNS number, and PPPK numbers left unparsed.
import { describe, expect, it } from 'vitest';
import { nipProblem, parseNip } from './nip.js';

const today = new Date('2026-11-27T00:00:00Z');

describe('parseNip', () => {
  it('reads birth date, appointment, sex and serial', () => {
    expect(parseNip('198609262015051001', today)).toEqual({
      birthDate: '1986-09-26',
      appointment: '2015-05',
      sex: 'MALE',
      serial: 1,
    });
    expect(parseNip('199202022016022002', today)).toMatchObject({ sex: 'FEMALE', serial: 2 });
  });

  it.each([
    ['19860926201505100', /18 digits/],
    ['1986092620150510011', /18 digits/],
    ['19860926201505100a', /18 digits/],
    ['198602302015051001', /not a birth date/],
    ['198613012015051001', /not a birth date/],
    ['192001012015051001', /not plausible/],
    ['203001012015051001', /not plausible/],
    ['198609262015131001', /not a month/],
    ['198609262015001001', /not a month/],
    ['198609261995051001', /appointment 199505 is not plausible/],
    ['198609262030051001', /appointment 203005 is not plausible/],
    ['198609262015053001', /digit 15/],
    ['198609262015051000', /serial/],
  ])('rejects %s', (nip, problem) => {
    const parsed = parseNip(nip, today);
    expect('problem' in parsed && parsed.problem).toMatch(problem);
  });
});

describe('nipProblem', () => {
  it('parses PNS numbers and only counts the digits of PPPK numbers', () => {
    expect(nipProblem('198609262015051001', 'PNS', today)).toBeUndefined();
    expect(nipProblem('199001012024212001', 'PNS', today)).toMatch(/not a month/);
    expect(nipProblem('199001012024212001', 'PPPK', today)).toBeUndefined();
    expect(nipProblem('12345', 'PPPK', today)).toMatch(/18 digits/);
  });
});
