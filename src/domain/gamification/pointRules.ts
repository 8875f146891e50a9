// Pure: what a point rule is, the rules a tenant scores by until an admin sets its own, and
// the checks a rule set passes before it is stored. A rule matches a statement by its verb
// and, when it says so, the object's activity type or IRI prefix, what the statement is
// about (a module itself, an assessment), its pass or fail and its scaled score.
import { BadUserInputError } from '../../lib/errors.js';
import { isValidIri } from '../../xapi/statements/validation/formats.js';

export const pointRuleTargets = ['MODULE', 'ASSESSMENT'] as const;
export type PointRuleTarget = (typeof pointRuleTargets)[number];

export interface PointRuleInput {
  label?: string | null;
  verbIri: string;
  activityType?: string | null;
  iriPrefix?: string | null;
  target?: PointRuleTarget | null;
  success?: boolean | null;
  minScaledScore?: number | null;
  oncePerActivity?: boolean | null;
  points: number;
}

export interface PointRule {
  id: string;
  label: string | null;
  verbIri: string;
  activityType: string | null;
  iriPrefix: string | null;
  target: PointRuleTarget | null;
  success: boolean | null;
  minScaledScore: number | null;
  oncePerActivity: boolean;
  points: number;
}

export const maxRulesPerSet = 50;
export const maxPointsPerRule = 1000;

const rule = (id: string, fields: Omit<PointRule, 'id'>): PointRule => ({ id, ...fields });

const none = {
  activityType: null,
  iriPrefix: null,
  target: null,
  success: null,
  minScaledScore: null,
} as const;

/**
 * What a tenant scores by until an admin sets rules: a module completed 10 (once per
 * module), an assessment passed 20 (once per assessment; ADL `passed`, as Jejak's own
 * results and cmi5 content send it, or `completed` with success, as Moodle's quiz attempts
 * do), a forum reply 2 (Moodle's logstore_xapi sends a post as `replied`). Their ids are
 * fixed, so points earned by them keep naming them.
 */
export const defaultPointRules: readonly PointRule[] = [
  rule('00000000-0000-4000-8000-0000000000a1', {
    ...none,
    label: 'Modul selesai',
    verbIri: 'http://adlnet.gov/expapi/verbs/completed',
    target: 'MODULE',
    oncePerActivity: true,
    points: 10,
  }),
  rule('00000000-0000-4000-8000-0000000000a2', {
    ...none,
    label: 'Lulus kuis atau asesmen',
    verbIri: 'http://adlnet.gov/expapi/verbs/passed',
    oncePerActivity: true,
    points: 20,
  }),
  rule('00000000-0000-4000-8000-0000000000a3', {
    ...none,
    label: 'Lulus kuis (Moodle)',
    verbIri: 'http://adlnet.gov/expapi/verbs/completed',
    target: 'ASSESSMENT',
    success: true,
    oncePerActivity: true,
    points: 20,
  }),
  rule('00000000-0000-4000-8000-0000000000a4', {
    ...none,
    label: 'Balasan di forum',
    verbIri: 'http://id.tincanapi.com/verb/replied',
    oncePerActivity: false,
    points: 2,
  }),
];

/** The rules as they will be stored, or BAD_USER_INPUT naming the first mistake. */
export function checkPointRules(inputs: readonly PointRuleInput[]): Omit<PointRule, 'id'>[] {
  if (inputs.length > maxRulesPerSet) {
    throw new BadUserInputError(`rules: at most ${maxRulesPerSet} rules, got ${inputs.length}`);
  }
  const seen = new Map<string, number>();
  return inputs.map((input, index) => {
    const at = `rules[${index}]`;
    const checked = checkRule(input, at);
    const key = JSON.stringify({ ...checked, label: null, points: null });
    const same = seen.get(key);
    if (same !== undefined) {
      throw new BadUserInputError(
        `${at}: matches the same statements as rules[${same}]; change its points instead`,
      );
    }
    seen.set(key, index);
    return checked;
  });
}

function checkRule(input: PointRuleInput, at: string): Omit<PointRule, 'id'> {
  const label = input.label?.trim() || null;
  if (label !== null && label.length > 100) {
    throw new BadUserInputError(`${at}.label: at most 100 characters`);
  }
  const verbIri = input.verbIri.trim();
  if (!isValidIri(verbIri) || verbIri.length > 800) {
    throw new BadUserInputError(
      `${at}.verbIri: must be an absolute IRI such as http://adlnet.gov/expapi/verbs/completed`,
    );
  }
  const activityType = input.activityType?.trim() || null;
  if (activityType !== null && (!isValidIri(activityType) || activityType.length > 800)) {
    throw new BadUserInputError(`${at}.activityType: must be an absolute IRI`);
  }
  const iriPrefix = input.iriPrefix?.trim() || null;
  if (
    iriPrefix !== null &&
    (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(iriPrefix) || iriPrefix.length > 800)
  ) {
    throw new BadUserInputError(
      `${at}.iriPrefix: must be the start of an absolute IRI, such as https://lms.example.go.id/mod/quiz/`,
    );
  }
  const minScaledScore = input.minScaledScore ?? null;
  if (minScaledScore !== null && !(minScaledScore >= 0 && minScaledScore <= 1)) {
    throw new BadUserInputError(`${at}.minScaledScore: must be from 0 to 1`);
  }
  if (!Number.isInteger(input.points) || input.points < 1 || input.points > maxPointsPerRule) {
    throw new BadUserInputError(
      `${at}.points: must be a whole number from 1 to ${maxPointsPerRule}, got ${input.points}`,
    );
  }
  return {
    label,
    verbIri,
    activityType,
    iriPrefix,
    target: input.target ?? null,
    success: input.success ?? null,
    minScaledScore,
    oncePerActivity: input.oncePerActivity ?? false,
    points: input.points,
  };
}
