// Competencies, the programmes that teach them, and TNA gaps through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
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

  it('updates and deletes competencies and gaps, never one a programme still teaches', async () => {
    const s = await setup(t, 1);
    const create = `mutation ($n: String!) { createCompetency(input: { kind: TEKNIS, name: $n }) { id } }`;
    const taught = dataOf(await s.admin(create, { n: 'Analisis temuan audit' })).createCompetency
      .id;
    const spare = dataOf(await s.admin(create, { n: 'Penatausahaan' })).createCompetency.id;
    dataOf(
      await s.admin(
        `mutation ($p: ID!, $c: [ID!]!) { setProgramCompetencies(programId: $p, competencyIds: $c) { id } }`,
        { p: s.programId, c: [taught] },
      ),
    );
    const update = `mutation ($id: ID!, $n: String, $k: CompetencyKind) {
      updateCompetency(input: { id: $id, name: $n, kind: $k }) { name kind description } }`;
    expect(dataOf(await s.admin(update, { id: spare, k: 'MANAJERIAL' })).updateCompetency).toEqual({
      name: 'Penatausahaan',
      kind: 'MANAJERIAL',
      description: null,
    });
    expect(codeOf(await s.admin(update, { id: spare, n: 'Analisis temuan audit' }))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await s.admin(update, { id: spare, n: '  ' }))).toBe('BAD_USER_INPUT');
    const remove = `mutation ($id: ID!) { deleteCompetency(id: $id) }`;
    expect(codeOf(await s.admin(remove, { id: taught }))).toBe('CONFLICT');

    const gap = dataOf(
      await s.admin(
        `mutation ($c: ID!, $p: ID!) { recordCompetencyGap(input: { competencyId: $c, personId: $p,
           currentLevel: 1, requiredLevel: 3, assessedOn: "2026-01-10" }) { id gap person { name } } }`,
        { c: spare, p: s.learnerIds[0] },
      ),
    ).recordCompetencyGap;
    expect(gap).toMatchObject({ gap: 2, person: { name: 'Peserta 00' } });
    expect(codeOf(await s.admin(remove, { id: spare }))).toBe('CONFLICT');
    const correct = `mutation ($id: ID!, $cur: Int, $on: LocalDate) {
      updateCompetencyGap(input: { id: $id, currentLevel: $cur, assessedOn: $on }) { currentLevel requiredLevel gap assessedOn } }`;
    expect(
      dataOf(await s.admin(correct, { id: gap.id, cur: 3, on: '2026-06-01' })).updateCompetencyGap,
    ).toEqual({
      currentLevel: 3,
      requiredLevel: 3,
      gap: 0,
      assessedOn: '2026-06-01',
    });
    expect(codeOf(await s.admin(correct, { id: gap.id, cur: 6 }))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await s.admin(
          `mutation ($id: ID!) { updateCompetencyGap(input: { id: $id, requiredLevel: null }) { id } }`,
          { id: gap.id },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      dataOf(await s.admin(`mutation ($id: ID!) { deleteCompetencyGap(id: $id) }`, { id: gap.id }))
        .deleteCompetencyGap,
    ).toBe(gap.id);
    expect(dataOf(await s.admin(remove, { id: spare })).deleteCompetency).toBe(spare);
    expect(codeOf(await s.admin(remove, { id: spare }))).toBe('NOT_FOUND');
    const left = dataOf(await s.admin(`{ competencies(search: "audit") { nodes { name } } }`));
    expect(left.competencies.nodes).toEqual([{ name: 'Analisis temuan audit' }]);
  });

  it('pages position gaps by position, filtered by position or competency', async () => {
    const s = await setup(t, 0);
    const competency = dataOf(
      await s.admin(
        `mutation { createCompetency(input: { kind: TEKNIS, name: "Penyusunan DPA" }) { id } }`,
      ),
    ).createCompetency.id;
    for (const position of ['Bendahara', 'Analis Anggaran', 'Pengelola Keuangan', 'Auditor']) {
      dataOf(
        await s.admin(
          `mutation ($c: ID!, $p: String!) { recordCompetencyGap(input: { competencyId: $c, position: $p,
             currentLevel: 2, requiredLevel: 4, assessedOn: "2026-01-10" }) { id } }`,
          { c: competency, p: position },
        ),
      );
    }
    const page = `query ($after: String) { positionCompetencyGaps(first: 3, after: $after) {
      nodes { position person { name } competency { name } } pageInfo { hasNextPage endCursor } } }`;
    const first = dataOf(await s.admin(page)).positionCompetencyGaps;
    const second = dataOf(
      await s.admin(page, { after: first.pageInfo.endCursor }),
    ).positionCompetencyGaps;
    expect(
      [...first.nodes, ...second.nodes].map((node: { position: string }) => node.position),
    ).toEqual(['Analis Anggaran', 'Auditor', 'Bendahara', 'Pengelola Keuangan']);
    expect(first.nodes[0]).toEqual({
      position: 'Analis Anggaran',
      person: null,
      competency: { name: 'Penyusunan DPA' },
    });
    expect(second.pageInfo.hasNextPage).toBe(false);
    const one = dataOf(
      await s.admin(
        `query ($c: ID!) { positionCompetencyGaps(position: "Auditor", competencyId: $c) { nodes { position } } }`,
        {
          c: competency,
        },
      ),
    );
    expect(one.positionCompetencyGaps.nodes).toEqual([{ position: 'Auditor' }]);
  });
});
