// Creating and changing people (ADMIN only): the NIP checked for its employment type, the
// org unit checked to be the tenant's, and the xAPI identities that make statements from
// Moodle resolve to the person stored with it in one transaction.
import { isLocalDate } from '../../lib/dates.js';
import { and, eq } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { orgUnits, people, personXapiIdentities } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../db/constraintViolations.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { optionalUuid, requireUuid } from '../../lib/uuid.js';
import { changesOf } from '../../lib/definedOnly.js';
import { agentKey } from '../../xapi/statements/agentKey.js';
import { isValidIri } from '../../xapi/statements/validateStatement.js';
import { isValidMailto } from '../../xapi/statements/validation/formats.js';
import { lockTenantStatementWrites, type JejakTransaction } from '../../db/advisoryLock.js';
import { requireRole, type Actor } from '../access/actor.js';
import { jejakNipHomePage } from '../learningRecords/jejakVocabulary.js';
import { resolveAgentKeys } from '../learningRecords/projectLearning.js';
import { nipProblem, type EmploymentType } from './nip.js';
import type { Person } from './peopleRepository.js';

export interface XapiAccount {
  homePage: string;
  name: string;
}

export interface NewPerson {
  nip: string;
  employmentType: EmploymentType;
  name: string;
  email?: string | null;
  position?: string | null;
  rank?: string | null;
  birthPlace?: string | null;
  /** YYYY-MM-DD. */
  birthDate?: string | null;
  /** SIASN's pnsOrangId. */
  siasnId?: string | null;
  orgUnitId?: string | null;
  subject?: string | null;
  /** Accounts on LMSs, e.g. Moodle's `{ homePage: site URL, name: user id or NIP }`. */
  xapiAccounts?: XapiAccount[];
  /** `mailto:` IRIs the person's statements may carry instead of an account. */
  mboxes?: string[];
}

export type PersonChanges = Partial<Omit<NewPerson, 'nip' | 'employmentType'>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createPerson(db: JejakDb, actor: Actor, input: NewPerson): Promise<Person> {
  requireRole(actor, 'creating a person', 'ADMIN');
  const problem = nipProblem(input.nip, input.employmentType);
  if (problem !== undefined) throw new BadUserInputError(`nip: ${problem}`);
  checkFields(input);
  const identities = identityRows(input);
  try {
    return await db.transaction(async (tx) => {
      if (input.orgUnitId) await requireOrgUnit(tx as unknown as JejakDb, actor, input.orgUnitId);
      const [person] = await tx
        .insert(people)
        .values({
          tenantId: actor.tenantId,
          nip: input.nip,
          employmentType: input.employmentType,
          name: input.name.trim(),
          email: input.email ?? null,
          position: input.position ?? null,
          rank: input.rank ?? null,
          birthPlace: input.birthPlace ?? null,
          birthDate: input.birthDate ?? null,
          siasnId: input.siasnId ?? null,
          orgUnitId: input.orgUnitId ?? null,
          subject: input.subject ?? null,
        })
        .returning();
      if (identities.length > 0) {
        await tx
          .insert(personXapiIdentities)
          .values(
            identities.map((row) => ({ ...row, tenantId: actor.tenantId, personId: person!.id })),
          );
      }
      await claimStatements(tx, actor.tenantId, person!, identities);
      return person!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        'a person with this NIP, token subject or xAPI identity already exists in the tenant',
      );
    }
    throw error;
  }
}

export async function updatePerson(
  db: JejakDb,
  actor: Actor,
  id: string,
  changes: PersonChanges,
): Promise<Person> {
  requireRole(actor, 'changing a person', 'ADMIN');
  requireUuid(id, 'id');
  changes = changesOf(changes, ['name']);
  checkFields(changes);
  const identities = changes.xapiAccounts || changes.mboxes ? identityRows(changes) : undefined;
  try {
    return await db.transaction(async (tx) => {
      if (changes.orgUnitId)
        await requireOrgUnit(tx as unknown as JejakDb, actor, changes.orgUnitId);
      const set: Partial<typeof people.$inferInsert> = { updatedAt: new Date() };
      if (changes.name !== undefined) set.name = changes.name.trim();
      for (const field of [
        'email',
        'position',
        'rank',
        'birthPlace',
        'birthDate',
        'siasnId',
        'orgUnitId',
        'subject',
      ] as const) {
        if (changes[field] !== undefined) set[field] = changes[field];
      }
      const [person] = await tx
        .update(people)
        .set(set)
        .where(and(eq(people.tenantId, actor.tenantId), eq(people.id, id)))
        .returning();
      if (person === undefined) throw new NotFoundError(`no person ${id} in this tenant`);
      if (identities !== undefined) {
        // The lists given replace the person's identities.
        await tx
          .delete(personXapiIdentities)
          .where(
            and(
              eq(personXapiIdentities.tenantId, actor.tenantId),
              eq(personXapiIdentities.personId, id),
            ),
          );
        if (identities.length > 0) {
          await tx
            .insert(personXapiIdentities)
            .values(identities.map((row) => ({ ...row, tenantId: actor.tenantId, personId: id })));
        }
        await claimStatements(tx, actor.tenantId, person, identities);
      }
      return person;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        'another person of the tenant has this token subject or xAPI identity',
      );
    }
    throw error;
  }
}

/**
 * Statements already stored under the person's identities (or under their NIP, as Jejak
 * names a person without identities) become theirs, with their progress.
 */
async function claimStatements(
  tx: JejakTransaction,
  tenantId: string,
  person: Person,
  identities: { agentKey: string }[],
) {
  await lockTenantStatementWrites(tx, tenantId);
  await resolveAgentKeys(tx, tenantId, [
    ...identities.map((identity) => identity.agentKey),
    agentKey({ account: { homePage: jejakNipHomePage, name: person.nip } })!,
  ]);
}

function checkFields(input: PersonChanges) {
  optionalUuid(input.orgUnitId, 'orgUnitId');
  if (input.name !== undefined && input.name.trim() === '') {
    throw new BadUserInputError('name: must not be empty');
  }
  if (input.email && !emailPattern.test(input.email)) {
    throw new BadUserInputError('email: is not an e-mail address');
  }
  if (input.birthDate && !isLocalDate(input.birthDate)) {
    throw new BadUserInputError('birthDate: expected a date YYYY-MM-DD');
  }
}

function identityRows(input: PersonChanges) {
  const rows = [
    ...(input.xapiAccounts ?? []).map((account, index) => {
      if (!isValidIri(account.homePage) || account.name.trim() === '') {
        throw new BadUserInputError(
          `xapiAccounts[${index}]: needs a homePage IRI (the LMS's URL) and a name`,
        );
      }
      return {
        agentKey: agentKey({ account })!,
        kind: 'account',
        homePage: account.homePage,
        name: account.name,
      };
    }),
    ...(input.mboxes ?? []).map((mbox, index) => {
      if (!isValidMailto(mbox)) {
        throw new BadUserInputError(`mboxes[${index}]: must be a mailto: IRI`);
      }
      return { agentKey: agentKey({ mbox })!, kind: 'mbox', homePage: null, name: mbox };
    }),
  ];
  const keys = new Set(rows.map((row) => row.agentKey));
  if (keys.size !== rows.length) throw new BadUserInputError('an xAPI identity is listed twice');
  return rows;
}

async function requireOrgUnit(db: JejakDb, actor: Actor, orgUnitId: string) {
  requireUuid(orgUnitId, 'orgUnitId');
  const [unit] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, actor.tenantId), eq(orgUnits.id, orgUnitId)));
  if (unit === undefined)
    throw new NotFoundError(`orgUnitId: no org unit ${orgUnitId} in this tenant`);
}
