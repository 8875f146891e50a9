// People, agencies and org units through GraphQL: creation and reading, NIP checks, the
// role matrix of these operations, keyset pages, tenants, and batched loading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import type { Tenant } from '../src/domain/tenants/tenantDirectory.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { createTestTenant, startTestApp, type TestApp } from './support/testApp.js';

const createPerson = `mutation ($input: CreatePersonInput!) {
  createPerson(input: $input) { id nip name employmentType orgUnit { name agency { name } }
    xapiIdentities { kind homePage name } } }`;

let serial = 0;
/** A plausible PNS NIP, different on every call. */
function nextNip(): string {
  serial += 1;
  return `19860926201505${serial % 2 === 0 ? 2 : 1}${String(serial).padStart(3, '0')}`;
}

describe('GraphQL: people, agencies, org units', () => {
  let t: TestApp;
  let tenant: Tenant;
  let admin: ReturnType<typeof graphqlAs>;
  let orgUnitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTestTenant(t.database);
    admin = graphqlAs(t, await tokenFor(tenant, ['ADMIN']));
    const agency = await admin(
      `mutation { createAgency(input: { name: "Pemerintah Provinsi A" }) { id } }`,
    );
    const agencyId = (agency.data!.createAgency as { id: string }).id;
    const parent = await admin(
      `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, name: "BPKAD" }) { id } }`,
      { a: agencyId },
    );
    const unit = await admin(
      `mutation ($a: ID!, $p: ID!) { createOrgUnit(input: { agencyId: $a, parentId: $p, name: "Bidang Anggaran" }) { id parentId agency { name } } }`,
      { a: agencyId, p: (parent.data!.createOrgUnit as { id: string }).id },
    );
    expect(unit.errors).toBeUndefined();
    orgUnitId = (unit.data!.createOrgUnit as { id: string }).id;
  });
  afterAll(async () => t?.close());

  it('creates a person with an org unit and xAPI identities, and reads them back', async () => {
    const nip = nextNip();
    const created = await admin(createPerson, {
      input: {
        nip,
        employmentType: 'PNS',
        name: 'Budi Santoso',
        email: 'budi@bpkad.example.go.id',
        rank: 'III/a',
        orgUnitId,
        xapiAccounts: [{ homePage: 'https://lms.bpsdm.example.go.id', name: nip }],
        mboxes: ['mailto:budi@bpkad.example.go.id'],
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPerson).toMatchObject({
      nip,
      name: 'Budi Santoso',
      employmentType: 'PNS',
      orgUnit: { name: 'Bidang Anggaran', agency: { name: 'Pemerintah Provinsi A' } },
      xapiIdentities: [
        { kind: 'account', homePage: 'https://lms.bpsdm.example.go.id', name: nip },
        { kind: 'mbox', homePage: null, name: 'mailto:budi@bpkad.example.go.id' },
      ],
    });
    const byNip = await admin(`query ($nip: String!) { personByNip(nip: $nip) { name rank } }`, {
      nip,
    });
    expect(byNip.data!.personByNip).toEqual({ name: 'Budi Santoso', rank: 'III/a' });
    const { id } = created.data!.createPerson as { id: string };
    const updated = await admin(
      `mutation ($id: ID!) { updatePerson(input: { id: $id, position: "Analis Anggaran" }) { position name } }`,
      { id },
    );
    expect(updated.data!.updatePerson).toEqual({
      position: 'Analis Anggaran',
      name: 'Budi Santoso',
    });
  });

  it('checks the NIP of a PNS, not the number of a PPPK, and refuses a NIP twice', async () => {
    const bad = await admin(createPerson, {
      input: { nip: '198613262015051001', employmentType: 'PNS', name: 'Salah Tanggal' },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/^nip: digits 1–8/);
    const pppk = await admin(createPerson, {
      input: { nip: '199001012024212001', employmentType: 'PPPK', name: 'Sari PPPK' },
    });
    expect(pppk.errors).toBeUndefined();
    const again = await admin(createPerson, {
      input: { nip: '199001012024212001', employmentType: 'PPPK', name: 'Sari Lagi' },
    });
    expect(codeOf(again)).toBe('CONFLICT');
    const badUnit = await admin(createPerson, {
      input: { nip: nextNip(), employmentType: 'PNS', name: 'X', orgUnitId: 'not-an-id' },
    });
    expect(codeOf(badUnit)).toBe('BAD_USER_INPUT');
  });

  it('pages people by name with keyset cursors, each exactly once', async () => {
    const own = await createTestTenant(t.database);
    const ownAdmin = graphqlAs(t, await tokenFor(own, ['ADMIN']));
    const names = ['Eka', 'Ani', 'Dewi', 'Citra', 'Bayu'];
    for (const name of names) {
      const answer = await ownAdmin(createPerson, {
        input: { nip: nextNip(), employmentType: 'PNS', name },
      });
      expect(answer.errors).toBeUndefined();
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const answer = await ownAdmin(
        `query ($after: String) { people(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const people = answer.data!.people as {
        edges: { node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      seen.push(...people.edges.map((edge) => edge.node.name));
      if (!people.pageInfo.hasNextPage) break;
      after = people.pageInfo.endCursor;
    }
    expect(seen).toEqual([...names].sort());
    const searched = await ownAdmin(`{ people(search: "it") { nodes { name } } }`);
    expect(searched.data!.people).toEqual({ nodes: [{ name: 'Citra' }] });
  });

  describe('role matrix', () => {
    const roles: Role[] = ['ADMIN', 'ANALYST', 'FACILITATOR', 'MENTOR', 'LEARNER'];
    const canWrite: Role[] = ['ADMIN'];
    const seesEveryone: Role[] = ['ADMIN', 'ANALYST'];

    for (const role of roles) {
      it(`${role}: ${canWrite.includes(role) ? 'writes' : 'cannot write'}; sees ${seesEveryone.includes(role) ? 'everyone' : 'only themselves'}`, async () => {
        const own = await createTestTenant(t.database);
        const ownAdmin = graphqlAs(t, await tokenFor(own, ['ADMIN']));
        const subject = `sso-${role.toLowerCase()}`;
        for (const [name, personSubject] of [
          ['Diri Sendiri', subject],
          ['Orang Lain', null],
        ] as const) {
          const answer = await ownAdmin(createPerson, {
            input: { nip: nextNip(), employmentType: 'PNS', name, subject: personSubject },
          });
          expect(answer.errors).toBeUndefined();
        }
        const as = graphqlAs(t, await tokenFor(own, [role], subject));
        const people = await as(`{ people { nodes { name } } me { name } }`);
        expect(people.errors).toBeUndefined();
        expect(
          (people.data!.people as { nodes: { name: string }[] }).nodes.map((p) => p.name),
        ).toEqual(seesEveryone.includes(role) ? ['Diri Sendiri', 'Orang Lain'] : ['Diri Sendiri']);
        expect(people.data!.me).toEqual({ name: 'Diri Sendiri' });

        const writes = [
          await as(createPerson, {
            input: { nip: nextNip(), employmentType: 'PNS', name: 'Baru' },
          }),
          await as(`mutation { createAgency(input: { name: "Instansi ${role}" }) { id } }`),
        ];
        for (const answer of writes) {
          expect(codeOf(answer)).toBe(canWrite.includes(role) ? undefined : 'FORBIDDEN');
        }
      });
    }

    it('anonymous callers get UNAUTHENTICATED', async () => {
      const anonymous = graphqlAs(t, null);
      expect(codeOf(await anonymous(`{ people { nodes { name } } }`))).toBe('UNAUTHENTICATED');
      expect(codeOf(await anonymous(`{ agencies { nodes { name } } }`))).toBe('UNAUTHENTICATED');
    });
  });

  it('loads a page of people with their units, agencies and identities in a fixed number of queries', async () => {
    const own = await createTestTenant(t.database);
    const ownAdmin = graphqlAs(t, await tokenFor(own, ['ADMIN']));
    const unitIds: string[] = [];
    for (const name of ['Instansi 1', 'Instansi 2', 'Instansi 3']) {
      const agency = await ownAdmin(
        `mutation ($n: String!) { createAgency(input: { name: $n }) { id } }`,
        { n: name },
      );
      const unit = await ownAdmin(
        `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, name: "Sekretariat" }) { id } }`,
        { a: (agency.data!.createAgency as { id: string }).id },
      );
      unitIds.push((unit.data!.createOrgUnit as { id: string }).id);
    }
    const page = `query ($first: Int) { people(first: $first) { nodes { name
      orgUnit { name agency { name orgUnits { nodes { name } } } } xapiIdentities { name } } } }`;
    const queriesFor = async (first: number) => {
      const before = t.queries.count;
      const answer = await ownAdmin(page, { first });
      expect(answer.errors).toBeUndefined();
      expect((answer.data!.people as { nodes: unknown[] }).nodes).toHaveLength(first);
      return t.queries.count - before;
    };
    for (let n = 0; n < 30; n += 1) {
      const nip = nextNip();
      await ownAdmin(createPerson, {
        input: {
          nip,
          employmentType: 'PNS',
          name: `Peserta ${String(n).padStart(2, '0')}`,
          orgUnitId: unitIds[n % 3],
          xapiAccounts: [{ homePage: 'https://lms.example.go.id', name: nip }],
        },
      });
    }
    const forFive = await queriesFor(5);
    const forThirty = await queriesFor(30);
    // people, org units, agencies, units of agencies, identities (and the token's tenant).
    expect(forThirty).toBeGreaterThanOrEqual(5);
    expect(forThirty).toBeLessThanOrEqual(6);
    expect(forThirty).toBe(forFive);
  });

  it('keeps tenants apart', async () => {
    const nip = nextNip();
    const created = await admin(createPerson, {
      input: { nip, employmentType: 'PNS', name: 'Milik A' },
    });
    const { id } = created.data!.createPerson as { id: string };
    const other = graphqlAs(t, await tokenFor(await createTestTenant(t.database), ['ADMIN']));
    const seen = await other(
      `query ($id: ID!, $nip: String!) { person(id: $id) { name } personByNip(nip: $nip) { name } agencies { nodes { name } } }`,
      { id, nip },
    );
    expect(seen.data).toEqual({ person: null, personByNip: null, agencies: { nodes: [] } });
    const change = await other(
      `mutation ($id: ID!) { updatePerson(input: { id: $id, name: "Dicuri" }) { name } }`,
      { id },
    );
    expect(codeOf(change)).toBe('NOT_FOUND');
  });

  it('renames and moves org units within their agency, never under themselves', async () => {
    const agency = dataOf(
      await admin(
        `mutation { createAgency(input: { name: "Kabupaten B", siasnId: "A5" }) { id } }`,
      ),
    ).createAgency.id;
    const unit = async (name: string, parentId?: string) =>
      dataOf(
        await admin(
          `mutation ($a: ID!, $p: ID, $n: String!) { createOrgUnit(input: { agencyId: $a, parentId: $p, name: $n }) { id } }`,
          { a: agency, p: parentId ?? null, n: name },
        ),
      ).createOrgUnit.id as string;
    const top = await unit('Sekretariat Daerah');
    const middle = await unit('Bagian Keuangan', top);
    const leaf = await unit('Subbagian Anggaran', middle);
    const move = `mutation ($id: ID!, $p: ID) { updateOrgUnit(input: { id: $id, parentId: $p }) { name parent { name } } }`;
    expect(codeOf(await admin(move, { id: top, p: leaf }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await admin(move, { id: top, p: top }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await admin(move, { id: leaf, p: orgUnitId }))).toBe('BAD_USER_INPUT');
    expect(dataOf(await admin(move, { id: leaf, p: top })).updateOrgUnit).toEqual({
      name: 'Subbagian Anggaran',
      parent: { name: 'Sekretariat Daerah' },
    });
    expect(dataOf(await admin(move, { id: middle, p: null })).updateOrgUnit.parent).toBeNull();
    const renamed = await admin(
      `mutation ($id: ID!) { updateOrgUnit(input: { id: $id, name: " Bagian Keuangan dan Aset " }) { name } }`,
      { id: middle },
    );
    expect(dataOf(renamed).updateOrgUnit).toEqual({ name: 'Bagian Keuangan dan Aset' });
    expect(
      codeOf(
        await admin(
          `mutation ($id: ID!) { updateOrgUnit(input: { id: $id, name: null }) { name } }`,
          { id: middle },
        ),
      ),
    ).toBe('BAD_USER_INPUT');

    const tree = await admin(
      `query { agencies { nodes { name siasnId
         all: orgUnits { nodes { name } }
         top: orgUnits(topLevelOnly: true) { nodes { name children { nodes { name } } } } } } }`,
    );
    const kabupaten = (dataOf(tree).agencies.nodes as { name: string }[]).find(
      (node) => node.name === 'Kabupaten B',
    );
    expect(kabupaten).toEqual({
      name: 'Kabupaten B',
      siasnId: 'A5',
      all: {
        nodes: [
          { name: 'Bagian Keuangan dan Aset' },
          { name: 'Sekretariat Daerah' },
          { name: 'Subbagian Anggaran' },
        ],
      },
      top: {
        nodes: [
          { name: 'Bagian Keuangan dan Aset', children: { nodes: [] } },
          { name: 'Sekretariat Daerah', children: { nodes: [{ name: 'Subbagian Anggaran' }] } },
        ],
      },
    });

    const deleteUnit = `mutation ($id: ID!) { deleteOrgUnit(id: $id) }`;
    expect(codeOf(await admin(deleteUnit, { id: top }))).toBe('CONFLICT');
    expect(
      codeOf(await admin(`mutation ($id: ID!) { deleteAgency(id: $id) }`, { id: agency })),
    ).toBe('CONFLICT');
    const nip = nextNip();
    dataOf(
      await admin(createPerson, {
        input: { nip, employmentType: 'PNS', name: 'Pegawai', orgUnitId: middle },
      }),
    );
    expect(codeOf(await admin(deleteUnit, { id: middle }))).toBe('CONFLICT');
    expect(dataOf(await admin(deleteUnit, { id: leaf })).deleteOrgUnit).toBe(leaf);
    expect(dataOf(await admin(deleteUnit, { id: top })).deleteOrgUnit).toBe(top);
    const renamedAgency = await admin(
      `mutation ($id: ID!) { updateAgency(input: { id: $id, name: "Pemerintah Provinsi A" }) { name } }`,
      { id: agency },
    );
    expect(codeOf(renamedAgency)).toBe('CONFLICT');
    const emptied = dataOf(
      await admin(`mutation { createAgency(input: { name: "Instansi Kosong" }) { id } }`),
    ).createAgency.id;
    expect(
      dataOf(
        await admin(
          `mutation ($id: ID!) { updateAgency(input: { id: $id, siasnId: "X1" }) { name siasnId } }`,
          { id: emptied },
        ),
      ).updateAgency,
    ).toEqual({ name: 'Instansi Kosong', siasnId: 'X1' });
    expect(
      dataOf(await admin(`mutation ($id: ID!) { deleteAgency(id: $id) }`, { id: emptied }))
        .deleteAgency,
    ).toBe(emptied);
  });

  it('sorts people by NIP both ways and refuses a cursor of another order', async () => {
    const own = await createTestTenant(t.database);
    const ownAdmin = graphqlAs(t, await tokenFor(own, ['ADMIN']));
    const nips: string[] = [];
    for (const name of ['Citra', 'Adi', 'Bayu', 'Dewi']) {
      const nip = nextNip();
      nips.push(nip);
      dataOf(await ownAdmin(createPerson, { input: { nip, employmentType: 'PNS', name } }));
    }
    const list = `query ($after: String, $dir: OrderDirection!) {
      people(first: 3, after: $after, orderBy: { field: NIP, direction: $dir }) {
        nodes { nip } pageInfo { hasNextPage endCursor } } }`;
    for (const direction of ['ASC', 'DESC'] as const) {
      const first = dataOf(await ownAdmin(list, { dir: direction })).people;
      const second = dataOf(
        await ownAdmin(list, { dir: direction, after: first.pageInfo.endCursor }),
      ).people;
      const seen = [...first.nodes, ...second.nodes].map((node: { nip: string }) => node.nip);
      const sorted = [...nips].sort();
      expect(seen).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
      expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    }
    const byName = dataOf(await ownAdmin(`{ people(first: 1) { pageInfo { endCursor } } }`)).people
      .pageInfo.endCursor;
    expect(codeOf(await ownAdmin(list, { dir: 'ASC', after: byName }))).toBe('BAD_USER_INPUT');
  });
});
