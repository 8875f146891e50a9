// The person the actor is (linked by the token's subject), as SQL for visibility
// predicates and as a lookup for writes that record who acted.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { people } from '../../db/schema/index.js';
import type { Actor } from './actor.js';

/** `(select id from people …)`: the actor's person id, for `x in ${…}` predicates. */
export function actorPersonIds(actor: Actor): SQL {
  return sql`(select id from ${people} where tenant_id = ${actor.tenantId}
              and subject = ${actor.subject})`;
}

/** The actor's person id, or undefined when no person of the tenant has their subject. */
export async function findActorPersonId(db: JejakDb, actor: Actor): Promise<string | undefined> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, actor.tenantId), eq(people.subject, actor.subject)));
  return row?.id;
}
