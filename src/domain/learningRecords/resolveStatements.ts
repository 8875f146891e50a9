// Resolving statements to Jejak's records, a batch at a time (a few queries, whatever the
// batch size): actors to people through their xAPI identities (or their NIP, for the
// statements Jejak writes itself), activity IRIs to modules and assessments (a module's or
// assessment's IRIs, Jejak's own urn:jejak:… IRIs, a session's module) or to a programme
// (its IRIs, such as its course in the LMS), and a person's
// statement to their enrollment (by the cohort's registration, else by the programme of the
// module and the cohort's dates).
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
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
        sql`${personXapiIdentities.agentKey} in ${textList(unique)}`,
      ),
    );
  for (const row of rows) found.set(row.key, row.personId);
  // Jejak names a person without identities by their NIP (see personAgent).
  const byNip = unique.flatMap((key) => {
    const nip = found.has(key) ? undefined : nipOfJejakKey(key);
    return nip === undefined ? [] : [{ key, nip }];
  });
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

const jejakNipKeyPrefix = `account:${JSON.stringify([jejakNipHomePage, ''])}`.slice(0, -2);

/** The NIP in the agent key of Jejak's own account for a person, else undefined. */
function nipOfJejakKey(key: string): string | undefined {
  if (!key.startsWith(jejakNipKeyPrefix)) return undefined;
  return (JSON.parse(key.slice('account:'.length)) as string[])[1];
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
  const ids = (list: string[]) => sql`${`{${list.map(idOf).join(',')}}`}::uuid[]`;
  // One round trip for the four kinds of things an IRI can be.
  const rows = await rawRows<{
    kind: 'module' | 'assessment' | 'program' | 'session';
    id: string;
    module_id: string | null;
    program_id: string;
    iris: string[];
  }>(
    tx,
    sql`select 'module' as kind, m.id, m.id as module_id, m.program_id, m.activity_iris as iris
          from ${modules} m
         where m.tenant_id = ${tenantId} and (m.activity_iris && ${iriList} or m.id = any(${ids(own.module)}))
        union all
        select 'assessment', a.id, a.module_id, m.program_id, a.activity_iris
          from ${assessments} a join ${modules} m on m.id = a.module_id
         where a.tenant_id = ${tenantId}
           and (a.activity_iris && ${iriList} or a.id = any(${ids(own.assessment)}))
        union all
        select 'program', p.id, null, p.id, p.activity_iris
          from ${programs} p
         where p.tenant_id = ${tenantId} and p.activity_iris && ${iriList}
        union all
        select 'session', s.id, s.module_id, m.program_id, '{}'::text[]
          from ${sessions} s join ${modules} m on m.id = s.module_id
         where s.tenant_id = ${tenantId} and s.id = any(${ids(own.session)})`,
  );
  const of = (kind: string) => rows.filter((row) => row.kind === kind);
  const moduleRows = of('module').map((row) => ({
    id: row.id,
    programId: row.program_id,
    iris: row.iris,
  }));
  const assessmentRows = of('assessment').map((row) => ({
    id: row.id,
    moduleId: row.module_id!,
    programId: row.program_id,
    iris: row.iris,
  }));
  const programRows = of('program').map((row) => ({ id: row.id, iris: row.iris }));
  const sessionRows = of('session').map((row) => ({
    id: row.id,
    moduleId: row.module_id,
    programId: row.program_id,
  }));

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

const enrollmentOfPersonColumns = {
  id: enrollments.id,
  personId: enrollments.personId,
  programId: cohorts.programId,
  registration: cohorts.registration,
  startDate: cohorts.startDate,
  endDate: cohorts.endDate,
};

export async function enrollmentsOfPeople(
  tx: JejakTransaction,
  tenantId: string,
  personIds: string[],
): Promise<EnrollmentOfPerson[]> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return [];
  return tx
    .select(enrollmentOfPersonColumns)
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(and(eq(enrollments.tenantId, tenantId), inArray(enrollments.personId, unique)));
}

/**
 * The enrollments of the people these agent keys belong to, found without knowing the
 * people first (so the lookup runs beside peopleOfAgentKeys, not after it). It may also
 * return a NIP's enrollments when that key has an identity too: resolveEnrollment only
 * looks at the statement's own person's.
 */
export async function enrollmentsOfAgentKeys(
  tx: JejakTransaction,
  tenantId: string,
  keys: string[],
): Promise<EnrollmentOfPerson[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const nips = unique.flatMap((key) => nipOfJejakKey(key) ?? []);
  const byIdentity = tx
    .select({ personId: personXapiIdentities.personId })
    .from(personXapiIdentities)
    .where(
      and(
        eq(personXapiIdentities.tenantId, tenantId),
        sql`${personXapiIdentities.agentKey} in ${textList(unique)}`,
      ),
    );
  const byNip = tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), sql`${people.nip} in ${textList(nips)}`));
  return tx
    .select(enrollmentOfPersonColumns)
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(
      and(
        eq(enrollments.tenantId, tenantId),
        nips.length === 0
          ? inArray(enrollments.personId, byIdentity)
          : or(inArray(enrollments.personId, byIdentity), inArray(enrollments.personId, byNip)),
      ),
    );
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
