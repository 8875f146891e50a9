// Competencies, the programmes that teach them, and TNA gaps through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';

describe('GraphQL: competencies and gaps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('links competencies to programmes and records gaps each role sees as it may', async () => {
    const s = await setup(t, 2);
    const ids: string[] = [];
    for (const [kind, name] of [
      ['TEKNIS', 'Penyusunan RKA'],
      ['MANAJERIAL', 'Pengambilan keputusan'],
    ] as const) {
      const created = await s.admin(
        `mutation ($k: CompetencyKind!, $n: String!) { createCompetency(input: { kind: $k, name: $n }) { id } }`,
        { k: kind, n: name },
      );
      expect(created.errors).toBeUndefined();
      ids.push((created.data!.createCompetency as { id: string }).id);
    }
    expect(
      codeOf(
        await s.admin(
          `mutation { createCompetency(input: { kind: TEKNIS, name: "Penyusunan RKA" }) { id } }`,
        ),
      ),
    ).toBe('CONFLICT');
    const linked = await s.admin(
      `mutation ($p: ID!, $c: [ID!]!) { setProgramCompetencies(programId: $p, competencyIds: $c) { competencies { name kind } } }`,
      { p: s.programId, c: ids },
    );
    expect(linked.data!.setProgramCompetencies).toEqual({
      competencies: [
        { name: 'Pengambilan keputusan', kind: 'MANAJERIAL' },
        { name: 'Penyusunan RKA', kind: 'TEKNIS' },
      ],
    });
    const gap = `mutation ($c: ID!, $p: ID, $pos: String, $cur: Int!) { recordCompetencyGap(input: { competencyId: $c, personId: $p,
      position: $pos, currentLevel: $cur, requiredLevel: 4, assessedOn: "2025-11-01" }) { gap competency { name } } }`;
    expect(
      (await s.admin(gap, { c: ids[0], p: s.learnerIds[0], cur: 2 })).data!.recordCompetencyGap,
    ).toEqual({
      gap: 2,
      competency: { name: 'Penyusunan RKA' },
    });
    await s.admin(gap, { c: ids[0], p: s.learnerIds[1], cur: 3 });
    await s.admin(gap, { c: ids[1], pos: 'Analis Anggaran', cur: 1 });
    expect(codeOf(await s.admin(gap, { c: ids[0], cur: 1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.admin(gap, { c: ids[0], p: s.learnerIds[0], cur: 9 }))).toBe(
      'BAD_USER_INPUT',
    );

    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect((await learner(`{ me { competencyGaps { nodes { gap } } } }`)).data!.me).toEqual({
      competencyGaps: { nodes: [{ gap: 2 }] },
    });
    expect(codeOf(await learner(gap, { c: ids[0], p: s.learnerIds[0], cur: 1 }))).toBe('FORBIDDEN');
    expect(codeOf(await learner(`{ positionCompetencyGaps { nodes { gap } } }`))).toBe('FORBIDDEN');
    const analyst = graphqlAs(t, await tokenFor(s.tenant, ['ANALYST'], 'sso-analyst'));
    const all = await analyst(
      `{ people { nodes { name competencyGaps { nodes { gap } } } }
         positionCompetencyGaps { nodes { position gap } } }`,
    );
    expect(all.errors).toBeUndefined();
    expect(all.data!.positionCompetencyGaps).toEqual({
      nodes: [{ position: 'Analis Anggaran', gap: 3 }],
    });
    const gaps = (
      all.data!.people as {
        nodes: { name: string; competencyGaps: { nodes: { gap: number }[] } }[];
      }
    ).nodes
      .filter((node) => node.competencyGaps.nodes.length > 0)
      .map((node) => [node.name, node.competencyGaps.nodes[0]!.gap]);
    expect(gaps).toEqual([
      ['Peserta 00', 2],
      ['Peserta 01', 1],
    ]);
  });
});
