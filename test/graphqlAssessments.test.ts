// Assessments and results through GraphQL: definitions, attempts, pass marks, who records
// and who sees results, and the xAPI statements results write.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const recordResult = `mutation ($a: ID!, $c: ID!, $p: ID!, $score: Float!) {
  recordAssessmentResult(input: { assessmentId: $a, cohortId: $c, personId: $p, score: $score }) { score passed attempt } }`;

describe('GraphQL: assessments and results', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  async function withAssessment(passingScore: number | null) {
    const s = await setup(t, 2);
    const modules = await s.admin(`query ($p: ID!) { program(id: $p) { modules { id title } } }`, {
      p: s.programId,
    });
    const moduleId = (modules.data!.program as { modules: { id: string }[] }).modules[0]!.id;
    const created = await s.admin(
      `mutation ($m: ID!, $pass: Float) { createAssessment(input: { moduleId: $m, kind: POST_TEST, title: "Post-test anggaran",
        maxScore: 100, passingScore: $pass }) { id kind } }`,
      { m: moduleId, pass: passingScore },
    );
    expect(created.errors).toBeUndefined();
    return { ...s, moduleId, assessmentId: (created.data!.createAssessment as { id: string }).id };
  }

  it('records attempts against the pass mark, each with an xAPI statement', async () => {
    const s = await withAssessment(70);
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const vars = { a: s.assessmentId, c: s.cohortId, p: s.learnerIds[0] };
    expect(
      (await facilitator(recordResult, { ...vars, score: 60 })).data!.recordAssessmentResult,
    ).toEqual({
      score: 60,
      passed: false,
      attempt: 1,
    });
    expect(
      (await facilitator(recordResult, { ...vars, score: 85.5 })).data!.recordAssessmentResult,
    ).toEqual({
      score: 85.5,
      passed: true,
      attempt: 2,
    });
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const statements = (
      await lrs
        .get({ activity: `urn:jejak:assessment:${s.assessmentId}`, ascending: 'true' })
        .expect(200)
    ).body.statements as {
      verb: { id: string };
      result: { score: { scaled: number }; success: boolean };
      context: { registration: string };
    }[];
    expect(statements.map((st) => [st.verb.id, st.result.score.scaled, st.result.success])).toEqual(
      [
        ['http://adlnet.gov/expapi/verbs/failed', 0.6, false],
        ['http://adlnet.gov/expapi/verbs/passed', 0.855, true],
      ],
    );
    expect(statements[0]!.context.registration).toBe(s.registration);

    const bad = await facilitator(recordResult, { ...vars, score: 101 });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(
      (await lrs.get({ activity: `urn:jejak:assessment:${s.assessmentId}` })).body.statements,
    ).toHaveLength(2);
  });

  it('scores without a pass mark, and shows each role the results it may see', async () => {
    const s = await withAssessment(null);
    for (const [index, score] of [
      [0, 40],
      [1, 90],
    ] as const) {
      const answer = await s.admin(recordResult, {
        a: s.assessmentId,
        c: s.cohortId,
        p: s.learnerIds[index],
        score,
      });
      expect(answer.data!.recordAssessmentResult).toMatchObject({ passed: null });
    }
    const query = `query ($p: ID!) { program(id: $p) { modules { assessments { title results { nodes { score person { name } } } } } } }`;
    const scoresFor = async (role: 'ANALYST' | 'LEARNER' | 'FACILITATOR', subject: string) => {
      const answer = await graphqlAs(t, await tokenFor(s.tenant, [role], subject))(query, {
        p: s.programId,
      });
      expect(answer.errors).toBeUndefined();
      const modules = (
        answer.data!.program as {
          modules: { assessments: { results: { nodes: { score: number }[] } }[] }[];
        }
      ).modules;
      return modules
        .flatMap((m) => m.assessments.flatMap((a) => a.results.nodes.map((n) => n.score)))
        .sort();
    };
    expect(await scoresFor('ANALYST', 'sso-analyst')).toEqual([40, 90]);
    expect(await scoresFor('FACILITATOR', 'sso-facilitator')).toEqual([40, 90]);
    expect(await scoresFor('FACILITATOR', 'sso-other')).toEqual([]);
    expect(await scoresFor('LEARNER', 'sso-learner')).toEqual([40]);
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(
      codeOf(
        await learner(recordResult, {
          a: s.assessmentId,
          c: s.cohortId,
          p: s.learnerIds[0],
          score: 100,
        }),
      ),
    ).toBe('FORBIDDEN');
    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const verbs = (
      await lrs.get({ activity: `urn:jejak:assessment:${s.assessmentId}` })
    ).body.statements.map((st: { verb: { id: string } }) => st.verb.id);
    expect(verbs).toEqual([
      'http://adlnet.gov/expapi/verbs/scored',
      'http://adlnet.gov/expapi/verbs/scored',
    ]);
  });

  it('changes an assessment freely until results exist, then only its wording', async () => {
    const s = await withAssessment(70);
    const update = `mutation ($id: ID!, $title: String, $max: Float, $pass: Float, $iris: [String!]) {
      updateAssessment(input: { id: $id, title: $title, maxScore: $max, passingScore: $pass, activityIris: $iris })
      { title maxScore passingScore activityIris module { title } } }`;
    expect(
      dataOf(await s.admin(update, { id: s.assessmentId, max: 50, pass: 35 })).updateAssessment,
    ).toMatchObject({ maxScore: 50, passingScore: 35 });
    expect(codeOf(await s.admin(update, { id: s.assessmentId, pass: 60 }))).toBe('BAD_USER_INPUT');
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const assessor = s.facilitatorId;
    const recorded = await facilitator(
      `mutation ($a: ID!, $c: ID!, $p: ID!, $by: ID) { recordAssessmentResult(input: { assessmentId: $a, cohortId: $c,
         personId: $p, score: 40, assessorId: $by }) { passed assessor { name } assessment { title } cohort { name } } }`,
      { a: s.assessmentId, c: s.cohortId, p: s.learnerIds[0], by: assessor },
    );
    expect(dataOf(recorded).recordAssessmentResult).toEqual({
      passed: true,
      assessor: { name: 'Widyaiswara Wati' },
      assessment: { title: 'Post-test anggaran' },
      cohort: { name: 'Angkatan I' },
    });
    expect(codeOf(await s.admin(update, { id: s.assessmentId, max: 100 }))).toBe('CONFLICT');
    expect(codeOf(await s.admin(update, { id: s.assessmentId, pass: null }))).toBe('CONFLICT');
    expect(
      dataOf(
        await s.admin(update, {
          id: s.assessmentId,
          title: 'Post-test penganggaran',
          iris: [`https://lms.example.go.id/mod/quiz/view.php?id=7`],
        }),
      ).updateAssessment,
    ).toEqual({
      title: 'Post-test penganggaran',
      maxScore: 50,
      passingScore: 35,
      activityIris: ['https://lms.example.go.id/mod/quiz/view.php?id=7'],
      module: { title: 'Micro-learning anggaran' },
    });
    const remove = `mutation ($id: ID!) { deleteAssessment(id: $id) }`;
    expect(codeOf(await s.admin(remove, { id: s.assessmentId }))).toBe('CONFLICT');
    const spare = dataOf(
      await s.admin(
        `mutation ($m: ID!) { createAssessment(input: { moduleId: $m, kind: REACTION_SURVEY, title: "Survei", maxScore: 5 }) { id } }`,
        { m: s.moduleId },
      ),
    ).createAssessment.id;
    expect(dataOf(await s.admin(remove, { id: spare })).deleteAssessment).toBe(spare);
  });

  it('corrects a mistyped score: voids its statement, records the right one, recomputes progress', async () => {
    const s = await withAssessment(70);
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const vars = { a: s.assessmentId, c: s.cohortId, p: s.learnerIds[0] };
    const record = `mutation ($a: ID!, $c: ID!, $p: ID!, $score: Float!) {
      recordAssessmentResult(input: { assessmentId: $a, cohortId: $c, personId: $p, score: $score }) { id } }`;
    const typo = dataOf(await facilitator(record, { ...vars, score: 90 })).recordAssessmentResult
      .id;
    dataOf(await facilitator(record, { ...vars, score: 50 }));
    const correct = `mutation ($r: ID!, $score: Float!) { correctAssessmentResult(input: { resultId: $r, score: $score }) {
      score passed attempt correctedAt } }`;
    expect(codeOf(await facilitator(correct, { r: typo, score: 101 }))).toBe('BAD_USER_INPUT');
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(correct, { r: typo, score: 60 }))).toBe('FORBIDDEN');
    const stranger = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-other'));
    expect(codeOf(await stranger(correct, { r: typo, score: 60 }))).toBe('NOT_FOUND');
    const corrected = dataOf(
      await facilitator(correct, { r: typo, score: 60 }),
    ).correctAssessmentResult;
    expect(corrected).toMatchObject({ score: 60, passed: false, attempt: 1 });
    expect(corrected.correctedAt).toEqual(expect.any(String));

    const progress = dataOf(
      await facilitator(
        `query ($c: ID!) { cohort(id: $c) { enrollments(first: 1) { nodes {
        moduleProgress { success bestScaledScore } results { nodes { score passed } } } } } }`,
        { c: s.cohortId },
      ),
    ).cohort.enrollments.nodes[0];
    expect(progress.moduleProgress[0]).toEqual({ success: false, bestScaledScore: 0.6 });
    expect(progress.results.nodes).toEqual([
      { score: 50, passed: false },
      { score: 60, passed: false },
    ]);

    const lrs = await xapiClient(t, { tenant: s.tenant, scopes: ['statements/read'] });
    const scores = (
      await lrs
        .get({ activity: `urn:jejak:assessment:${s.assessmentId}`, ascending: 'true' })
        .expect(200)
    ).body.statements.map((st: { verb: { id: string }; result?: { score: { raw: number } } }) => [
      st.verb.id.split('/').pop(),
      st.result?.score.raw,
    ]);
    // The voided statement is gone from queries; the voiding one matches through its target.
    expect(scores).toEqual([
      ['failed', 50],
      ['voided', undefined],
      ['failed', 60],
    ]);
    const voided = (await lrs.get({ verb: 'http://adlnet.gov/expapi/verbs/voided' }).expect(200))
      .body.statements as { object: { id: string } }[];
    expect(voided).toHaveLength(1);
    const original = await lrs.get({ voidedStatementId: voided[0]!.object.id }).expect(200);
    expect(original.body.result.score.raw).toBe(90);
  });

  it('finds the statement of a result recorded before statement ids were kept (migration 0012)', async () => {
    const s = await withAssessment(70);
    const record = `mutation ($a: ID!, $c: ID!, $p: ID!, $score: Float!) {
      recordAssessmentResult(input: { assessmentId: $a, cohortId: $c, personId: $p, score: $score }) { id } }`;
    const ids: string[] = [];
    for (const learner of [0, 1]) {
      ids.push(
        dataOf(
          await s.admin(record, {
            a: s.assessmentId,
            c: s.cohortId,
            p: s.learnerIds[learner],
            score: 80,
          }),
        ).recordAssessmentResult.id,
      );
    }
    const statementIds = async () =>
      (
        await rawRows<{ id: string; statement_id: string | null }>(
          t.database.db,
          sql`select id, statement_id from assessment_results where id in (${sql.raw(ids.map((id) => `'${id}'`).join(','))}) order by id`,
        )
      ).map((row) => row.statement_id);
    const kept = await statementIds();
    expect(kept.every((id) => id !== null)).toBe(true);
    await t.database.db.execute(
      sql`update assessment_results set statement_id = null where assessment_id = ${s.assessmentId}`,
    );
    const migration = readFileSync(
      'migrations/0012_add_statement_id_and_correction_to_assessment_results.sql',
      'utf8',
    ).split('--> statement-breakpoint');
    await t.database.db.execute(sql.raw(migration[migration.length - 1]!));
    expect(await statementIds()).toEqual(kept);
  });
});
