// String formats xAPI requires (IRI, UUID, language tag, duration, timestamp, mailto, hashes),
// as predicates. Patterns are compiled once; validation runs on every statement.
import type { XapiVersion } from '../validateStatement.js';

// RFC 3987 cannot be checked fully without a parser, and the spec allows best effort: a
// scheme, something after it, no character that no IRI may contain (controls, space,
// <>"{}|\^`) and only well-formed percent-escapes.
const iriPattern =
  /^[A-Za-z][A-Za-z0-9+.-]*:(?:[^\u0000-\u0020<>"{}|\\^`\u007f-\u009f%]|%[0-9A-Fa-f]{2})+$/;

export function isValidIri(s: string): boolean {
  return iriPattern.test(s);
}

/** An IRL is an IRI meant to be resolvable; its syntax is the same. */
export const isValidIrl = isValidIri;

const mailtoPattern = /^mailto:[^@\s]+@[^@\s]+$/;

export function isValidMailto(s: string): boolean {
  return mailtoPattern.test(s) && iriPattern.test(s);
}

const sha1Pattern = /^[0-9A-Fa-f]{40}$/;

export function isValidSha1Hex(s: string): boolean {
  return sha1Pattern.test(s);
}

// SHA-224, SHA-256, SHA-384 or SHA-512, hex encoded as in the X-Experience-API-Hash header.
const sha2Pattern = /^(?:[0-9A-Fa-f]{56}|[0-9A-Fa-f]{64}|[0-9A-Fa-f]{96}|[0-9A-Fa-f]{128})$/;

export function isValidSha2Hex(s: string): boolean {
  return sha2Pattern.test(s);
}

// xAPI accepts every version of the RFC 4122 variant (10xx in the clock_seq_hi field).
const uuidPattern =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;

export function isValidUuid(s: string): boolean {
  return uuidPattern.test(s);
}

// RFC 5646 well-formedness (the spec asks for no registry lookup): langtag, private use, or
// one of the grandfathered tags.
const languageTagPattern = new RegExp(
  '^(?:' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' + // language and extlangs
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|\\d{3}))?' + // region
    '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*' + // variants
    '(?:-[a-wyz\\d](?:-[a-z\\d]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z\\d]{1,8})+)?' + // private use
    '|x(?:-[a-z\\d]{1,8})+' +
    '|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)' +
    '|sgn-(?:be-fr|be-nl|ch-de)|art-lojban|cel-gaulish|no-(?:bok|nyn)' +
    '|zh-(?:guoyu|hakka|min|min-nan|xiang)' +
    ')$',
  'i',
);

export function isValidLanguageTag(s: string): boolean {
  return languageTagPattern.test(s);
}

// ISO 8601:2004 4.4.3.2 (format with designators); weeks cannot mix with other units, and a
// "T" must be followed by at least one time component.
const durationPattern =
  /^P(?:\d+(?:[.,]\d+)?W|(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?)$/;

export function isValidIsoDuration(s: string): boolean {
  return durationPattern.test(s);
}

// 1.0.3 asks for ISO 8601 combined date and time, so seconds and the zone may be left out;
// 2.0 asks for RFC 3339, which requires both. Both accept a space or lowercase "t"/"z" as
// RFC 3339 does.
const isoTimestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const rfc3339TimestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidTimestamp(s: string, version: XapiVersion): boolean {
  const match = (version === '2.0.0' ? rfc3339TimestampPattern : isoTimestampPattern).exec(s);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second, sign, offsetHour, offsetMinute] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > (daysInMonth[m - 1] ?? 0)) return false;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return false;
  // Leap seconds are refused: nothing downstream (Date, PostgreSQL) can represent them.
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return false;
  if (sign !== undefined) {
    const oh = Number(offsetHour);
    const om = Number(offsetMinute ?? 0);
    if (oh > 23 || om > 59) return false;
    // "-00:00" means "offset unknown" (RFC 3339 4.3); ISO 8601 forbids it, and the
    // conformance suite expects it refused under both versions.
    if (sign === '-' && oh === 0 && om === 0) return false;
  }
  return true;
}

const version103Pattern = /^1\.0(?:\.\d+)?$/;
const version200Pattern = /^[12]\.0(?:\.\d+)?$/;

/** The statement's own "version" property, which the LRS stores as sent. */
export function isAcceptedStatementVersion(s: string, version: XapiVersion): boolean {
  return (version === '2.0.0' ? version200Pattern : version103Pattern).test(s);
}

// RFC 6838 type "/" subtype, then parameters left unchecked.
const mediaTypePattern = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?:\s*;.*)?$/s;

export function isValidMediaType(s: string): boolean {
  return mediaTypePattern.test(s);
}
