// Lists at once: enrolments, a session's attendance, a class's results and a module's
// completion, each all or nothing; and the worked example `npm run demo` loads, at a small
// size, through the same public APIs.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../src/auth/jwt.js';
import { loadWorkedExample } from '../src/demo/loadWorkedExample.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { startDemo } from './support/processes.js';
import { person, setup } from './support/programmeFixture.js';
import {
  basicAuth,
  createTestCredential,
  createTestTenant,
  startTestApp,
  testJwtSecret,
  type TestApp,
} from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const none = '00000000-0000-4000-8000-000000000000';

describe('lists at once, and the worked example', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('enrolls, records attendance and results, and completes modules for many, or for none', async () => {
    const s = await setup(t, 0);
    const people = [
      await person(s.admin, 'Satu'),
      await person(s.admin, 'Dua'),
      await person(s.admin, 'Tiga'),
    ];
    const ids = people.map((entry) => entry.id);
    const enroll = `mutation ($c: ID!, $p: [ID!]!) { enrollPeople(input: { cohortId: $c, personIds: $p }) { id status person { name } } }`;
    expect(codeOf(await s.admin(enroll, { c: s.cohortId, p: [...ids, none] }))).toBe('NOT_FOUND');
    expect(codeOf(await s.admin(enroll, { c: s.cohortId, p: [ids[0], ids[0]] }))).toBe(
      'BAD_USER_INPUT',
    );
    const enrolled = dataOf(await s.admin(enroll, { c: s.cohortId, p: ids })).enrollPeople;
    expect(enrolled.map((row: { person: { name: string } }) => row.person.name)).toEqual([
      'Satu',
      'Dua',
      'Tiga',
    ]);
    expect(codeOf(await s.admin(enroll, { c: s.cohortId, p: [ids[0]] }))).toBe('CONFLICT');

    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const sessionId = dataOf(
      await facilitator(
        `mutation ($c: ID!) { createSession(input: { cohortId: $c, title: "Hari 1", startsAt: "2026-02-02T01:00:00Z", endsAt: "2026-02-02T09:00:00Z" }) { id } }`,
        { c: s.cohortId },
      ),
    ).createSession.id;
    const attend = `mutation ($s: ID!, $r: [AttendanceRecordInput!]!) { recordSessionAttendance(input: { sessionId: $s, records: $r }) { status person { name } } }`;
    const outsider = await person(s.admin, 'Bukan peserta');
    expect(
      codeOf(
        await facilitator(attend, {
          s: sessionId,
          r: [
            { personId: ids[0], status: 'PRESENT' },
            { personId: outsider.id, status: 'PRESENT' },
          ],
        }),
      ),
    ).toBe('NOT_FOUND');
    const attended = dataOf(
      await facilitator(attend, {
        s: sessionId,
        r: [
          { personId: ids[0], status: 'PRESENT' },
          { personId: ids[1], status: 'LATE' },
          { personId: ids[2], status: 'ABSENT' },
        ],
      }),
    ).recordSessionAttendance;
    expect(attended).toEqual([
      { status: 'PRESENT', person: { name: 'Satu' } },
      { status: 'LATE', person: { name: 'Dua' } },
      { status: 'ABSENT', person: { name: 'Tiga' } },
    ]);

    const modules = dataOf(
      await s.admin(`query ($p: ID!) { program(id: $p) { modules { id } } }`, { p: s.programId }),
    ).program.modules as { id: string }[];
    const quiz = dataOf(
      await s.admin(
        `mutation ($m: ID!) { createAssessment(input: { moduleId: $m, kind: POST_TEST, title: "Post-test", maxScore: 100, passingScore: 70 }) { id } }`,
        { m: modules[0]!.id },
      ),
    ).createAssessment.id;
    const grade = `mutation ($a: ID!, $c: ID!, $r: [LearnerScoreInput!]!) { recordAssessmentResults(input: { assessmentId: $a, cohortId: $c, results: $r }) { score passed attempt } }`;
    expect(
      codeOf(
        await facilitator(grade, {
          a: quiz,
          c: s.cohortId,
          r: [
            { personId: ids[0], score: 80 },
            { personId: ids[1], score: 101 },
          ],
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    const first = dataOf(
      await facilitator(grade, {
        a: quiz,
        c: s.cohortId,
        r: [
          { personId: ids[0], score: 80 },
          { personId: ids[1], score: 50 },
        ],
      }),
    ).recordAssessmentResults;
    expect(first).toEqual([
      { score: 80, passed: true, attempt: 1 },
      { score: 50, passed: false, attempt: 1 },
    ]);
    const again = dataOf(
      await facilitator(grade, { a: quiz, c: s.cohortId, r: [{ personId: ids[1], score: 75 }] }),
    ).recordAssessmentResults;
    expect(again).toEqual([{ score: 75, passed: true, attempt: 2 }]);

    const enrollmentIds = enrolled.map((row: { id: string }) => row.id);
    const complete = `mutation ($m: ID!, $e: [ID!]!) { completeModuleForEnrollments(input: { moduleId: $m, enrollmentIds: $e }) { status } }`;
    expect(
      codeOf(await facilitator(complete, { m: modules[1]!.id, e: [enrollmentIds[0], none] })),
    ).toBe('NOT_FOUND');
    expect(
      dataOf(await facilitator(complete, { m: modules[1]!.id, e: enrollmentIds.slice(0, 2) }))
        .completeModuleForEnrollments,
    ).toEqual([{ status: 'COMPLETED' }, { status: 'COMPLETED' }]);

    // Nothing of the refused calls was written: 3 registered, 3 attendance, 3 results, 2 completions.
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const statements = (await lrs.get({ registration: s.registration, limit: '100' }).expect(200))
      .body.statements as {
      verb: { id: string };
    }[];
    const verbs = statements.map((statement) => statement.verb.id.split('/').pop()).sort();
    expect(verbs).toEqual(
      [
        'attended',
        'attended',
        'completed',
        'completed',
        'failed',
        'passed',
        'passed',
        'registered',
        'registered',
        'registered',
        'was-absent',
      ].sort(),
    );
  });

  it('loads the worked example through the public APIs, with some learners at risk', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const tenant = await createTestTenant(t.database);
    const { key, secret } = await createTestCredential(t.database, tenant);
    const token = (roles: Parameters<typeof mintDevelopmentToken>[0]['roles'], subject: string) =>
      mintDevelopmentToken({
        secret: testJwtSecret,
        subject,
        tenant: tenant.slug,
        roles,
        expiresIn: '1h',
      });
    const loaded = await loadWorkedExample(
      { baseUrl, token, xapiAuthorization: basicAuth(key, secret) },
      { learners: 20, extraStatementsPerModule: 0 },
    );
    expect(loaded.learners).toBe(20);
    const analyst = graphqlAs(t, await token(['ANALYST'], 'analis'));
    const dashboard = dataOf(
      await analyst(
        `query ($c: ID!) { cohortDashboard(cohortId: $c) { enrolled atRisk sessionsHeld checkInsHeld checkInsPlanned
        modules { started completed } } }`,
        { c: loaded.cohortId },
      ),
    ).cohortDashboard;
    expect(dashboard.enrolled).toBe(20);
    expect(dashboard.sessionsHeld).toBe(3);
    expect(dashboard.atRisk).toBeGreaterThan(0);
    expect(dashboard.atRisk).toBeLessThan(20);
    expect(dashboard.modules[0].completed).toBeGreaterThan(0);
    expect(dashboard.checkInsHeld).toBeLessThan(dashboard.checkInsPlanned);
    expect(
      dataOf(await analyst(`{ unknownActors { nodes { name } } }`)).unknownActors.nodes,
    ).toEqual([]);
  });

  it('npm run demo: serves the example on a fresh embedded database, with a token and query that work', async () => {
    // Always the embedded database: it is what a fresh clone runs. Smaller than the demo's
    // 300 learners to keep the suite quick; the code path is the same.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'jejak-demo-'));
    const demo = await startDemo({ JEJAK_DATA_DIR: dataDir, JEJAK_DEMO_LEARNERS: '20' });
    try {
      const baseUrl = /Jejak is serving on (http:\S+);/.exec(demo.stdout)?.[1];
      const token = /A facilitator's token[^\n]*\n\s+(\S+)/.exec(demo.stdout)?.[1];
      const query = /\n(\{ cohortDashboard[\s\S]*?)\n\n/.exec(demo.stdout)?.[1];
      expect(baseUrl && token && query).toBeTruthy();
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data.cohortDashboard.enrolled).toBe(20);
      expect(body.data.cohortDashboard.modules[0].completionRate).toBeGreaterThan(0);
      expect(body.data.cohortDashboard.checkInsHeld).toBeGreaterThan(0);
      expect(body.data.atRiskLearners.nodes.length).toBeGreaterThan(0);
      expect(body.data.evaluation.results.length).toBe(3);
    } finally {
      expect(await demo.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
