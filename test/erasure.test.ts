// Erasure of a person: an admin erases one of two learners, confirming by NIP; their
// statements, documents and records are gone (through the LRS, GraphQL and in SQL), the
// other learner's are intact, and the audit says who erased whom without the NIP. A wrong
// NIP erases nothing; no other role may erase or read the audit.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { moodle, person, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient, type XapiClient } from './support/xapiClient.js';

const completed = 'http://adlnet.gov/expapi/verbs/completed';
const viewed = 'http://id.tincanapi.com/verb/viewed';
const voided = 'http://adlnet.gov/expapi/verbs/voided';
const modulePage = (n: number) => `${moodle}/mod/page/view.php?id=${n}`;

describe('erasure of a person', () => {
  let t: TestApp;
  let s: Setup;
  let lrs: XapiClient;
  let nips: string[];
  const agentOf = (learner: number) => ({
    objectType: 'Agent',
    account: { homePage: moodle, name: nips[learner]! },
  });
  const ownStatements: string[][] = [[], []];
  let mention: string;
  let voidedId: string;

  const statementsOf = async (query: Record<string, string>) => {
    const answer = await lrs.get({ ...query, limit: '500' });
    expect(answer.status).toBe(200);
    return (answer.body.statements as { id: string }[]).map((statement) => statement.id);
  };
  const document = (path: string, query: Record<string, string>) => ({
    put: (body: string) =>
      t
        .http()
        .put(path)
        .query(query)
        .set('authorization', lrs.auth)
        .set('x-experience-api-version', '2.0.0')
        .set('content-type', 'application/json')
        .send(body),
    get: () =>
      t
        .http()
        .get(path)
        .query(query)
        .set('authorization', lrs.auth)
        .set('x-experience-api-version', '2.0.0'),
  });
  const stateOf = (learner: number) =>
    document('/xapi/activities/state', {
      activityId: modulePage(1),
      agent: JSON.stringify(agentOf(learner)),
      stateId: 'bookmark',
    });
  const profileOf = (learner: number) =>
    document('/xapi/agents/profile', {
      agent: JSON.stringify(agentOf(learner)),
      profileId: 'preferences',
    });
  const enrollmentsNow = async () =>
    dataOf(
      await s.admin(
        `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { person { id }
           moduleProgress { module { id } status startedAt completedAt timeSpentSeconds }
           activity { statements timeSpentSeconds lastActivityAt } } } } }`,
        { c: s.cohortId },
      ),
    ).cohort.enrollments.nodes as { person: { id: string } }[];
  const attachmentsStored = async () =>
    Number(
      (
        await rawRows<{ n: number }>(
          t.database.db,
          sql`select count(*)::int as n from xapi_attachments where tenant_id = ${s.tenant.id}`,
        )
      )[0]!.n,
    );
  /** The statements that cite a content (null for a row whose statement is gone). */
  const citations = async () =>
    (
      await rawRows<{ id: string | null }>(
        t.database.db,
        sql`select s.id from xapi_statement_attachments c
            left join xapi_statements s on s.tenant_id = c.tenant_id and s.seq = c.seq
            where c.tenant_id = ${s.tenant.id}`,
      )
    ).map((row) => row.id);
  const rowsOf = async (personId: string) => {
    const [row] = await rawRows<Record<string, number>>(
      t.database.db,
      sql`select
        (select count(*)::int from people where id = ${personId}) as people,
        (select count(*)::int from person_xapi_identities where person_id = ${personId}) as identities,
        (select count(*)::int from enrollments where person_id = ${personId}) as enrollments,
        (select count(*)::int from module_progress p join enrollments e on e.id = p.enrollment_id
          where e.person_id = ${personId}) as progress,
        (select count(*)::int from learning_events where person_id = ${personId}) as events,
        (select count(*)::int from daily_participation where learner = ${`person:${personId}`}) as days,
        (select count(*)::int from attendance where person_id = ${personId}) as attendance,
        (select count(*)::int from assessment_results where person_id = ${personId}) as results,
        (select count(*)::int from action_plans where person_id = ${personId}) as plans,
        (select count(*)::int from competency_gaps where person_id = ${personId}) as gaps,
        (select count(*)::int from mentor_assignments where mentee_id = ${personId}) as mentoring`,
    );
    return row!;
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = await setup(t, 2);
    lrs = await xapiClient(t, { tenant: s.tenant });
    nips = [];
    for (const id of s.learnerIds) {
      nips.push(
        dataOf(await s.admin(`query ($id: ID!) { person(id: $id) { nip } }`, { id })).person.nip,
      );
    }

    // Statements of both learners, as Moodle sends them.
    const moodleStatement = (learner: number, verb: string, object: string, day: string) => {
      const id = randomUUID();
      ownStatements[learner]!.push(id);
      return {
        id,
        actor: agentOf(learner),
        verb: { id: verb },
        object: { objectType: 'Activity', id: object },
        context: { registration: s.registration },
        timestamp: `2026-01-${day}T08:00:00Z`,
      };
    };
    const toVoid = moodleStatement(0, viewed, modulePage(3), '14');
    voidedId = toVoid.id;
    const about0 = {
      id: randomUUID(),
      actor: { mbox: 'mailto:atasan@bpsdm.example.go.id' },
      verb: { id: 'http://id.tincanapi.com/verb/mentored' },
      object: agentOf(0),
    };
    ownStatements[0]!.push(about0.id);
    // Learner 1's statement that names learner 0 as its instructor only: it stays.
    const named = moodleStatement(1, viewed, modulePage(2), '15');
    mention = named.id;
    const posted = await lrs.post([
      moodleStatement(0, completed, modulePage(1), '12'),
      moodleStatement(0, viewed, modulePage(2), '13'),
      toVoid,
      moodleStatement(1, completed, modulePage(1), '12'),
      moodleStatement(1, viewed, modulePage(2), '13'),
      { ...named, context: { ...named.context, instructor: agentOf(0) } },
      about0,
    ]);
    expect(posted.status).toBe(200);
    const voiding = {
      id: randomUUID(),
      actor: { mbox: 'mailto:admin@bpsdm.example.go.id' },
      verb: { id: voided },
      object: { objectType: 'StatementRef', id: toVoid.id },
    };
    ownStatements[0]!.push(voiding.id);
    expect((await lrs.post(voiding)).status).toBe(200);

    // Attachments: one only learner 0's statement cites, one both learners' statements cite.
    const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');
    const withAttachments = (learner: number, contents: string[]) => ({
      ...moodleStatement(learner, completed, modulePage(3), '16'),
      attachments: contents.map((content) => ({
        usageType: 'https://jejak.example.go.id/attachments/sertifikat',
        display: { 'id-ID': 'Sertifikat' },
        contentType: 'text/plain',
        length: Buffer.byteLength(content),
        sha2: sha256(content),
      })),
    });
    const boundary = 'erasure-boundary';
    const part = (headers: Record<string, string>, body: string) =>
      `--${boundary}\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}\r\n${body}\r\n`;
    const multipart =
      part(
        { 'Content-Type': 'application/json' },
        JSON.stringify([
          withAttachments(0, ['sertifikat peserta 00', 'materi bersama']),
          withAttachments(1, ['materi bersama']),
        ]),
      ) +
      ['sertifikat peserta 00', 'materi bersama']
        .map((content) =>
          part(
            {
              'Content-Type': 'text/plain',
              'Content-Transfer-Encoding': 'binary',
              'X-Experience-API-Hash': sha256(content),
            },
            content,
          ),
        )
        .join('') +
      `--${boundary}--\r\n`;
    const withParts = await t
      .http()
      .post('/xapi/statements')
      .set('authorization', lrs.auth)
      .set('x-experience-api-version', '2.0.0')
      .set('content-type', `multipart/mixed; boundary=${boundary}`)
      .send(Buffer.from(multipart));
    expect(withParts.status).toBe(200);

    for (const learner of [0, 1]) {
      expect((await stateOf(learner).put(`{"page":${learner}}`)).status).toBe(204);
      expect((await profileOf(learner).put(`{"theme":"dark"}`)).status).toBe(204);
    }

    // Records of both in the domain.
    const must = (answer: Awaited<ReturnType<typeof s.admin>>) => dataOf(answer);
    const program = must(
      await s.admin(`query ($p: ID!) { program(id: $p) { modules { id position } } }`, {
        p: s.programId,
      }),
    ).program.modules as { id: string; position: number }[];
    const moduleId = program.find((module) => module.position === 2)!.id;
    const sessionId = must(
      await s.admin(
        `mutation ($c: ID!, $m: ID!) { createSession(input: { cohortId: $c, moduleId: $m, title: "Bootcamp",
           startsAt: "2026-02-02T01:00:00Z", endsAt: "2026-02-02T09:00:00Z" }) { id } }`,
        { c: s.cohortId, m: moduleId },
      ),
    ).createSession.id;
    const assessmentId = must(
      await s.admin(
        `mutation ($m: ID!) { createAssessment(input: { moduleId: $m, kind: POST_TEST, title: "Post-test", maxScore: 100 }) { id } }`,
        { m: moduleId },
      ),
    ).createAssessment.id;
    const competencyId = must(
      await s.admin(`mutation { createCompetency(input: { kind: TEKNIS, name: "RKA" }) { id } }`),
    ).createCompetency.id;
    const mentor = await person(s.admin, 'Atasan Langsung', 'sso-mentor');
    for (const [learner, personId] of s.learnerIds.entries()) {
      must(
        await s.admin(
          `mutation ($s: ID!, $p: ID!) { recordAttendance(input: { sessionId: $s, personId: $p, status: PRESENT }) { status } }`,
          { s: sessionId, p: personId },
        ),
      );
      must(
        await s.admin(
          `mutation ($a: ID!, $c: ID!, $p: ID!, $v: Float!) { recordAssessmentResult(input: { assessmentId: $a,
             cohortId: $c, personId: $p, score: $v }) { id } }`,
          { a: assessmentId, c: s.cohortId, p: personId, v: 70 + learner },
        ),
      );
      must(
        await s.admin(
          `mutation ($c: ID!, $p: ID!) { createActionPlan(input: { cohortId: $c, personId: $p, goal: "Rencana" }) { id } }`,
          { c: s.cohortId, p: personId },
        ),
      );
      must(
        await s.admin(
          `mutation ($c: ID!, $p: ID!) { recordCompetencyGap(input: { competencyId: $c, personId: $p,
             currentLevel: 2, requiredLevel: 3, assessedOn: "2026-01-01" }) { id } }`,
          { c: competencyId, p: personId },
        ),
      );
      const assignmentId = must(
        await s.admin(
          `mutation ($c: ID!, $m: ID!, $e: ID!) { assignMentor(input: { cohortId: $c, mentorId: $m, menteeId: $e }) { id } }`,
          { c: s.cohortId, m: mentor.id, e: personId },
        ),
      ).assignMentor.id;
      const asMentor = graphqlAs(t, await tokenFor(s.tenant, ['MENTOR'], 'sso-mentor'));
      must(
        await asMentor(
          `mutation ($a: ID!) { recordCheckIn(input: { assignmentId: $a, heldOn: "2026-02-16", channel: VIDEO, notes: "Baik" }) { id } }`,
          { a: assignmentId },
        ),
      );
    }
  });
  afterAll(async () => t?.close());

  it('refuses every role but ADMIN', async () => {
    for (const role of ['ANALYST', 'FACILITATOR', 'MENTOR', 'LEARNER'] as const) {
      const as = graphqlAs(t, await tokenFor(s.tenant, [role], 'sso-facilitator'));
      const erase = await as(
        `mutation ($id: ID!, $nip: String!) { erasePerson(id: $id, confirmNip: $nip) { id } }`,
        { id: s.learnerIds[0], nip: nips[0] },
      );
      expect(codeOf(erase), role).toBe('FORBIDDEN');
      expect(codeOf(await as(`{ erasureAudit { nodes { id } } }`)), role).toBe('FORBIDDEN');
    }
    expect((await rowsOf(s.learnerIds[0]!)).people).toBe(1);
  });

  it('erases nothing when the NIP does not match', async () => {
    const before = await rowsOf(s.learnerIds[0]!);
    const answer = await s.admin(
      `mutation ($id: ID!, $nip: String!) { erasePerson(id: $id, confirmNip: $nip) { id } }`,
      { id: s.learnerIds[0], nip: nips[1] },
    );
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toMatch(/^confirmNip: is not this person's NIP/);
    expect(await rowsOf(s.learnerIds[0]!)).toEqual(before);
    expect(await statementsOf({ agent: JSON.stringify(agentOf(0)) })).not.toEqual([]);
    expect((await stateOf(0).get()).status).toBe(200);
    expect((await lrs.get({ voidedStatementId: voidedId })).status).toBe(200);
    expect(dataOf(await s.admin(`{ erasureAudit { nodes { id } } }`)).erasureAudit.nodes).toEqual(
      [],
    );
  });

  it("erases one learner's statements, documents and records, and keeps the other's", async () => {
    const [erased, kept] = s.learnerIds as [string, string];
    // A certificate of theirs: its signed payload holds their data, so it goes too.
    const theirEnrollment = (
      dataOf(
        await s.admin(
          `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id person { id } } } } }`,
          { c: s.cohortId },
        ),
      ).cohort.enrollments.nodes as { id: string; person: { id: string } }[]
    ).find((node) => node.person.id === erased)!.id;
    dataOf(
      await s.admin(
        `mutation ($id: ID!) { updateEnrollmentStatus(input: { enrollmentId: $id, status: COMPLETED }) { id } }`,
        { id: theirEnrollment },
      ),
    );
    const certificateNumber = dataOf(
      await s.admin(`mutation ($e: ID!) { issueCertificate(enrollmentId: $e) { number } }`, {
        e: theirEnrollment,
      }),
    ).issueCertificate.number as string;
    const verifyPath = `/certificates/${encodeURIComponent(certificateNumber)}/verify`;
    expect((await t.http().get(verifyPath)).status).toBe(200);
    const before = await rowsOf(erased);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    const keptBefore = await rowsOf(kept);
    const keptEnrollment = (await enrollmentsNow()).find((node) => node.person.id === kept);
    const keptStatements = await statementsOf({ agent: JSON.stringify(agentOf(1)) });
    const everyBefore = await statementsOf({});
    expect(await attachmentsStored()).toBe(2);
    expect(await citations()).toHaveLength(3);

    const answer = await s.admin(
      `mutation ($id: ID!, $nip: String!) { erasePerson(id: $id, confirmNip: $nip) {
         id personId erasedBy erasedAt
         counts { statements attachments documents learningEvents enrollments certificates attendance assessmentResults
                  mentorAssignments checkIns actionPlans competencyGaps xapiIdentities } } }`,
      { id: erased, nip: nips[0] },
    );
    const erasure = dataOf(answer).erasePerson;
    expect(erasure).toMatchObject({
      personId: erased,
      erasedBy: 'user-ADMIN',
      counts: {
        attachments: 1,
        documents: 2,
        enrollments: 1,
        certificates: 1,
        attendance: 1,
        assessmentResults: 1,
        mentorAssignments: 1,
        checkIns: 1,
        actionPlans: 1,
        competencyGaps: 1,
        xapiIdentities: 1,
      },
    });
    // Moodle's, the one about them, the voiding of theirs, and Jejak's own (attendance, result).
    expect(erasure.counts.statements).toBeGreaterThanOrEqual(ownStatements[0]!.length + 2);
    expect(erasure.counts.learningEvents).toBeGreaterThan(0);

    // The LRS: none of theirs, by agent or overall; the other's all there, the mention too.
    expect(await statementsOf({ agent: JSON.stringify(agentOf(0)) })).toEqual([]);
    const every = await statementsOf({});
    for (const id of ownStatements[0]!) expect(every).not.toContain(id);
    expect(every).toContain(mention);
    expect(every.length).toBe(everyBefore.length - (erasure.counts.statements - 1)); // one was voided
    expect(await statementsOf({ agent: JSON.stringify(agentOf(1)) })).toEqual(keptStatements);
    expect((await lrs.get({ voidedStatementId: voidedId })).status).toBe(404);
    expect(await attachmentsStored()).toBe(1);
    // Only learner 1's statement still cites a content, the shared one.
    const left = await citations();
    expect(left).toHaveLength(1);
    expect(keptStatements).toContain(left[0]);
    expect((await stateOf(0).get()).status).toBe(404);
    expect((await t.http().get(verifyPath)).status).toBe(404);
    expect((await profileOf(0).get()).status).toBe(404);
    expect((await stateOf(1).get()).status).toBe(200);
    expect((await profileOf(1).get()).status).toBe(200);

    // The records: theirs gone, the other's unchanged, their progress and counters too.
    expect(Object.values(await rowsOf(erased)).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(kept)).toEqual(keptBefore);
    const enrollments = await enrollmentsNow();
    expect(enrollments).toEqual([keptEnrollment]);
    expect(
      dataOf(await s.admin(`query ($id: ID!) { person(id: $id) { id } }`, { id: erased })).person,
    ).toBeNull();

    // The audit: who, when, how much, and nothing of the person but an id and a hash.
    const audit = dataOf(
      await s.admin(
        `{ erasureAudit(first: 1) { nodes { id personId erasedBy counts { statements } } pageInfo { hasNextPage } } }`,
      ),
    ).erasureAudit;
    expect(audit.nodes).toEqual([
      {
        id: erasure.id,
        personId: erased,
        erasedBy: 'user-ADMIN',
        counts: { statements: erasure.counts.statements },
      },
    ]);
    expect(audit.pageInfo.hasNextPage).toBe(false);
    const [stored] = await rawRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from erasure_audit where id = ${erasure.id}`,
    );
    expect(JSON.stringify(stored)).not.toContain(nips[0]!);
    expect(JSON.stringify(stored)).not.toContain('Peserta 00');

    // Erased once: the id is no one's now.
    expect(
      codeOf(
        await s.admin(
          `mutation ($id: ID!, $nip: String!) { erasePerson(id: $id, confirmNip: $nip) { id } }`,
          { id: erased, nip: nips[0] },
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});
