// The live statement of attendance recorded before its row kept a statement id (migration
// 0023): found in the LRS by what writeAttendance put in it (the session's activity as the
// object, the person's agent as the actor, the cohort's registration, attended or
// was-absent), so that recording it again voids it as it voids a statement with an id.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import {
  xapiStatementActivities,
  xapiStatementAgents,
  xapiStatements,
} from '../../db/schema/index.js';
import { agentKey } from '../../xapi/statements/agentKey.js';
import type { AgentJson } from '../../xapi/statements/xapiJson.js';
import { jejakVerbs } from '../learningRecords/jejakVocabulary.js';

/** The ids of the live attended / was-absent statements of these people at the session. */
export async function legacyAttendanceStatements(
  tx: JejakTransaction,
  tenantId: string,
  parts: { sessionId: string; registration: string; agents: AgentJson[] },
): Promise<string[]> {
  const keys = [...new Set(parts.agents.flatMap((agent) => agentKey(agent) ?? []))];
  if (keys.length === 0) return [];
  const rows = await tx
    .select({ id: xapiStatements.id })
    .from(xapiStatements)
    .innerJoin(
      xapiStatementActivities,
      and(
        eq(xapiStatementActivities.tenantId, xapiStatements.tenantId),
        eq(xapiStatementActivities.seq, xapiStatements.seq),
        eq(xapiStatementActivities.activityIri, `urn:jejak:session:${parts.sessionId}`),
        sql`${xapiStatementActivities.direct}`,
      ),
    )
    .innerJoin(
      xapiStatementAgents,
      and(
        eq(xapiStatementAgents.tenantId, xapiStatements.tenantId),
        eq(xapiStatementAgents.seq, xapiStatements.seq),
        inArray(xapiStatementAgents.agentKey, keys),
        sql`${xapiStatementAgents.direct}`,
        sql`'actor' = any(${xapiStatementAgents.roles})`,
      ),
    )
    .where(
      and(
        eq(xapiStatements.tenantId, tenantId),
        eq(xapiStatements.registration, parts.registration),
        eq(xapiStatements.voided, false),
        inArray(xapiStatements.verbIri, [jejakVerbs.attended.id, jejakVerbs.wasAbsent.id]),
      ),
    );
  return [...new Set(rows.map((row) => row.id))];
}
