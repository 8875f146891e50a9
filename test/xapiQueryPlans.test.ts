// Every query the statement resource runs can be served by an index: with sequential scans
// priced out, no plan may still read a whole statement or link table. (Speed itself is
// measured by `npm run bench`, not here.)
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { agentKey } from '../src/xapi/statements/agentKey.js';
import { authorityHomePage } from '../src/xapi/statements/authority.js';
import type { AgentJson } from '../src/xapi/statements/xapiJson.js';
import {
  statementByIdSql,
  statementPageSql,
  type StatementPageQuery,
} from '../src/xapi/statements/queryStatements.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { learner, statement, verbs, xapiClient } from './support/xapiClient.js';

/** Plan nodes that read a table of the LRS from end to end. */
function sequentialScans(plan: unknown): string[] {
  const found: string[] = [];
  const visit = (node: Record<string, unknown>) => {
    if (node['Node Type'] === 'Seq Scan') found.push(String(node['Relation Name']));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit(plan as Record<string, unknown>);
  return found;
}

describe('statement query plans', () => {
  let t: TestApp;
  let tenantId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const lrs = await xapiClient(t);
    tenantId = lrs.tenant.id;
    await lrs.post(Array.from({ length: 50 }, () => statement())).expect(200);
  });
  afterAll(async () => t?.close());

  async function planOf(query: SQL): Promise<string[]> {
    return t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const [row] = await rawRows<{ 'QUERY PLAN': unknown }>(
        tx,
        sql`explain (format json) ${query}`,
      );
      const plan = row!['QUERY PLAN'];
      const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: unknown }[];
      return sequentialScans(parsed[0]!.Plan);
    });
  }

  const agent = agentKey(learner('199001012015011001') as AgentJson)!;
  // A credential's agent: with related_agents, also found through who wrote the statement.
  const authority = agentKey({ account: { homePage: authorityHomePage, name: 'some-key' } })!;
  const base = (): StatementPageQuery => ({
    tenantId,
    relatedAgents: false,
    relatedActivities: false,
    ascending: false,
    limit: 100,
  });
  const shapes: [string, Partial<StatementPageQuery>][] = [
    ['no filter', {}],
    ['no filter, ascending, after a cursor', { ascending: true, afterSeq: 10 }],
    ['agent', { agentKey: agent }],
    ['agent + verb', { agentKey: agent, verbIri: verbs.completed }],
    ['related agents', { agentKey: agent, relatedAgents: true }],
    ['related agents + verb', { agentKey: agent, relatedAgents: true, verbIri: verbs.completed }],
    ["related agents, a credential's", { agentKey: authority, relatedAgents: true }],
    [
      "related agents, a credential's, + activity",
      { agentKey: authority, relatedAgents: true, activityIri: 'https://lms.example/a' },
    ],
    ['activity', { activityIri: 'https://lms.example/mod/quiz/view.php?id=7' }],
    ['activity + verb', { activityIri: 'https://lms.example/a', verbIri: verbs.completed }],
    ['related activities', { activityIri: 'https://lms.example/a', relatedActivities: true }],
    ['agent + activity', { agentKey: agent, activityIri: 'https://lms.example/a' }],
    ['verb', { verbIri: verbs.completed }],
    ['registration', { registration: randomUUID() }],
    ['since + until', { since: '2026-01-01T00:00:00Z', until: '2026-12-31T00:00:00Z' }],
    ['agent + since', { agentKey: agent, since: '2026-01-01T00:00:00Z' }],
    ['read/mine', { writtenBy: randomUUID() }],
  ];

  it.each(shapes)('%s: no sequential scan', async (_name, shape) => {
    expect(await planOf(statementPageSql({ ...base(), ...shape }))).toEqual([]);
  });

  it('by statement id: no sequential scan', async () => {
    expect(await planOf(statementByIdSql(tenantId, randomUUID(), false))).toEqual([]);
  });
});
