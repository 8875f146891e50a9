// Shared plumbing of the statement validator: the problem collector, JSON paths, and the
// checks every part of a statement reuses (JSON types, unknown keys, language maps, extensions).
import type { StatementProblem, XapiVersion } from '../validateStatement.js';
import { isValidIri, isValidLanguageTag } from './formats.js';

export type JsonObject = { [key: string]: unknown };

/** One validation run: problems are pushed here rather than returned, to avoid array churn. */
export interface Checker {
  readonly version: XapiVersion;
  readonly problems: StatementProblem[];
}

export function report(c: Checker, path: string, rule: string): void {
  c.problems.push({ path, rule });
}

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Path of a property; keys that are not identifiers (IRIs, language tags) get brackets. */
export function at(path: string, key: string): string {
  if (!identifierPattern.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function atIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The spec forbids null anywhere outside extensions; saying so beats "must be a string".
function typeRule(value: unknown, expected: string): string {
  return value === null ? 'must not be null' : expected;
}

export function checkObject(c: Checker, value: unknown, path: string): value is JsonObject {
  if (isObject(value)) return true;
  report(c, path, typeRule(value, 'must be an object'));
  return false;
}

export function checkArray(c: Checker, value: unknown, path: string): value is unknown[] {
  if (Array.isArray(value)) return true;
  report(c, path, typeRule(value, 'must be an array'));
  return false;
}

export function checkString(c: Checker, value: unknown, path: string): value is string {
  if (typeof value === 'string') return true;
  report(c, path, typeRule(value, 'must be a string'));
  return false;
}

export function checkBoolean(c: Checker, value: unknown, path: string): void {
  if (typeof value !== 'boolean') report(c, path, typeRule(value, 'must be a boolean'));
}

export function checkNumber(c: Checker, value: unknown, path: string): value is number {
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  report(c, path, typeRule(value, 'must be a number'));
  return false;
}

/** A string in a given format; `rule` names the format. */
export function checkFormat(
  c: Checker,
  value: unknown,
  path: string,
  isValid: (s: string) => boolean,
  rule: string,
): void {
  if (checkString(c, value, path) && !isValid(value)) report(c, path, rule);
}

export function checkIri(c: Checker, value: unknown, path: string): void {
  checkFormat(c, value, path, isValidIri, 'must be an IRI');
}

export function checkIrl(c: Checker, value: unknown, path: string): void {
  checkFormat(c, value, path, isValidIri, 'must be an IRL');
}

export function checkRequired(c: Checker, value: unknown, path: string): boolean {
  if (value !== undefined) return true;
  report(c, path, 'is required');
  return false;
}

export function checkKeys(
  c: Checker,
  object: JsonObject,
  allowed: ReadonlySet<string>,
  path: string,
): void {
  for (const key in object) {
    if (!allowed.has(key)) report(c, at(path, key), 'is not allowed');
  }
}

export function checkLanguageMap(c: Checker, value: unknown, path: string): void {
  if (!isObject(value)) {
    report(c, path, typeRule(value, 'must be a language map'));
    return;
  }
  for (const tag in value) {
    if (!isValidLanguageTag(tag)) report(c, at(path, tag), 'key must be a language tag');
    const text = value[tag];
    if (typeof text !== 'string') report(c, at(path, tag), typeRule(text, 'must be a string'));
  }
}

/** Keys must be IRIs; values are free, null included (Data 4.1). */
export function checkExtensions(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  for (const key in value) {
    if (!isValidIri(key)) report(c, at(path, key), 'key must be an IRI');
  }
}
