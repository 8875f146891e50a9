// Resolving statements to Jejak's records, a batch at a time (a few queries, whatever the
// batch size): actors to people through their xAPI identities (or their NIP, for the
// statements Jejak writes itself), activity IRIs to modules and assessments (a module's or
// assessment's IRIs, Jejak's own urn:jejak:… IRIs, a session's module) or to a programme
// (its IRIs, such as its course in the LMS), and a person's
// statement to their enrollment (by the cohort's registration, else by the programme of the
// module and the cohort's dates).
import { and, eq, inArray, sql } from 'drizzle-orm';
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

/** The people agent keys belong to, by key (by identity, else Jejak's NIP account). */
export async function peopleOfAgentKeys(
  tx: JejakTransaction,
  tenantId: string,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  return (await resolveBatch(tx, tenantId, keys, [])).people;
}

const jejakNipKeyPrefix = `account:${JSON.stringify([jejakNipHomePage, ''])}`.slice(0, -2);

/** The NIP in the agent key of Jejak's own account for a person, else undefined. */
function nipOfJejakKey(key: string): string | undefined {
  if (!key.startsWith(jejakNipKeyPrefix)) return undefined;
  return (JSON.parse(key.slice('account:'.length)) as string[])[1];
}

const jejakIri = /^urn:jejak:(module|assessment|session):([0-9a-f-]{36})$/i;

/** What a batch of statements resolves to: their actors' people and enrollments, their IRIs. */
export interface BatchResolution {
  /** Person by agent key, for the keys that belong to someone. */
  people: Map<string, string>;
  /** What each IRI is, for the IRIs that are something. */
  targets: Map<string, ActivityTarget>;
  /** The enrollments of those people (possibly of a few more: see below). */
  enrollments: EnrollmentOfPerson[];
}

interface ResolutionRow {
  kind: 'person' | 'nip' | 'enrollment' | 'module' | 'assessment' | 'program' | 'session';
  /** The agent key (person) or NIP (nip). */
  key: string | null;
  id: string;
  person_id: string | null;
  module_id: string | null;
  program_id: string | null;
  iris: string[] | null;
  registration: string | null;
  start_date: string | null;
  end_date: string | null;
}

/**
 * Resolves a batch's agent keys and activity IRIs in one statement, one round trip: on every
 * batch of statements stored this is most of what the learning projection costs to read.
 * The enrollments are found beside the people rather than after them, so a key that has an
 * identity and is also Jejak's NIP key of someone may bring that NIP's enrollments too:
 * resolveEnrollment only looks at the statement's own person's.
 */
export async function resolveBatch(
  tx: JejakTransaction,
  tenantId: string,
  keys: string[],
  iris: string[],
): Promise<BatchResolution> {
  const uniqueKeys = [...new Set(keys)];
  const uniqueIris = [...new Set(iris)];
  const nips = uniqueKeys.flatMap((key) => nipOfJejakKey(key) ?? []);
  const own = { module: [] as string[], assessment: [] as string[], session: [] as string[] };
  for (const iri of uniqueIris) {
    const match = jejakIri.exec(iri);
    if (match && isUuid(match[2]!)) own[match[1]!.toLowerCase() as keyof typeof own].push(iri);
  }
  const iriList = sql`(select list from iris)`;
  const ids = (list: string[]) => sql`${`{${list.map(idOfJejakIri).join(',')}}`}::uuid[]`;
  const rows = await rawRows<ResolutionRow>(
    tx,
    sql`with persons as materialized (
          select 'person' as kind, i.agent_key as key, i.person_id
            from ${personXapiIdentities} i
           where i.tenant_id = ${tenantId} and i.agent_key in ${textList(uniqueKeys)}
          union all
          select 'nip', p.nip, p.id
            from ${people} p
           where p.tenant_id = ${tenantId} and p.nip in ${textList(nips)}
        ),
        iris as materialized (
          select array(select json_array_elements_text(${JSON.stringify(uniqueIris)}::text::json)) as list
        )
        select kind, key, person_id as id, person_id, null::uuid as module_id,
               null::uuid as program_id, null::text[] as iris, null::uuid as registration,
               null::text as start_date, null::text as end_date
          from persons
        union all
        select 'enrollment', null, e.id, e.person_id, null, c.program_id, null, c.registration,
               to_char(c.start_date, 'YYYY-MM-DD'), to_char(c.end_date, 'YYYY-MM-DD')
          from ${enrollments} e join ${cohorts} c on c.id = e.cohort_id
         where e.tenant_id = ${tenantId} and e.person_id in (select person_id from persons)
        union all
        select 'module', null, m.id, null, m.id, m.program_id, m.activity_iris, null, null, null
          from ${modules} m
         where m.tenant_id = ${tenantId}
           and (m.activity_iris && ${iriList} or m.id = any(${ids(own.module)}))
        union all
        select 'assessment', null, a.id, null, a.module_id, m.program_id, a.activity_iris, null,
               null, null
          from ${assessments} a join ${modules} m on m.id = a.module_id
         where a.tenant_id = ${tenantId}
           and (a.activity_iris && ${iriList} or a.id = any(${ids(own.assessment)}))
        union all
        select 'program', null, p.id, null, null, p.id, p.activity_iris, null, null, null
          from ${programs} p
         where p.tenant_id = ${tenantId} and p.activity_iris && ${iriList}
        union all
        select 'session', null, s.id, null, s.module_id, m.program_id, '{}'::text[], null, null,
               null
          from ${sessions} s join ${modules} m on m.id = s.module_id
         where s.tenant_id = ${tenantId} and s.id = any(${ids(own.session)})`,
  );
  return {
    people: peopleFromRows(uniqueKeys, rows),
    targets: targetsFromRows(rows, own),
    enrollments: rows
      .filter((row) => row.kind === 'enrollment')
      .map((row) => ({
        id: row.id,
        personId: row.person_id!,
        programId: row.program_id!,
        registration: row.registration!,
        startDate: row.start_date!,
        endDate: row.end_date!,
      })),
  };
}

/**
 * Every IRI of the tenant's programmes, modules and assessments (theirs and Jejak's own
 * urn:jejak:… ones), and what it is: a catalogue of hundreds or a few thousand IRIs, kept
 * whole by the resolution cache so the many IRIs that are nothing (a quiz attempt, a page
 * view's URL) need no lookup at all.
 */
export async function catalogueTargets(
  tx: JejakTransaction,
  tenantId: string,
): Promise<Map<string, ActivityTarget>> {
  const rows = await rawRows<ResolutionRow>(
    tx,
    sql`select 'module' as kind, null as key, m.id, null::uuid as person_id, m.id as module_id,
               m.program_id, m.activity_iris as iris, null::uuid as registration,
               null::text as start_date, null::text as end_date
          from ${modules} m where m.tenant_id = ${tenantId}
        union all
        select 'assessment', null, a.id, null, a.module_id, m.program_id, a.activity_iris, null,
               null, null
          from ${assessments} a join ${modules} m on m.id = a.module_id
         where a.tenant_id = ${tenantId}
        union all
        select 'program', null, p.id, null, null, p.id, p.activity_iris, null, null, null
          from ${programs} p
         where p.tenant_id = ${tenantId} and cardinality(p.activity_iris) > 0`,
  );
  return targetsFromRows(rows, { module: [], assessment: [], session: [] });
}

/** Jejak's own IRI with its id in lower case, as the catalogue spells it; else the IRI. */
export function canonicalJejakIri(iri: string): string {
  const match = jejakIri.exec(iri);
  return match && isUuid(match[2]!)
    ? `urn:jejak:${match[1]!.toLowerCase()}:${idOfJejakIri(iri)}`
    : iri;
}

/** Whether the IRI is Jejak's own for a session (resolved by id, not in the catalogue). */
export function isJejakSessionIri(iri: string): boolean {
  const match = jejakIri.exec(iri);
  return match !== null && match[1]!.toLowerCase() === 'session' && isUuid(match[2]!);
}

/** A key's person by its identity, else (Jejak's own key for a person) by its NIP. */
function peopleFromRows(keys: string[], rows: ResolutionRow[]): Map<string, string> {
  const found = new Map<string, string>();
  const idOfNip = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'person') found.set(row.key!, row.person_id!);
    if (row.kind === 'nip') idOfNip.set(row.key!, row.person_id!);
  }
  for (const key of keys) {
    const nip = found.has(key) ? undefined : nipOfJejakKey(key);
    const id = nip === undefined ? undefined : idOfNip.get(nip);
    if (id !== undefined) found.set(key, id);
  }
  return found;
}

const idOfJejakIri = (iri: string) => iri.slice(iri.lastIndexOf(':') + 1).toLowerCase();

/** What each IRI is, from the catalogue rows that claim it. */
function targetsFromRows(
  rows: ResolutionRow[],
  own: { module: string[]; assessment: string[]; session: string[] },
): Map<string, ActivityTarget> {
  const targets = new Map<string, ActivityTarget>();
  const of = (kind: ResolutionRow['kind']) => rows.filter((row) => row.kind === kind);
  // A programme's IRI counts for its cohorts; its modules' and assessments' IRIs are nearer.
  for (const row of of('program')) {
    for (const iri of row.iris!) {
      targets.set(iri, { moduleId: null, programId: row.id, assessmentId: null, isModule: false });
    }
  }
  // An assessment's IRI next: a quiz that is also a module's IRI keeps both.
  for (const row of of('assessment')) {
    const target = { moduleId: row.module_id!, programId: row.program_id!, assessmentId: row.id };
    for (const iri of [...row.iris!, `urn:jejak:assessment:${row.id}`]) {
      targets.set(iri, { ...target, isModule: false });
    }
  }
  for (const row of of('module')) {
    for (const iri of [...row.iris!, `urn:jejak:module:${row.id}`]) {
      const assessment = targets.get(iri);
      targets.set(iri, {
        moduleId: row.id,
        programId: row.program_id!,
        assessmentId: assessment?.moduleId === row.id ? assessment.assessmentId : null,
        isModule: true,
      });
    }
  }
  for (const row of of('session')) {
    targets.set(`urn:jejak:session:${row.id}`, {
      moduleId: row.module_id!,
      programId: row.program_id!,
      assessmentId: null,
      isModule: false,
    });
  }
  // Jejak's own IRIs as a statement may spell them, with the id in capitals.
  for (const iri of own.module.concat(own.assessment, own.session)) {
    const target = targets.get(iri.replace(/:[^:]+$/, `:${idOfJejakIri(iri)}`));
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
