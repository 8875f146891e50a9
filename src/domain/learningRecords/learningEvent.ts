// Pure: what a stored statement says a learner did, in the terms progress is kept in.
// Whatever sent it (Moodle, cmi5 content, Jejak's own mutations), a statement becomes one
// learning event: its kind (engaged, scored, completed, or nothing for progress), the score
// and pass/fail it carries, the time it reports, whether it is a forum post or reply, and
// the activity IRIs it may belong to, nearest first (object, then parents, then groupings).
import { isObject, type StatementJson } from '../../xapi/statements/xapiJson.js';

export interface StatementLearning {
  /** False for statements that are not the learner taking part (voiding, absence…). */
  takesPart: boolean;
  /** The verb or result says the object was completed. */
  completes: boolean;
  /** The score scaled to 0..1, when the statement carries one. */
  scaled: number | null;
  /** Passed or failed: only from a graded statement, never from one answered question. */
  success: boolean | null;
  /** result.duration in seconds (0 when absent). */
  durationSeconds: number;
  forum: 'post' | 'reply' | null;
  /** Activity IRIs the statement may be about, nearest first, without repeats. */
  activityIris: string[];
}

const verbs = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  scoredAdl: 'http://adlnet.gov/expapi/verbs/scored',
  scoredTla: 'https://w3id.org/xapi/tla/verbs/scored',
  replied: 'http://id.tincanapi.com/verb/replied',
  created: 'http://activitystrea.ms/create',
  createdSchema: 'http://activitystrea.ms/schema/1.0/create',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

/** Verbs whose statements grade the object, so their success is a pass or a fail. */
const grading = new Set<string>([
  verbs.completed,
  verbs.passed,
  verbs.failed,
  verbs.scoredAdl,
  verbs.scoredTla,
]);

/**
 * Verbs that say the learner did not take part, or that are about the record rather than
 * the learning: they start nothing.
 */
const notLearning = new Set<string>([
  verbs.voided,
  'https://w3id.org/xapi/jejak/verbs/was-absent',
  'http://id.tincanapi.com/verb/unregistered',
  'https://w3id.org/xapi/adl/verbs/abandoned',
  'http://adlnet.gov/expapi/verbs/registered',
  'https://xapi.edlm/profiles/edlm-lms/concepts/verbs/uncompleted',
  'https://xapi.edlm/profiles/edlm-lms/concepts/verbs/logout',
  'https://w3id.org/xapi/tla/verbs/forfeited',
]);

export function statementLearning(statement: StatementJson): StatementLearning {
  const result = isObject(statement.result) ? statement.result : {};
  const verb = statement.verb.id;
  const takesPart = !notLearning.has(verb);
  const scaled = takesPart ? scaledScore(result.score) : null;
  const graded = grading.has(verb) || scaled !== null;
  const success = !takesPart
    ? null
    : typeof result.success === 'boolean' && graded
      ? result.success
      : verb === verbs.passed
        ? true
        : verb === verbs.failed
          ? false
          : null;
  return {
    takesPart,
    completes: takesPart && (verb === verbs.completed || result.completion === true),
    scaled,
    success,
    durationSeconds:
      takesPart && typeof result.duration === 'string' ? durationSeconds(result.duration) : 0,
    forum: forumKind(statement),
    activityIris: activityIrisOf(statement),
  };
}

/** raw within min..max when all three are given (Moodle's scaled is not always right), else scaled. */
function scaledScore(score: unknown): number | null {
  if (!isObject(score)) return null;
  const { raw, min, max, scaled } = score as Record<string, unknown>;
  if (typeof raw === 'number' && typeof min === 'number' && typeof max === 'number' && max > min) {
    // Bounds near the largest double overflow the range (and Infinity / Infinity is NaN);
    // halved first, they do not.
    const ratio = Number.isFinite(max - min)
      ? (raw - min) / (max - min)
      : (raw / 2 - min / 2) / (max / 2 - min / 2);
    return Math.min(1, Math.max(0, ratio));
  }
  if (typeof scaled === 'number') return Math.min(1, Math.max(0, scaled));
  return null;
}

/**
 * An ISO 8601 duration (`PT1H30M`, `P1DT2H`, `PT12.5S`) in whole seconds; years and months
 * count as 365 and 30 days. Anything unparseable counts 0: a duration is a hint, not data
 * to refuse a statement for (validation has already checked its form).
 */
export function durationSeconds(duration: string): number {
  const match =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      duration,
    );
  if (match === null) return 0;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) =>
    part === undefined ? 0 : Number(part),
  ) as number[];
  const total =
    years! * 365 * 86_400 +
    months! * 30 * 86_400 +
    weeks! * 7 * 86_400 +
    days! * 86_400 +
    hours! * 3_600 +
    minutes! * 60 +
    seconds!;
  // Kept within the column (an integer of seconds: about 68 years); a hint, as above.
  return Number.isFinite(total) ? Math.min(Math.round(total), maxDurationSeconds) : 0;
}

const maxDurationSeconds = 2 ** 31 - 1;

function forumKind(statement: StatementJson): 'post' | 'reply' | null {
  const verb = statement.verb.id;
  if (verb === verbs.replied) return 'reply';
  const objectId = typeof statement.object.id === 'string' ? statement.object.id : '';
  if (
    (verb === verbs.created || verb === verbs.createdSchema) &&
    objectId.includes('/mod/forum/')
  ) {
    return 'post';
  }
  return null;
}

function activityIrisOf(statement: StatementJson): string[] {
  const iris: string[] = [];
  const add = (value: unknown) => {
    if (isObject(value) && typeof value.id === 'string' && !iris.includes(value.id)) {
      iris.push(value.id);
    }
  };
  const { object } = statement;
  if (object.objectType === undefined || object.objectType === 'Activity') add(object);
  const context = statement.context?.contextActivities ?? {};
  for (const role of ['parent', 'grouping', 'other'] as const) {
    const entries = context[role];
    for (const entry of Array.isArray(entries) ? entries : entries ? [entries] : []) add(entry);
  }
  return iris;
}
