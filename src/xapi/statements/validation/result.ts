// The Result of a statement (xAPI Data 2.4.5): score bounds, types, ISO 8601 duration.
import {
  at,
  checkBoolean,
  checkExtensions,
  checkFormat,
  checkKeys,
  checkNumber,
  checkObject,
  checkString,
  report,
  type Checker,
} from './core.js';
import { isValidIsoDuration } from './formats.js';

const resultKeys: ReadonlySet<string> = new Set([
  'score',
  'success',
  'completion',
  'response',
  'duration',
  'extensions',
]);
const scoreKeys: ReadonlySet<string> = new Set(['scaled', 'raw', 'min', 'max']);

export function checkResult(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, resultKeys, path);
  if (value.score !== undefined) checkScore(c, value.score, at(path, 'score'));
  if (value.success !== undefined) checkBoolean(c, value.success, at(path, 'success'));
  if (value.completion !== undefined) checkBoolean(c, value.completion, at(path, 'completion'));
  if (value.response !== undefined) checkString(c, value.response, at(path, 'response'));
  if (value.duration !== undefined) {
    checkFormat(
      c,
      value.duration,
      at(path, 'duration'),
      isValidIsoDuration,
      'must be an ISO 8601 duration',
    );
  }
  if (value.extensions !== undefined) checkExtensions(c, value.extensions, at(path, 'extensions'));
}

function checkScore(c: Checker, value: unknown, path: string): void {
  if (!checkObject(c, value, path)) return;
  checkKeys(c, value, scoreKeys, path);
  const scaled = optionalNumber(c, value.scaled, at(path, 'scaled'));
  const raw = optionalNumber(c, value.raw, at(path, 'raw'));
  const min = optionalNumber(c, value.min, at(path, 'min'));
  const max = optionalNumber(c, value.max, at(path, 'max'));
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) {
    report(c, at(path, 'scaled'), 'must be between -1 and 1');
  }
  if (min !== undefined && max !== undefined && min > max) {
    report(c, at(path, 'min'), 'must not be greater than max');
  }
  if (raw !== undefined) {
    if (min !== undefined && raw < min) report(c, at(path, 'raw'), 'must not be less than min');
    if (max !== undefined && raw > max) report(c, at(path, 'raw'), 'must not be greater than max');
  }
}

function optionalNumber(c: Checker, value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  return checkNumber(c, value, path) ? value : undefined;
}
