// Every SQL statement the GraphQL lists run can be served by an index: the statements a
// broad set of list queries sends (first pages and pages after a cursor, every order and
// filter, as each role) are explained with sequential scans priced out, and no plan may
// still read a table or an index from end to end. (Speed is for benchmarks, not tests.)
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { rawRows } from '../src/db/rawRows.js';
import { dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';

/**
 * Plan nodes that read a table from end to end: sequential scans, and index scans with no
 * index condition (which walk a whole index, as a planner with seq scans priced out does).
 */
function fullScans(plan: Record<string, unknown>, found: string[] = []): string[] {
  const type = String(plan['Node Type']);
  if (type === 'Seq Scan') found.push(`Seq Scan on ${String(plan['Relation Name'])}`);
  if (/Index (Only )?Scan$/.test(type) && plan['Index Cond'] === undefined) {
    found.push(`${type} without a condition on ${String(plan['Index Name'])}`);
  }
  for (const child of (plan.Plans as Record<string, unknown>[] | undefined) ?? []) {
    fullScans(child, found);
  }
  return found;
}

/** A logged statement with its parameters bound again, ready to explain. */
function bound(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)\b/);
  return sql.join(
    parts.map((part, index) =>
      index % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`,
    ),
    sql``,
  );
}

const lists = `query ($afterName: String, $afterNip: String, $afterProgram: String, $afterCohort: String, $unit: ID, $staff: Boolean!,
                      $cohort: ID!, $program: ID!, $afterRank: String, $admin: Boolean!) {
  people(first: 2, after: $afterName, search: "e", orgUnitId: $unit) { nodes { id } }
  byName: people(first: 1, after: $afterName) { pageInfo { endCursor } }
  byNip: people(first: 1, after: $afterNip, orderBy: { field: NIP, direction: DESC }) { nodes { id } pageInfo { endCursor } }
  agencies(first: 2) { nodes { orgUnits(first: 2) { nodes { children(first: 2) { nodes { name } } parent { name } } }
                               top: orgUnits(topLevelOnly: true) { nodes { name } } } }
  programs(first: 2, status: OPEN, search: "Keuangan") { nodes { modules { assessments { results(first: 2) { nodes { score } } } } competencies { name } } }
  newest: programs(first: 1, after: $afterProgram, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { title } pageInfo { endCursor } }
  competencies(kind: TEKNIS, search: "RKA") { nodes { name } }
  positionCompetencyGaps(position: "Analis Anggaran") @include(if: $staff) { nodes { gap } }
  mentorAssignments(first: 2) { nodes { checkIns { notes } mentee { actionPlans { steps { status } reviews { comment } } } } }
  cohorts(first: 2, runningOn: "2026-02-01") { nodes {
    facilitators { name }
    mentorAssignments(first: 2) { nodes { id } }
    actionPlans(first: 2) { nodes { goal } }
    sessions(first: 2, from: "2026-01-01T00:00:00Z") { nodes { module { title } attendance(first: 2) { nodes { status session { title } } } } }
    enrollments(first: 2, status: ACTIVE) { nodes {
      person { name orgUnit { name } xapiIdentities { name } competencyGaps(first: 2) { nodes { gap } } }
      moduleProgress { status }
      points badges { kind }
      results(first: 2) { nodes { score assessor { name } assessment { title } cohort { name } } } } } } }
  cohortsByName: cohorts(first: 1, after: $afterCohort, orderBy: { field: NAME, direction: DESC }) { nodes { name } pageInfo { endCursor } }
  pointRules(programId: $program) { nodes { points } }
  myPoints { nodes { points rank badges { kind } } }
  cohortLeaderboard(cohortId: $cohort, first: 1, after: $afterRank) @include(if: $staff) {
    nodes { rank person { name } badges { kind } } pageInfo { endCursor } }
  programLeaderboard(programId: $program, first: 1) @include(if: $admin) { nodes { rank } }
}`;

describe('GraphQL query plans', () => {
  let t: TestApp;
  let s: Setup;
  beforeAll(async () => {
    t = await startTestApp();
    s = await setup(t, 3);
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const module = dataOf(
      await s.admin(`query ($p: ID!) { program(id: $p) { modules { id } } }`, { p: s.programId }),
    ).program.modules[0].id;
    const assessment = dataOf(
      await s.admin(
        `mutation ($m: ID!) { createAssessment(input: { moduleId: $m, kind: POST_TEST, title: "Tes", maxScore: 10 }) { id } }`,
        { m: module },
      ),
    ).createAssessment.id;
    dataOf(
      await facilitator(
        `mutation ($a: ID!, $c: ID!, $p: ID!) { recordAssessmentResult(input: { assessmentId: $a, cohortId: $c, personId: $p, score: 7 }) { id } }`,
        { a: assessment, c: s.cohortId, p: s.learnerIds[0] },
      ),
    );
    const session = dataOf(
      await facilitator(
        `mutation ($c: ID!, $m: ID!) { createSession(input: { cohortId: $c, moduleId: $m, title: "Hari 1",
           startsAt: "2026-02-02T01:00:00Z", endsAt: "2026-02-02T09:00:00Z" }) { id } }`,
        { c: s.cohortId, m: module },
      ),
    ).createSession.id;
    dataOf(
      await facilitator(
        `mutation ($s: ID!, $p: ID!) { recordAttendance(input: { sessionId: $s, personId: $p, status: PRESENT }) { status } }`,
        { s: session, p: s.learnerIds[0] },
      ),
    );
  });
  afterAll(async () => t?.close());

  async function statementsOf(role: Role, subject: string, variables: Record<string, unknown>) {
    const as = graphqlAs(t, await tokenFor(s.tenant, [role], subject));
    t.queries.recording = [];
    const staff = role === 'ADMIN' || role === 'FACILITATOR';
    try {
      return {
        data: dataOf(
          await as(lists, {
            ...variables,
            staff,
            admin: role === 'ADMIN',
            cohort: s.cohortId,
            program: s.programId,
          }),
        ),
        statements: t.queries.recording,
      };
    } finally {
      t.queries.recording = undefined;
    }
  }

  async function scansOf(statement: { sql: string; params: unknown[] }): Promise<string[]> {
    return t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const [row] = await rawRows<{ 'QUERY PLAN': unknown }>(
        tx as never,
        sql`explain (format json) ${bound(statement.sql, statement.params)}`,
      );
      const plan = row!['QUERY PLAN'];
      const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: unknown }[];
      return fullScans(parsed[0]!.Plan as Record<string, unknown>);
    });
  }

  const callers: [Role, string][] = [
    ['ADMIN', 'sso-admin'],
    ['FACILITATOR', 'sso-facilitator'],
    ['LEARNER', 'sso-learner'],
    ['MENTOR', 'sso-mentor'],
  ];

  it.each(callers)(
    '%s: every statement of the list queries is an index scan',
    async (role, subject) => {
      const first = await statementsOf(role, subject, {});
      const next = await statementsOf(role, subject, {
        afterName: first.data.byName.pageInfo.endCursor,
        afterNip: first.data.byNip.pageInfo.endCursor,
        afterProgram: first.data.newest.pageInfo.endCursor,
        afterCohort: first.data.cohortsByName.pageInfo.endCursor,
        unit: '00000000-0000-4000-8000-000000000000',
        afterRank: first.data.cohortLeaderboard?.pageInfo.endCursor,
      });
      const selects = [...first.statements, ...next.statements].filter((statement) =>
        /^\s*\(?\s*(select|with)/i.test(statement.sql),
      );
      expect(selects.length).toBeGreaterThan(15);
      // Points, ranks and badges are among them (a mentor without mentees sees no enrollment).
      if (role !== 'MENTOR') {
        expect(selects.some((statement) => statement.sql.includes('"point_awards"'))).toBe(true);
        expect(selects.some((statement) => statement.sql.includes('PERFECT_QUIZ'))).toBe(true);
      }
      for (const statement of selects) {
        expect(await scansOf(statement), statement.sql).toEqual([]);
      }
    },
  );
});
