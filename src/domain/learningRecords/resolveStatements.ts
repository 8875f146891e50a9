// Resolving statements to Jejak's records, a batch at a time (a few queries, whatever the
// batch size): actors to people through their xAPI identities (or their NIP, for the
// statements Jejak writes itself), activity IRIs to modules and assessments (a module's or
// assessment's IRIs, Jejak's own urn:jejak:… IRIs, a session's module) or to a programme
// (its IRIs, such as its course in the LMS), and a person's
// statement to their enrollment (by the cohort's registration, else by the programme of the
// module and the cohort's dates).
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { textList } from '../../db/sqlLists.js';
import {
  assessments,
  cohorts,
  enrollments,
  modules,
  people,
  personXapiIdentities,
  programs,
  sessions,
} from '../../db/schema/index.js';
import { isUuid } from '../../lib/uuid.js';
import { jejakNipHomePage } from './jejakVocabulary.js';

export interface ActivityTarget {
  /** Null for a programme's own IRI (its course in the LMS). */
  moduleId: string | null;
  programId: string;
  assessmentId: string | null;
  /** The IRI is the module itself (its completion completes the module). */
  isModule: boolean;
}

/** The people agent keys belong to, by key. */
export async function peopleOfAgentKeys(
  tx: JejakTransaction,
  tenantId: string,
  keys: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  const found = new Map<string, string>();
  if (unique.length === 0) return found;
  const rows = await tx
    .select({ key: personXapiIdentities.agentKey, personId: personXapiIdentities.personId })
    .from(personXapiIdentities)
    .where(
      and(
        eq(personXapiIdentities.tenantId, tenantId),
        inArray(personXapiIdentities.agentKey, unique),
      ),
    );
  for (const row of rows) found.set(row.key, row.personId);
  // Jejak names a person without identities by their NIP (see personAgent).
  const nipPrefix = `account:${JSON.stringify([jejakNipHomePage, ''])}`.slice(0, -2);
  const byNip = unique
    .filter((key) => !found.has(key) && key.startsWith(nipPrefix))
    .map((key) => ({ key, nip: (JSON.parse(key.slice('account:'.length)) as string[])[1]! }));
  if (byNip.length > 0) {
    const matches = await tx
      .select({ id: people.id, nip: people.nip })
      .from(people)
      .where(
        and(
          eq(people.tenantId, tenantId),
          inArray(
            people.nip,
            byNip.map((entry) => entry.nip),
          ),
        ),
      );
    const idOfNip = new Map(matches.map((row) => [row.nip, row.id]));
    for (const { key, nip } of byNip) {
      const id = idOfNip.get(nip);
      if (id !== undefined) found.set(key, id);
    }
  }
  return found;
}

const jejakIri = /^urn:jejak:(module|assessment|session):([0-9a-f-]{36})$/i;

/** What each IRI is in the tenant's catalogue, for the IRIs that are something. */
export async function targetsOfIris(
  tx: JejakTransaction,
  tenantId: string,
  iris: string[],
): Promise<Map<string, ActivityTarget>> {
  const unique = [...new Set(iris)];
  const targets = new Map<string, ActivityTarget>();
  if (unique.length === 0) return targets;
  const own = { module: [] as string[], assessment: [] as string[], session: [] as string[] };
  for (const iri of unique) {
    const match = jejakIri.exec(iri);
    if (match && isUuid(match[2]!)) own[match[1]!.toLowerCase() as keyof typeof own].push(iri);
  }
  const idOf = (iri: string) => iri.slice(iri.lastIndexOf(':') + 1).toLowerCase();
  const iriList = sql`array${textList(unique)}`;

  const moduleRows = await tx
    .select({ id: modules.id, programId: modules.programId, iris: modules.activityIris })
    .from(modules)
    .where(
      and(
        eq(modules.tenantId, tenantId),
        or(
          sql`${modules.activityIris} && ${iriList}`,
          own.module.length > 0 ? inArray(modules.id, own.module.map(idOf)) : undefined,
        ),
      ),
    );
  const assessmentRows = await tx
    .select({
      id: assessments.id,
      moduleId: assessments.moduleId,
      programId: modules.programId,
      iris: assessments.activityIris,
    })
    .from(assessments)
    .innerJoin(modules, eq(modules.id, assessments.moduleId))
    .where(
      and(
        eq(assessments.tenantId, tenantId),
        or(
          sql`${assessments.activityIris} && ${iriList}`,
          own.assessment.length > 0 ? inArray(assessments.id, own.assessment.map(idOf)) : undefined,
        ),
      ),
    );
  const sessionRows =
    own.session.length === 0
      ? []
      : await tx
          .select({ id: sessions.id, moduleId: sessions.moduleId, programId: modules.programId })
          .from(sessions)
          .innerJoin(modules, eq(modules.id, sessions.moduleId))
          .where(and(eq(sessions.tenantId, tenantId), inArray(sessions.id, own.session.map(idOf))));

  const programRows = await tx
    .select({ id: programs.id, iris: programs.activityIris })
    .from(programs)
    .where(and(eq(programs.tenantId, tenantId), sql`${programs.activityIris} && ${iriList}`));

  // A programme's IRI counts for its cohorts; its modules' and assessments' IRIs are nearer.
  for (const row of programRows) {
    for (const iri of row.iris) {
      targets.set(iri, { moduleId: null, programId: row.id, assessmentId: null, isModule: false });
    }
  }
  // An assessment's IRI next: a quiz that is also a module's IRI keeps both.
  for (const row of assessmentRows) {
    const target = { moduleId: row.moduleId, programId: row.programId, assessmentId: row.id };
    for (const iri of [...row.iris, `urn:jejak:assessment:${row.id}`]) {
      targets.set(iri, { ...target, isModule: false });
    }
  }
  for (const row of moduleRows) {
    for (const iri of [...row.iris, `urn:jejak:module:${row.id}`]) {
      const assessment = targets.get(iri);
      targets.set(iri, {
        moduleId: row.id,
        programId: row.programId,
        assessmentId: assessment?.moduleId === row.id ? assessment.assessmentId : null,
        isModule: true,
      });
    }
  }
  for (const row of sessionRows) {
    targets.set(`urn:jejak:session:${row.id}`, {
      moduleId: row.moduleId!,
      programId: row.programId,
      assessmentId: null,
      isModule: false,
    });
  }
  // Jejak's own IRIs as a statement may spell them, with the id in capitals.
  for (const iri of own.module.concat(own.assessment, own.session)) {
    const target = targets.get(iri.replace(/:[^:]+$/, `:${idOf(iri)}`));
    if (target !== undefined) targets.set(iri, target);
  }
  return targets;
}

/** The first of the IRIs (nearest first) that is something, and whether it came first. */
export function resolveActivity(
  iris: string[],
  targets: Map<string, ActivityTarget>,
): (ActivityTarget & { direct: boolean }) | undefined {
  for (const [index, iri] of iris.entries()) {
    const target = targets.get(iri);
    if (target !== undefined) return { ...target, direct: index === 0 && target.isModule };
  }
  return undefined;
}

export interface EnrollmentOfPerson {
  id: string;
  personId: string;
  programId: string;
  registration: string;
  startDate: string;
  endDate: string;
}

export async function enrollmentsOfPeople(
  tx: JejakTransaction,
  tenantId: string,
  personIds: string[],
): Promise<EnrollmentOfPerson[]> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return [];
  return tx
    .select({
      id: enrollments.id,
      personId: enrollments.personId,
      programId: cohorts.programId,
      registration: cohorts.registration,
      startDate: cohorts.startDate,
      endDate: cohorts.endDate,
    })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(and(eq(enrollments.tenantId, tenantId), inArray(enrollments.personId, unique)));
}

/**
 * The enrollment a person's statement belongs to: the cohort whose registration it carries;
 * else, for a statement about a module, the person's cohort of that programme running on
 * the day, else the latest one that had started, else the first.
 */
export function resolveEnrollment(
  candidates: EnrollmentOfPerson[],
  statement: {
    personId: string;
    registration: string | null;
    programId: string | null;
    day: string;
  },
): string | null {
  const own = candidates.filter((candidate) => candidate.personId === statement.personId);
  if (statement.registration !== null) {
    const byRegistration = own.find(
      (candidate) => candidate.registration === statement.registration,
    );
    if (byRegistration !== undefined) return byRegistration.id;
  }
  if (statement.programId === null) return null;
  const ofProgram = own
    .filter((candidate) => candidate.programId === statement.programId)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const running = ofProgram.find(
    (candidate) => candidate.startDate <= statement.day && statement.day <= candidate.endDate,
  );
  const started = ofProgram.filter((candidate) => candidate.startDate <= statement.day).pop();
  return (running ?? started ?? ofProgram[0])?.id ?? null;
}
