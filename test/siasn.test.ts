// SIASN training-history sync against a local server that behaves as SIASN was observed to:
// it checks both tokens, answers /kursus/save and /diklat/save with a new id on create and
// the same id on update, and can be told to fail the next calls. The worker is driven by
// calling it with an explicit clock; records, attempts and the CSV are read through HTTP.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificates, people, siasnSettings } from '../src/db/schema/index.js';
import { createSiasnRepository } from '../src/domain/siasn/siasnRepository.js';
import { sendDueSiasnRecords } from '../src/domain/siasn/sendSiasnRecords.js';
import { BadUserInputError } from '../src/lib/errors.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const secretsKey = 'secrets-key-for-tests-0123456789abcdef';
const clientToken = 'client-token-4f1c9a';
const ssoToken = 'sso-token-77b2e0';
const pnsOrangId = (n: number) => `A8ACA7A4ECE03912E040640A0402${String(n).padStart(4, '0')}`;
const instansiId = 'A5EB03E23C52F6A0E040640A040252AD';

type Failure = 500 | 503 | 401 | 'success:false';

interface Call {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** SIASN as observed: both tokens checked, a new id on create, the same one on update. */
function fakeSiasn() {
  const calls: Call[] = [];
  const failNext: Failure[] = [];
  const saved = new Map<string, Record<string, unknown>>();
  let serial = 0;
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const path = (request.url ?? '').replace(/^\/apisiasn\/1\.0/, '');
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      calls.push({ path, headers: request.headers, body });
      const answer = (status: number, json: unknown) => {
        response.statusCode = status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(json));
      };
      if (
        request.headers.auth !== `bearer ${clientToken}` ||
        request.headers.authorization !== `Bearer ${ssoToken}`
      ) {
        return answer(401, { code: 401, message: 'Invalid Credentials' });
      }
      const failure = failNext.shift();
      if (failure === 'success:false')
        return answer(200, { success: false, message: 'Data riwayat gagal disimpan' });
      if (failure === 401) return answer(401, { code: 401, message: 'Token expired' });
      if (failure !== undefined) return answer(failure, { message: 'Internal Server Error' });
      const key = { '/kursus/save': 'rwKursusId', '/diklat/save': 'rwDiklatId' }[path];
      if (request.method !== 'POST' || key === undefined) return answer(404, { message: 'no' });
      let id = body.id as string | null;
      if (id !== null && !saved.has(id))
        return answer(200, { success: false, message: 'id riwayat tidak ditemukan' });
      id ??= `rw-${(serial += 1)}`;
      saved.set(id, body);
      return answer(200, { success: true, message: 'success', mapData: { [key]: id } });
    });
  });
  return { server, calls, failNext, saved };
}

describe('SIASN sync', () => {
  let t: TestApp;
  let s: Setup;
  let siasn: ReturnType<typeof fakeSiasn>;
  let baseUrl: string;
  let enrollmentIds: string[];
  let clock = 0;
  /**
   * The worker, run at a clock that only moves forward and never falls behind the real one
   * (records are queued at the real time).
   */
  const work = (advanceMs = 0, maxAttempts = 3) => {
    clock = Math.max(clock, Date.now()) + advanceMs;
    return sendDueSiasnRecords(t.database.db, { secretsKey, maxAttempts, now: new Date(clock) });
  };

  const recordFields = `id enrollmentId kind status attempts lastError siasnRecordId nip name
    jenisDiklatId namaKursus institusiPenyelenggara nomorSertipikat jumlahJam startDate endDate
    problems body attemptLog { attempt endpoint statusCode error }`;
  const sync = (enrollmentId: string) =>
    s.admin(`mutation ($e: ID!) { syncEnrollmentToSiasn(enrollmentId: $e) { ${recordFields} } }`, {
      e: enrollmentId,
    });
  const recordOf = async (enrollmentId: string) => {
    const answer = await s.admin(
      `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id siasnRecord { ${recordFields} } } } } }`,
      { c: s.cohortId },
    );
    const nodes = dataOf(answer).cohort.enrollments.nodes as { id: string; siasnRecord: any }[];
    return nodes.find((node) => node.id === enrollmentId)!.siasnRecord;
  };
  const complete = async (enrollmentId: string) =>
    dataOf(
      await s.admin(
        `mutation ($e: ID!) { updateEnrollmentStatus(input: { enrollmentId: $e, status: COMPLETED }) { status } }`,
        { e: enrollmentId },
      ),
    );

  beforeAll(async () => {
    t = await startTestApp({ secretsKey });
    s = await setup(t, 4);
    siasn = fakeSiasn();
    await new Promise<void>((resolve) => siasn.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(siasn.server.address() as AddressInfo).port}/apisiasn/1.0`;

    const agency = dataOf(
      await s.admin(
        `mutation ($s: String) { createAgency(input: { name: "Pemerintah Provinsi A", siasnId: $s }) { id } }`,
        { s: instansiId },
      ),
    ).createAgency.id;
    const unit = dataOf(
      await s.admin(
        `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, name: "BPKAD" }) { id } }`,
        { a: agency },
      ),
    ).createOrgUnit.id;
    for (const [n, id] of s.learnerIds.entries()) {
      dataOf(
        await s.admin(
          `mutation ($p: ID!, $u: ID) { updatePerson(input: { id: $p, orgUnitId: $u }) { id } }`,
          { p: id, u: unit },
        ),
      );
      // Learner 3 has no SIASN id yet; the API does not set it (certificate work adds it).
      if (n < 3)
        await t.database.db
          .update(people)
          .set({ siasnId: pnsOrangId(n) })
          .where(eq(people.id, id));
    }
    dataOf(
      await s.admin(
        `mutation ($p: ID!) { updatePerson(input: { id: $p, name: "=Peserta 03" }) { id } }`,
        { p: s.learnerIds[3] },
      ),
    );
    dataOf(
      await s.admin(
        `mutation ($p: ID!) { updateProgram(input: { id: $p, organiser: "BPSDM Provinsi A" }) { id } }`,
        { p: s.programId },
      ),
    );
    const read = dataOf(
      await s.admin(
        `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id person { id } } } } }`,
        {
          c: s.cohortId,
        },
      ),
    );
    const nodes = read.cohort.enrollments.nodes as { id: string; person: { id: string } }[];
    enrollmentIds = s.learnerIds.map((id) => nodes.find((node) => node.person.id === id)!.id);
  });
  afterAll(async () => {
    await new Promise((resolve) => siasn?.server.close(resolve));
    await t?.close();
  });

  it('is configured by an ADMIN, with the tokens stored encrypted and never shown', async () => {
    const configure = `mutation ($i: ConfigureSiasnInput!) { configureSiasn(input: $i) { baseUrl updatedBy updatedAt } }`;
    expect(
      codeOf(await s.admin(configure, { i: { baseUrl: 'ftp://x', clientToken, ssoToken } })),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.admin(configure, { i: { baseUrl, clientToken: ' ', ssoToken } }))).toBe(
      'BAD_USER_INPUT',
    );
    const analyst = graphqlAs(t, await tokenFor(s.tenant, ['ANALYST']));
    expect(codeOf(await analyst(configure, { i: { baseUrl, clientToken, ssoToken } }))).toBe(
      'FORBIDDEN',
    );
    // A wrong SSO token first: SIASN will refuse it.
    const answer = await s.admin(configure, {
      i: { baseUrl: `${baseUrl}/`, clientToken: `Bearer ${clientToken}`, ssoToken: 'stale' },
    });
    expect(dataOf(answer).configureSiasn).toMatchObject({ baseUrl, updatedBy: 'user-ADMIN' });
    const [stored] = await t.database.db
      .select()
      .from(siasnSettings)
      .where(eq(siasnSettings.tenantId, s.tenant.id));
    expect(stored!.clientTokenSealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(clientToken);
    expect(dataOf(await s.admin(`{ siasnConnection { baseUrl } }`)).siasnConnection).toEqual({
      baseUrl,
    });

    // Without JEJAK_SECRETS_KEY nothing secret can be stored.
    const withoutKey = createSiasnRepository(
      t.database.db,
      { tenantId: s.tenant.id, subject: 'x', roles: ['ADMIN'] },
      undefined,
    );
    await expect(withoutKey.configure({ baseUrl, clientToken, ssoToken })).rejects.toThrow(
      /JEJAK_SECRETS_KEY/,
    );
    await expect(withoutKey.configure({ baseUrl, clientToken, ssoToken })).rejects.toBeInstanceOf(
      BadUserInputError,
    );
  });

  it('queues only completed enrollments, and refuses bad ids', async () => {
    expect(codeOf(await sync(enrollmentIds[0]!))).toBe('BAD_USER_INPUT');
    expect(codeOf(await sync('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(codeOf(await sync('nope'))).toBe('BAD_USER_INPUT');
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    expect(
      codeOf(
        await facilitator(`mutation ($e: ID!) { syncEnrollmentToSiasn(enrollmentId: $e) { id } }`, {
          e: enrollmentIds[0],
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('sends a completed enrollment with both tokens, waiting on a 401 until fresh tokens come', async () => {
    await complete(enrollmentIds[0]!);
    const queued = dataOf(await sync(enrollmentIds[0]!)).syncEnrollmentToSiasn;
    const body = {
      id: null,
      pnsOrangId: pnsOrangId(0),
      instansiId,
      jenisDiklatId: '3',
      jenisKursus: null,
      jenisKursusSertipikat: null,
      namaKursus: 'Pengelolaan Keuangan Daerah',
      institusiPenyelenggara: 'BPSDM Provinsi A',
      nomorSertipikat: null,
      jumlahJam: 40,
      tahunKursus: 2026,
      tanggalKursus: '05-01-2026',
      tanggalSelesaiKursus: '31-03-2026',
      lokasiId: null,
      path: [],
    };
    expect(queued).toMatchObject({
      kind: 'KURSUS',
      status: 'PENDING',
      attempts: 0,
      siasnRecordId: null,
      name: 'Peserta 00',
      problems: [],
      body,
      attemptLog: [],
    });

    // The stale SSO token: SIASN answers 401. The record waits; it is not given up.
    expect(await work(0, 1)).toEqual({ claimed: 1, sent: 0 });
    expect(siasn.calls).toHaveLength(1);
    const waiting = await recordOf(enrollmentIds[0]!);
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(waiting.lastError).toContain('HTTP 401: Invalid Credentials');
    expect(waiting.attemptLog).toEqual([
      { attempt: 1, endpoint: '/kursus/save', statusCode: 401, error: waiting.lastError },
    ]);

    // Fresh tokens: the waiting record goes out at once, and SIASN's id is kept.
    dataOf(
      await s.admin(
        `mutation ($i: ConfigureSiasnInput!) { configureSiasn(input: $i) { baseUrl } }`,
        { i: { baseUrl, clientToken, ssoToken } },
      ),
    );
    expect(await work(0, 1)).toEqual({ claimed: 1, sent: 1 });
    const call = siasn.calls[1]!;
    expect(call.path).toBe('/kursus/save');
    expect(call.headers.auth).toBe(`bearer ${clientToken}`);
    expect(call.headers.authorization).toBe(`Bearer ${ssoToken}`);
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toEqual(body);
    const sent = await recordOf(enrollmentIds[0]!);
    expect(sent).toMatchObject({ status: 'SENT', siasnRecordId: 'rw-1', lastError: null });
    expect(sent.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([401, 200]);
    // Nothing more is due.
    expect(await work(3600_000)).toEqual({ claimed: 0, sent: 0 });
  });

  it('sends an update with the kept id once the certificate is issued', async () => {
    await t.database.db.insert(certificates).values({
      tenantId: s.tenant.id,
      number: `0001/STTP/BPSDM/2026-${s.tenant.slug}`,
      enrollmentId: enrollmentIds[0]!,
      personId: s.learnerIds[0]!,
      programId: s.programId,
      payload: {},
      jws: 'x.y.z',
      keyId: 'k1',
      jp: 38.5,
    });
    const queued = dataOf(await sync(enrollmentIds[0]!)).syncEnrollmentToSiasn;
    expect(queued).toMatchObject({ status: 'PENDING', attempts: 0, siasnRecordId: 'rw-1' });
    expect(await work()).toEqual({ claimed: 1, sent: 1 });
    const call = siasn.calls.at(-1)!;
    expect(call.body).toMatchObject({
      id: 'rw-1',
      nomorSertipikat: `0001/STTP/BPSDM/2026-${s.tenant.slug}`,
      // The certificate's JP, rounded.
      jumlahJam: 39,
    });
    expect(siasn.saved.size).toBe(1);
    expect(await recordOf(enrollmentIds[0]!)).toMatchObject({
      status: 'SENT',
      siasnRecordId: 'rw-1',
      nomorSertipikat: `0001/STTP/BPSDM/2026-${s.tenant.slug}`,
      jumlahJam: 39,
    });
  });

  it('retries after a server error with backoff, every attempt visible', async () => {
    await complete(enrollmentIds[1]!);
    dataOf(await sync(enrollmentIds[1]!));
    siasn.failNext.push(500);
    expect(await work()).toEqual({ claimed: 1, sent: 0 });
    const failed = await recordOf(enrollmentIds[1]!);
    expect(failed).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: 'HTTP 500: Internal Server Error',
    });
    // Not due before its backoff (30 s) has passed.
    expect(await work(10_000)).toEqual({ claimed: 0, sent: 0 });
    expect(await work(21_000)).toEqual({ claimed: 1, sent: 1 });
    expect(await recordOf(enrollmentIds[1]!)).toMatchObject({
      status: 'SENT',
      attempts: 2,
      siasnRecordId: 'rw-2',
      lastError: null,
      attemptLog: [
        {
          attempt: 1,
          endpoint: '/kursus/save',
          statusCode: 500,
          error: 'HTTP 500: Internal Server Error',
        },
        { attempt: 2, endpoint: '/kursus/save', statusCode: 200, error: null },
      ],
    });
  });

  it('gives up after the last attempt; retrySiasnRecord queues it again', async () => {
    await complete(enrollmentIds[2]!);
    const { id } = dataOf(await sync(enrollmentIds[2]!)).syncEnrollmentToSiasn;
    siasn.failNext.push(503, 'success:false', 500);
    expect(await work()).toEqual({ claimed: 1, sent: 0 });
    expect(await work(3600_000)).toEqual({ claimed: 1, sent: 0 });
    expect(await work(3600_000)).toEqual({ claimed: 1, sent: 0 });
    expect(await work(3600_000)).toEqual({ claimed: 0, sent: 0 });
    const list = await s.admin(
      `{ siasnRecords(status: FAILED) { nodes { id status attempts lastError attemptLog { attempt statusCode error } } } }`,
    );
    expect(dataOf(list).siasnRecords.nodes).toEqual([
      {
        id,
        status: 'FAILED',
        attempts: 3,
        lastError: 'HTTP 500: Internal Server Error',
        attemptLog: [
          { attempt: 1, statusCode: 503, error: 'HTTP 503: Internal Server Error' },
          {
            attempt: 2,
            statusCode: 200,
            error: 'SIASN refused the record: Data riwayat gagal disimpan',
          },
          { attempt: 3, statusCode: 500, error: 'HTTP 500: Internal Server Error' },
        ],
      },
    ]);

    const retry = `mutation ($id: ID!) { retrySiasnRecord(id: $id) { id status attempts } }`;
    const analyst = graphqlAs(t, await tokenFor(s.tenant, ['ANALYST']));
    expect(codeOf(await analyst(retry, { id }))).toBe('FORBIDDEN');
    expect(dataOf(await s.admin(retry, { id })).retrySiasnRecord).toEqual({
      id,
      status: 'PENDING',
      attempts: 0,
    });
    expect(await work()).toEqual({ claimed: 1, sent: 1 });
    expect(await recordOf(enrollmentIds[2]!)).toMatchObject({
      status: 'SENT',
      siasnRecordId: 'rw-3',
    });
    // A SENT record is updated through syncEnrollmentToSiasn, not retried.
    expect(codeOf(await s.admin(retry, { id }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.admin(retry, { id: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('fails at once, without a call, a record SIASN could not take', async () => {
    await complete(enrollmentIds[3]!);
    const queued = dataOf(await sync(enrollmentIds[3]!)).syncEnrollmentToSiasn;
    expect(queued.problems).toEqual([expect.stringContaining('pnsOrangId')]);
    const calls = siasn.calls.length;
    expect(await work()).toEqual({ claimed: 1, sent: 0 });
    expect(siasn.calls).toHaveLength(calls);
    const record = await recordOf(enrollmentIds[3]!);
    expect(record.status).toBe('FAILED');
    expect(record.lastError).toMatch(/^not sent: pnsOrangId/);
    expect(record.attemptLog).toEqual([
      { attempt: 1, endpoint: null, statusCode: null, error: record.lastError },
    ]);
  });

  it('sends structural training (jenisDiklatId 1) to /diklat/save', async () => {
    const program = dataOf(
      await s.admin(
        `mutation { createProgram(input: { title: "Pelatihan Kepemimpinan Pengawas", learningKind: KLASIKAL,
          siasnJenisDiklatId: 1, organiser: "BPSDM Provinsi A", totalJp: 60, status: OPEN }) { id } }`,
      ),
    ).createProgram.id;
    const cohort = dataOf(
      await s.admin(
        `mutation ($p: ID!) { createCohort(input: { programId: $p, name: "PKP Angkatan II", startDate: "2025-11-03", endDate: "2026-01-09" }) { id } }`,
        { p: program },
      ),
    ).createCohort.id;
    const enrollment = dataOf(
      await s.admin(
        `mutation ($c: ID!, $p: ID!) { enrollPerson(input: { cohortId: $c, personId: $p }) { id } }`,
        { c: cohort, p: s.learnerIds[1] },
      ),
    ).enrollPerson.id;
    await complete(enrollment);
    expect(dataOf(await sync(enrollment)).syncEnrollmentToSiasn).toMatchObject({
      kind: 'DIKLAT',
      jenisDiklatId: 1,
    });
    expect(await work()).toEqual({ claimed: 1, sent: 1 });
    const call = siasn.calls.at(-1)!;
    expect(call.path).toBe('/diklat/save');
    expect(call.body).toEqual({
      id: null,
      pnsOrangId: pnsOrangId(1),
      latihanStrukturalId: null,
      nomor: null,
      tanggal: '03-11-2025',
      tanggalSelesai: '09-01-2026',
      tahun: 2026,
      jumlahJam: 60,
      institusiPenyelenggara: 'BPSDM Provinsi A',
      jenisKompetensi: null,
      bobot: null,
    });
    const [latest] = dataOf(
      await s.admin(
        `{ siasnRecords(first: 1) { nodes { enrollmentId kind status siasnRecordId } } }`,
      ),
    ).siasnRecords.nodes;
    expect(latest).toEqual({
      enrollmentId: enrollment,
      kind: 'DIKLAT',
      status: 'SENT',
      siasnRecordId: 'rw-4',
    });
  });

  it('lists records newest first, a keyset page at a time, to ADMIN and ANALYST only', async () => {
    const analyst = graphqlAs(t, await tokenFor(s.tenant, ['ANALYST']));
    const page = `query ($after: String) { siasnRecords(first: 3, after: $after) { nodes { id nip } pageInfo { hasNextPage endCursor } } }`;
    const first = dataOf(await analyst(page)).siasnRecords;
    expect(first.nodes).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await analyst(page, { after: first.pageInfo.endCursor })).siasnRecords;
    expect(second.nodes).toHaveLength(2);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...first.nodes, ...second.nodes].map((n: { id: string }) => n.id)).size).toBe(
      5,
    );

    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(codeOf(await learner(`{ siasnRecords { nodes { id } } }`))).toBe('FORBIDDEN');
    expect(codeOf(await analyst(`{ siasnConnection { baseUrl } }`))).toBe('FORBIDDEN');
    // An enrollment's record is shown to ADMIN and ANALYST only.
    const mine = await learner(`{ me { id } }`);
    expect(mine.errors).toBeUndefined();
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const seen = dataOf(
      await facilitator(
        `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { siasnRecord { id } } } } }`,
        { c: s.cohortId },
      ),
    );
    expect(
      seen.cohort.enrollments.nodes.every((n: { siasnRecord: unknown }) => n.siasnRecord === null),
    ).toBe(true);
    // Another tenant sees none of them.
    const other = await setup(t, 0);
    expect(
      dataOf(await other.admin(`{ siasnRecords { nodes { id } } }`)).siasnRecords.nodes,
    ).toEqual([]);
  });

  it("exports the records as CSV in the columns of SIASN's form", async () => {
    const admin = await tokenFor(s.tenant, ['ADMIN']);
    const response = await t
      .http()
      .get('/siasn/records.csv')
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('siasn-records.csv');
    const lines = response.text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'NIP,nama,jenisDiklatId,namaKursus,institusiPenyelenggara,nomorSertipikat,jumlahJam,tanggalKursus,tanggalSelesaiKursus,tahunKursus,status,rwKursusId',
    );
    const nips = await Promise.all(
      s.learnerIds.map(async (id) => {
        const answer = await s.admin(`query ($p: ID!) { person(id: $p) { nip } }`, { p: id });
        return dataOf(answer).person.nip as string;
      }),
    );
    // Oldest first.
    expect(lines.slice(1, -1)).toEqual([
      `${nips[0]},Peserta 00,3,Pengelolaan Keuangan Daerah,BPSDM Provinsi A,0001/STTP/BPSDM/2026-${s.tenant.slug},39,05-01-2026,31-03-2026,2026,SENT,rw-1`,
      `${nips[1]},Peserta 01,3,Pengelolaan Keuangan Daerah,BPSDM Provinsi A,,40,05-01-2026,31-03-2026,2026,SENT,rw-2`,
      `${nips[2]},Peserta 02,3,Pengelolaan Keuangan Daerah,BPSDM Provinsi A,,40,05-01-2026,31-03-2026,2026,SENT,rw-3`,
      // A name a spreadsheet would run as a formula stays text.
      `${nips[3]},'=Peserta 03,3,Pengelolaan Keuangan Daerah,BPSDM Provinsi A,,40,05-01-2026,31-03-2026,2026,FAILED,`,
      `${nips[1]},Peserta 01,1,Pelatihan Kepemimpinan Pengawas,BPSDM Provinsi A,,60,03-11-2025,09-01-2026,2026,SENT,rw-4`,
    ]);

    const failedOnly = await t
      .http()
      .get('/siasn/records.csv?status=FAILED')
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    expect(failedOnly.text.split('\r\n')).toHaveLength(3);

    const analyst = await tokenFor(s.tenant, ['ANALYST']);
    await t.http().get('/siasn/records.csv').set('authorization', `Bearer ${analyst}`).expect(200);
    const learner = await tokenFor(s.tenant, ['LEARNER']);
    const forbidden = await t
      .http()
      .get('/siasn/records.csv')
      .set('authorization', `Bearer ${learner}`)
      .expect(403);
    expect(forbidden.body.error).toBe('FORBIDDEN');
    await t.http().get('/siasn/records.csv').expect(401);
    await t.http().get('/siasn/records.csv').set('authorization', 'Bearer not-a-jwt').expect(401);
    const bad = await t
      .http()
      .get('/siasn/records.csv?status=DONE')
      .set('authorization', `Bearer ${admin}`)
      .expect(400);
    expect(bad.body.message).toContain('status');
  });
});
