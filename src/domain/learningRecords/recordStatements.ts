// Writes the statements of a GraphQL mutation into the LRS inside the mutation's own
// transaction: both land or neither does. They are written by the tenant's system
// credential (revoked, so it can never authenticate), which is their authority.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { personXapiIdentities, xapiCredentials } from '../../db/schema/index.js';
import { storeStatements } from '../../xapi/statements/storeStatements.js';
import { validateStatements } from '../../xapi/statements/validateStatements.js';
import type { AgentJson, StatementJson } from '../../xapi/statements/xapiJson.js';
import { authorityOf } from '../../xapi/statements/authority.js';
import { personAgent } from './jejakVocabulary.js';

const systemCredentialName = 'Jejak GraphQL';

/** The agent a person's statements carry, from the identities stored for them. */
export async function agentOfPerson(
  tx: JejakTransaction,
  tenantId: string,
  person: { id: string; name: string; nip: string },
): Promise<AgentJson> {
  const identities = await tx
    .select()
    .from(personXapiIdentities)
    .where(
      and(
        eq(personXapiIdentities.tenantId, tenantId),
        eq(personXapiIdentities.personId, person.id),
      ),
    );
  return personAgent(person, identities);
}

/** The agents of several people's statements, with one query for their identities. */
export async function agentsOfPeople(
  tx: JejakTransaction,
  tenantId: string,
  persons: { id: string; name: string; nip: string }[],
): Promise<Map<string, AgentJson>> {
  const identities =
    persons.length === 0
      ? []
      : await tx
          .select()
          .from(personXapiIdentities)
          .where(
            and(
              eq(personXapiIdentities.tenantId, tenantId),
              inArray(
                personXapiIdentities.personId,
                persons.map((person) => person.id),
              ),
            ),
          );
  return new Map(
    persons.map((person) => [
      person.id,
      personAgent(
        person,
        identities.filter((identity) => identity.personId === person.id),
      ),
    ]),
  );
}

export async function recordStatements(
  tx: JejakTransaction,
  tenantId: string,
  statements: StatementJson[],
): Promise<string[]> {
  const credential = await systemCredential(tx, tenantId);
  const valid = validateStatements(
    statements,
    '2.0.0',
    statements.map((_, index) => `statements[${index}]`),
  );
  const result = await storeStatements(tx as unknown as JejakDb, {
    tenantId,
    credentialId: credential.id,
    authority: authorityOf({ ...credential, tenantId, scopes: ['statements/write'] }),
    version: '2.0.0',
    statements: valid,
  });
  return result.ids;
}

async function systemCredential(tx: JejakTransaction, tenantId: string) {
  const key = `jejak_system_${tenantId.replaceAll('-', '')}`;
  const find = () =>
    tx
      .select({ id: xapiCredentials.id, key: xapiCredentials.key, name: xapiCredentials.name })
      .from(xapiCredentials)
      .where(and(eq(xapiCredentials.tenantId, tenantId), eq(xapiCredentials.key, key)));
  const [existing] = await find();
  if (existing !== undefined) return existing;
  await tx
    .insert(xapiCredentials)
    .values({
      tenantId,
      key,
      // Not a hash of anything: no secret verifies against it, and the row is revoked.
      secretHash: '!',
      name: systemCredentialName,
      scopes: ['statements/write'],
      revokedAt: sql`now()`,
    })
    .onConflictDoNothing();
  const [row] = await find();
  return row!;
}
