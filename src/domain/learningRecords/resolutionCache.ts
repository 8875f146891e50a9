// What statements resolve to, remembered between batches. Moodle sends the same learners and
// the same course's activities over and over, and looking up each batch's actors, IRIs and
// enrollments was half of what the learning projection cost. Kept per tenant:
// - the catalogue whole: every IRI of its programmes, modules and assessments, so the many
//   IRIs that are nothing (a quiz attempt, a page view's URL) need no lookup at all;
// - the agent keys seen so far, with their person (or none) and that person's enrollments;
// - Jejak's session IRIs seen so far.
// Each part is trusted only while the tenant's number for it in resolution_versions is the
// one it was filled under. Triggers move those numbers in the same transaction as any change
// resolution depends on, whichever instance makes it, so one cheap read per batch decides.
//
// Why this is safe: the numbers are read before the lookups, so what is remembered under a
// number is never older than that number. A transaction that changes what resolution reads
// moves a number (from a sequence, never reused, even when that transaction rolls back), so
// entries filled from its own uncommitted view are never trusted by anyone else.
import { sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { prepared } from '../../db/preparedStatements.js';
import { rawRows } from '../../db/rawRows.js';
import { resolutionVersions } from '../../db/schema/index.js';
import {
  canonicalJejakIri,
  catalogueTargets,
  isJejakSessionIri,
  resolveBatch,
  type ActivityTarget,
  type BatchResolution,
  type EnrollmentOfPerson,
} from './resolveStatements.js';

interface KnownPeople {
  version: string;
  /** By agent key: the person, or null for a key that belongs to no one. */
  people: Map<string, string | null>;
  /** By person: their enrollments. */
  enrollments: Map<string, EnrollmentOfPerson[]>;
}

interface KnownCatalogue {
  version: string;
  /** Every IRI of the programmes, modules and assessments. */
  targets: Map<string, ActivityTarget>;
  /** Session IRIs looked up so far: what each is, or null. */
  sessions: Map<string, ActivityTarget | null>;
}

/** Agent keys (or session IRIs) kept per tenant before that part starts afresh. */
const maxEntries = 50_000;

// Per process, by tenant id. Tenant ids are random UUIDs, so two databases opened by one
// process (tests do) never share an entry.
const knownPeople = new Map<string, KnownPeople>();
const knownCatalogues = new Map<string, KnownCatalogue>();

/** The tenant's resolution versions, as this transaction sees them. */
export interface ResolutionVersions {
  people: string;
  catalogue: string;
}

/**
 * Reads the tenant's resolution versions. Sent right behind the tenant's statement lock
 * (storeStatements), so the read runs once the lock is held and travels with the statement
 * inserts instead of costing a round trip of its own; it must come before any lookup (see
 * the top of this file).
 */
export async function readResolutionVersions(
  tx: JejakTransaction,
  tenantId: string,
): Promise<ResolutionVersions> {
  const [versions] = await rawRows<ResolutionVersions>(
    tx,
    prepared(sql`select people::text as people, catalogue::text as catalogue
          from ${resolutionVersions} where tenant_id = ${tenantId}`),
  );
  return versions ?? { people: 'none', catalogue: 'none' };
}

export async function resolveBatchCached(
  tx: JejakTransaction,
  tenantId: string,
  versions: ResolutionVersions,
  keys: string[],
  iris: string[],
): Promise<BatchResolution> {
  const catalogue = await catalogueOf(tx, tenantId, versions.catalogue);
  let people = knownPeople.get(tenantId);
  const peopleVersion = versions.people;
  if (people?.version !== peopleVersion || people.people.size > maxEntries) {
    people = { version: peopleVersion, people: new Map(), enrollments: new Map() };
    knownPeople.set(tenantId, people);
  }
  if (catalogue.sessions.size > maxEntries) catalogue.sessions.clear();

  const newKeys = [...new Set(keys)].filter((key) => !people.people.has(key));
  const newSessions = [...new Set(iris.filter(isJejakSessionIri).map(canonicalJejakIri))].filter(
    (iri) => !catalogue.sessions.has(iri),
  );
  if (newKeys.length > 0 || newSessions.length > 0) {
    const found = await resolveBatch(tx, tenantId, newKeys, newSessions);
    const enrollmentsOf = new Map<string, EnrollmentOfPerson[]>();
    for (const enrollment of found.enrollments) {
      enrollmentsOf.set(enrollment.personId, [
        ...(enrollmentsOf.get(enrollment.personId) ?? []),
        enrollment,
      ]);
    }
    for (const key of newKeys) {
      const personId = found.people.get(key) ?? null;
      people.people.set(key, personId);
      if (personId !== null) people.enrollments.set(personId, enrollmentsOf.get(personId) ?? []);
    }
    for (const iri of newSessions) catalogue.sessions.set(iri, found.targets.get(iri) ?? null);
  }

  const peopleOfKeys = new Map<string, string>();
  for (const key of keys) {
    const personId = people.people.get(key);
    if (personId != null) peopleOfKeys.set(key, personId);
  }
  const targets = new Map<string, ActivityTarget>();
  for (const iri of iris) {
    const canonical = canonicalJejakIri(iri);
    const target = catalogue.targets.get(canonical) ?? catalogue.sessions.get(canonical);
    if (target != null) targets.set(iri, target);
  }
  return {
    people: peopleOfKeys,
    targets,
    enrollments: [...new Set(peopleOfKeys.values())].flatMap(
      (personId) => people.enrollments.get(personId) ?? [],
    ),
  };
}

async function catalogueOf(
  tx: JejakTransaction,
  tenantId: string,
  version: string,
): Promise<KnownCatalogue> {
  const known = knownCatalogues.get(tenantId);
  if (known?.version === version) return known;
  const fresh = { version, targets: await catalogueTargets(tx, tenantId), sessions: new Map() };
  knownCatalogues.set(tenantId, fresh);
  return fresh;
}
