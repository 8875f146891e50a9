// The xAPI vocabulary of what happens through GraphQL: ADL and cmi5 verbs where they fit,
// Jejak's own activity types otherwise, and the IRIs of Jejak's objects in statements.
import type { ActivityJson, AgentJson, ContextJson } from '../../xapi/statements/xapiJson.js';

export const jejakVerbs = {
  /** Present (or late) at a face-to-face session. */
  attended: {
    id: 'http://adlnet.gov/expapi/verbs/attended',
    display: { 'en-US': 'attended', 'id-ID': 'hadir' },
  },
  /** Absent from a session, excused or not (the status is in the result). */
  wasAbsent: {
    id: 'https://w3id.org/xapi/jejak/verbs/was-absent',
    display: { 'en-US': 'was absent from', 'id-ID': 'tidak hadir' },
  },
  passed: {
    id: 'http://adlnet.gov/expapi/verbs/passed',
    display: { 'en-US': 'passed', 'id-ID': 'lulus' },
  },
  failed: {
    id: 'http://adlnet.gov/expapi/verbs/failed',
    display: { 'en-US': 'failed', 'id-ID': 'tidak lulus' },
  },
  /** A result of an assessment without a passing score (e.g. a survey or a pre-test). */
  scored: {
    id: 'http://adlnet.gov/expapi/verbs/scored',
    display: { 'en-US': 'scored', 'id-ID': 'mendapat nilai' },
  },
  /** A mentee had a coaching check-in with their mentor (the mentor is the instructor). */
  coached: {
    id: 'https://w3id.org/xapi/jejak/verbs/was-coached',
    display: { 'en-US': 'was coached in', 'id-ID': 'mengikuti coaching' },
  },
  completed: {
    id: 'http://adlnet.gov/expapi/verbs/completed',
    display: { 'en-US': 'completed', 'id-ID': 'menyelesaikan' },
  },
  progressed: {
    id: 'http://adlnet.gov/expapi/verbs/progressed',
    display: { 'en-US': 'progressed', 'id-ID': 'mengerjakan' },
  },
  /** Withdrew from a cohort (cmi5's abandoned). */
  abandoned: {
    id: 'https://w3id.org/xapi/adl/verbs/abandoned',
    display: { 'en-US': 'abandoned', 'id-ID': 'mengundurkan diri' },
  },
  /** Takes back an earlier statement (a corrected result). */
  voided: {
    id: 'http://adlnet.gov/expapi/verbs/voided',
    display: { 'en-US': 'voided', 'id-ID': 'membatalkan' },
  },
  /** A person was enrolled in a cohort. */
  registered: {
    id: 'http://adlnet.gov/expapi/verbs/registered',
    display: { 'en-US': 'registered', 'id-ID': 'terdaftar' },
  },
} as const;

export const jejakActivityTypes = {
  program: 'https://w3id.org/xapi/jejak/activity-types/program',
  cohort: 'https://w3id.org/xapi/jejak/activity-types/cohort',
  module: 'http://adlnet.gov/expapi/activities/module',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  coachingCheckIn: 'https://w3id.org/xapi/jejak/activity-types/coaching-check-in',
  actionPlanStep: 'https://w3id.org/xapi/jejak/activity-types/action-plan-step',
} as const;

export const jejakExtensions = {
  /** PRESENT, LATE, EXCUSED or ABSENT. */
  attendanceStatus: 'https://w3id.org/xapi/jejak/extensions/attendance-status',
} as const;

/** The home page of the accounts Jejak names people and its own callers with. */
export const jejakNipHomePage = 'urn:jejak:nip';

/** The actor of statements Jejak itself makes about its records, such as voidings. */
export const jejakSystemAgent: AgentJson = {
  objectType: 'Agent',
  name: 'Jejak',
  account: { homePage: 'urn:jejak', name: 'system' },
};

export function programActivity(program: { id: string; title: string }): ActivityJson {
  return {
    objectType: 'Activity',
    id: `urn:jejak:program:${program.id}`,
    definition: { name: { 'id-ID': program.title }, type: jejakActivityTypes.program },
  };
}

export function moduleActivity(module: { id: string; title: string }): ActivityJson {
  return {
    objectType: 'Activity',
    id: `urn:jejak:module:${module.id}`,
    definition: { name: { 'id-ID': module.title }, type: jejakActivityTypes.module },
  };
}

export function cohortActivity(cohort: { id: string; name: string }): ActivityJson {
  return {
    objectType: 'Activity',
    id: `urn:jejak:cohort:${cohort.id}`,
    definition: { name: { 'id-ID': cohort.name }, type: jejakActivityTypes.cohort },
  };
}

/**
 * The context of what a learner did in a cohort: the cohort's registration, the nearest
 * thing it belongs to as parent (a module, an action plan; the cohort itself by default),
 * and the cohort and programme as grouping, so the programme and module of every
 * statement can be asked for with `related_activities`.
 */
export function cohortContext(parts: {
  cohort: { id: string; name: string; registration: string };
  program: { id: string; title: string };
  parent?: ActivityJson;
}): ContextJson {
  const cohort = cohortActivity(parts.cohort);
  return {
    registration: parts.cohort.registration,
    platform: 'Jejak',
    contextActivities: {
      parent: [parts.parent ?? cohort],
      grouping: [...(parts.parent ? [cohort] : []), programActivity(parts.program)],
    },
  };
}

/**
 * The agent a person's statements carry: their first LMS account, else their mbox, else
 * their NIP as an account of Jejak's, so every statement about them resolves to them.
 */
export function personAgent(
  person: { name: string; nip: string },
  identities: { kind: string; homePage: string | null; name: string }[],
): AgentJson {
  const account = identities.find((identity) => identity.kind === 'account');
  if (account?.homePage) {
    return {
      objectType: 'Agent',
      name: person.name,
      account: { homePage: account.homePage, name: account.name },
    };
  }
  const mbox = identities.find((identity) => identity.kind === 'mbox');
  if (mbox) return { objectType: 'Agent', name: person.name, mbox: mbox.name };
  return {
    objectType: 'Agent',
    name: person.name,
    account: { homePage: jejakNipHomePage, name: person.nip },
  };
}
