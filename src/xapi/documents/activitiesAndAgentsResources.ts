// GET /activities (the canonical Activity, its definition merged from statements) and
// GET /agents (the Person object for an agent): read-only views of what statements taught
// the LRS.
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../appServices.js';
import { rawRows } from '../../db/rawRows.js';
import { xapiActivities } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { agentKey } from '../statements/agentKey.js';
import type { AgentJson, JsonObject } from '../statements/xapiJson.js';
import { requireScope, versionOf } from '../xapiRequest.js';
import { parseDocumentParams, requireParams } from './documentParams.js';

export async function activitiesAndAgentsResources(app: FastifyInstance, services: AppServices) {
  const db = services.database.db;

  app.get('/activities', async (request, reply) => {
    const { tenantId } = requireScope(
      request,
      'statements/read',
      'statements/read/mine',
      'define',
      'all/read',
    );
    const params = parseDocumentParams(
      request.query as Record<string, unknown>,
      ['activityId'],
      versionOf(request),
      '/activities',
    );
    requireParams(params, ['activityId'], { activityId: 'activityId' });
    const id = params.activityId!;
    const [defined] = await db
      .select({ definition: xapiActivities.definition })
      .from(xapiActivities)
      .where(and(eq(xapiActivities.tenantId, tenantId), eq(xapiActivities.iri, id)));
    // xAPI 2.0 answers an Activity Object even for an id no statement mentioned; under
    // 1.0.3 an unknown activity is a 404.
    if (
      versionOf(request) === '1.0.3' &&
      defined === undefined &&
      !(await mentioned(tenantId, id))
    ) {
      throw new NotFoundError(`no statement of this tenant mentions the activity ${id}`);
    }
    const activity: JsonObject = { objectType: 'Activity', id };
    if (defined?.definition) activity.definition = defined.definition;
    return reply.type('application/json; charset=utf-8').send(activity);
  });

  app.get('/agents', async (request, reply) => {
    const { tenantId } = requireScope(
      request,
      'statements/read',
      'statements/read/mine',
      'profile',
      'all/read',
    );
    const params = parseDocumentParams(
      request.query as Record<string, unknown>,
      ['agent'],
      versionOf(request),
      '/agents',
    );
    requireParams(params, ['agent'], { agent: 'agent' });
    const agent = params.agent!;
    const names = new Set<string>();
    if (typeof agent.name === 'string') names.add(agent.name);
    const latestName = await latestActorName(tenantId, agentKey(agent)!);
    if (latestName !== undefined) names.add(latestName);
    return reply.type('application/json; charset=utf-8').send(personOf(agent, [...names]));
  });

  /** Whether any statement of the tenant mentions the activity (one index probe). */
  async function mentioned(tenantId: string, iri: string): Promise<boolean> {
    const rows = await rawRows(
      db,
      sql`select 1 from xapi_statement_activities where tenant_id = ${tenantId} and activity_iri = ${iri} limit 1`,
    );
    return rows.length > 0;
  }

  /** The name the newest statement with this agent as actor gave it, if any. */
  async function latestActorName(tenantId: string, key: string): Promise<string | undefined> {
    const [row] = await rawRows<{ name: string | null }>(
      db,
      sql`select s.payload->'actor'->>'name' as name
          from xapi_statement_agents a join xapi_statements s on s.tenant_id = a.tenant_id and s.seq = a.seq
          where a.tenant_id = ${tenantId} and a.agent_key = ${key} and a.direct and 'actor' = any(a.roles)
          order by a.seq desc limit 1`,
    );
    return row?.name ?? undefined;
  }
}

/** xAPI's Person object: every identifier and name known for the agent, each as a list. */
export function personOf(agent: AgentJson, names: string[]): JsonObject {
  const person: JsonObject = { objectType: 'Person' };
  if (names.length > 0) person.name = names;
  if (agent.mbox !== undefined) person.mbox = [agent.mbox];
  if (agent.mbox_sha1sum !== undefined) person.mbox_sha1sum = [agent.mbox_sha1sum];
  if (agent.openid !== undefined) person.openid = [agent.openid];
  if (agent.account !== undefined) person.account = [agent.account];
  return person;
}
