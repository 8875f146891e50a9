// SIASN training-history sync against a local server that behaves as SIASN was observed to:
// it checks both tokens, answers /kursus/save and /diklat/save with a new id on create and
// the same id on update, and can be told to fail the next calls. The worker is driven by
// calling it with an explicit clock; records, attempts and the CSV are read through HTTP.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { certificates, enrollments, people, siasnSettings } from '../src/db/schema/index.js';
import { createSiasnRepository } from '../src/domain/siasn/siasnRepository.js';
import { sendDueSiasnRecords, siasnTokenPurpose } from '../src/domain/siasn/sendSiasnRecords.js';
import { BadUserInputError } from '../src/lib/errors.js';
import { sealSecret } from '../src/lib/secretBox.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { enrollInNewProgramme, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const secretsKey = 'secrets-key-for-tests-0123456789abcdef';
const clientToken = 'client-token-4f1c9a';
const ssoToken = 'sso-token-77b2e0';
const pnsOrangId = (n: number) => `A8ACA7A4ECE03912E040640A0402${String(n).padStart(4, '0')}`;
const instansiId = 'A5EB03E23C52F6A0E040640A040252AD';

type Failure = 500 | 503 | 401 | 'success:false' | 'gateway-page' | 'long-refusal';

interface Call {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * SIASN as observed: both tokens checked, a new id on create, the same one on update. While
 * `hold()` is in force it answers nothing (a slow SIASN) until released.
 */
function fakeSiasn() {
  const calls: Call[] = [];
  const failNext: Failure[] = [];
  const saved = new Map<string, Record<string, unknown>>();
  let serial = 0;
  let held: Promise<void> | undefined;
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', async () => {
      const path = (request.url ?? '').replace(/^\/apisiasn\/1\.0/, '');
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      calls.push({ path, headers: request.headers, body });
      for (const waiter of waiting.filter((w) => calls.length >= w.count)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      await held;
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
      if (failure === 'gateway-page') {
        response.statusCode = 502;
        response.setHeader('content-type', 'text/html');
        return response.end(
          `<html><head><title>502 Bad Gateway</title></head><body>\n<h1>502 Bad Gateway</h1>\n${'<p>upstream detail</p>\n'.repeat(2000)}</body></html>`,
        );
      }
      if (failure === 'long-refusal')
        return answer(200, { success: false, message: `Data tidak valid: ${'x'.repeat(5000)}` });
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
  return {
    server,
    calls,
    failNext,
    saved,
    /** Holds every answer until the function returned is called. */
    hold(): () => void {
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    /** Resolves once `count` calls have arrived in all. */
    arrivals(count: number): Promise<void> {
      if (calls.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
  };
}

/**
 * The fixture's learners placed in an agency known to SIASN, the first `withSiasnId` of them
 * (numbered from `firstNumber`) with their SIASN ids, the programme organised by BPSDM; the
 * learners' enrollment ids in their order.
 */
async function readyForSiasn(t: TestApp, s: Setup, withSiasnId: number, firstNumber = 0) {
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
    if (n < withSiasnId)
      await t.database.db
        .update(people)
        .set({ siasnId: pnsOrangId(firstNumber + n) })
        .where(eq(people.id, id));
  }
  dataOf(
    await s.admin(
      `mutation ($p: ID!) { updateProgram(input: { id: $p, organiser: "BPSDM Provinsi A" }) { id } }`,
      { p: s.programId },
    ),
  );
  const read = dataOf(
    await s.admin(
      `query ($c: ID!) { cohort(id: $c) { enrollments { nodes { id person { id } } } } }`,
      { c: s.cohortId },
    ),
  );
  const nodes = read.cohort.enrollments.nodes as { id: string; person: { id: string } }[];
  return s.learnerIds.map((id) => nodes.find((node) => node.person.id === id)!.id);
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

    // Learner 3 has no SIASN id yet; the API does not set it (certificate work adds it).
    enrollmentIds = await readyForSiasn(t, s, 3);
    dataOf(
      await s.admin(
        `mutation ($p: ID!) { updatePerson(input: { id: $p, name: "=Peserta 03" }) { id } }`,
        { p: s.learnerIds[3] },
      ),
    );
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
    // The tokens go only to https, or http on this machine, and never into the server's network.
    for (const [url, said] of [
      ['http://apimws.bkn.go.id/apisiasn/1.0', 'https'],
      ['https://169.254.169.254/latest/meta-data', 'metadata'],
      ['https://10.0.0.12/apisiasn/1.0', 'private'],
      ['https://metadata.google.internal/', 'metadata'],
    ]) {
      const refused = await s.admin(configure, { i: { baseUrl: url, clientToken, ssoToken } });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.message).toContain(said);
    }
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
    const enrollment = await enrollInNewProgramme(s.admin, s.learnerIds[1]!, {
      title: 'Pelatihan Kepemimpinan Pengawas',
      siasnJenisDiklatId: 1,
      organiser: 'BPSDM Provinsi A',
      totalJp: 60,
      cohortName: 'PKP Angkatan II',
      startDate: '2025-11-03',
      endDate: '2026-01-09',
    });
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

describe('SIASN sync with several workers, slow answers and records that change meanwhile', () => {
  let t: TestApp;
  let s: Setup;
  let siasn: ReturnType<typeof fakeSiasn>;
  let baseUrl: string;
  let clock = 0;
  /** A run of the worker at `at` (or the next moment), as in the tests above. */
  const work = (options: { at?: number; timeoutMs?: number } = {}) => {
    const now = options.at ?? Math.max(clock, Date.now()) + 1;
    clock = Math.max(clock, now);
    return sendDueSiasnRecords(t.database.db, {
      secretsKey,
      maxAttempts: 3,
      now: new Date(now),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  };
  const configure = (admin: Setup['admin']) =>
    admin(`mutation ($i: ConfigureSiasnInput!) { configureSiasn(input: $i) { baseUrl } }`, {
      i: { baseUrl, clientToken, ssoToken },
    });
  const complete = async (admin: Setup['admin'], enrollmentId: string) =>
    dataOf(
      await admin(
        `mutation ($e: ID!) { updateEnrollmentStatus(input: { enrollmentId: $e, status: COMPLETED }) { status } }`,
        { e: enrollmentId },
      ),
    );
  const sync = async (admin: Setup['admin'], enrollmentId: string) =>
    dataOf(
      await admin(
        `mutation ($e: ID!) { syncEnrollmentToSiasn(enrollmentId: $e) { id status siasnRecordId lastError } }`,
        { e: enrollmentId },
      ),
    ).syncEnrollmentToSiasn as { id: string; status: string; siasnRecordId: string | null };
  const recordOf = async (admin: Setup['admin'], id: string) => {
    const nodes = dataOf(
      await admin(`{ siasnRecords(first: 100) { nodes { id status siasnRecordId lastError } } }`),
    ).siasnRecords.nodes as { id: string; status: string; lastError: string | null }[];
    return nodes.find((node) => node.id === id);
  };
  let titles = 0;
  /** A completed enrollment of learner `n` in a programme of its own, queued for SIASN. */
  const queuedTraining = async (n: number) => {
    titles += 1;
    const title = `Pelatihan Teknis ${titles}`;
    const enrollment = await enrollInNewProgramme(s.admin, s.learnerIds[n]!, {
      title,
      siasnJenisDiklatId: 3,
      organiser: 'BPSDM Provinsi A',
      totalJp: 24,
      startDate: '2026-02-02',
      endDate: '2026-02-04',
    });
    await complete(s.admin, enrollment);
    const record = await sync(s.admin, enrollment);
    return { title, enrollment, record: record.id };
  };
  /** The calls that created a record in SIASN (no id), per training title and learner. */
  const creates = () => {
    const counted = new Map<string, number>();
    for (const call of siasn.calls.filter((c) => c.body.id === null)) {
      const key = `${String(call.body.namaKursus)}|${String(call.body.pnsOrangId)}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    return counted;
  };

  beforeAll(async () => {
    t = await startTestApp({ secretsKey });
    s = await setup(t, 4);
    siasn = fakeSiasn();
    await new Promise<void>((resolve) => siasn.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(siasn.server.address() as AddressInfo).port}/apisiasn/1.0`;
    await readyForSiasn(t, s, 4, 100);
    dataOf(await configure(s.admin));
  });
  afterAll(async () => {
    await new Promise((resolve) => siasn?.server.close(resolve));
    await t?.close();
  });

  it('sends each record once while two workers run at the same time against a slow SIASN', async () => {
    const trainings = [];
    for (const n of [0, 1, 2, 3]) trainings.push(await queuedTraining(n));
    const start = Math.max(clock, Date.now()) + 1;
    // Worker A starts; its first call hangs. Worker B starts two minutes later by its
    // clock: A's call is still within its timeout (150 s), so B must leave that record be.
    const release = siasn.hold();
    const a = work({ at: start, timeoutMs: 150_000 });
    await siasn.arrivals(1);
    const b = work({ at: start + 121_000, timeoutMs: 150_000 });
    await siasn.arrivals(2);
    release();
    const [ranA, ranB] = await Promise.all([a, b]);
    expect(ranA.claimed + ranB.claimed).toBe(4);
    expect(ranA.sent + ranB.sent).toBe(4);
    expect(siasn.calls).toHaveLength(4);
    expect([...creates().values()]).toEqual([1, 1, 1, 1]);
    expect(siasn.saved.size).toBe(4);
    for (const training of trainings) {
      expect(await recordOf(s.admin, training.record)).toMatchObject({ status: 'SENT' });
    }
    expect(await work({ at: start + 3600_000 })).toEqual({ claimed: 0, sent: 0 });
  });

  it('sends a record queued again during its call as an update, never as a second create', async () => {
    const training = await queuedTraining(0);
    const calls = siasn.calls.length;
    const start = Math.max(clock, Date.now()) + 1;
    const release = siasn.hold();
    const first = work({ at: start, timeoutMs: 150_000 });
    await siasn.arrivals(calls + 1);
    // Queued again while SIASN is creating it; another worker runs before the call ends.
    expect(await sync(s.admin, training.enrollment)).toMatchObject({
      status: 'PENDING',
      siasnRecordId: null,
    });
    const second = work({ at: start + 121_000, timeoutMs: 150_000 });
    release();
    await Promise.all([first, second]);
    await work({ at: start + 122_000 });
    const mine = siasn.calls.slice(calls).filter((call) => call.body.namaKursus === training.title);
    expect(mine.map((call) => call.body.id)).toEqual([null, expect.stringMatching(/^rw-/)]);
    expect(mine[1]!.body.id).toBe([...siasn.saved.keys()].at(-1));
    expect(creates().get(`${training.title}|${pnsOrangId(100)}`)).toBe(1);
    expect(await recordOf(s.admin, training.record)).toMatchObject({
      status: 'SENT',
      siasnRecordId: mine[1]!.body.id,
    });
  });

  it('goes on with the rest of a run when a record is deleted during its call', async () => {
    const gone = await queuedTraining(1);
    const kept = await queuedTraining(2);
    const calls = siasn.calls.length;
    const release = siasn.hold();
    const run = work();
    await siasn.arrivals(calls + 1);
    expect(siasn.calls.at(-1)!.body.namaKursus).toBe(gone.title);
    // The enrollment is removed (as erasure does) while SIASN is saving its record.
    await t.database.db.delete(enrollments).where(eq(enrollments.id, gone.enrollment));
    release();
    expect(await run).toEqual({ claimed: 2, sent: 2 });
    expect(await recordOf(s.admin, gone.record)).toBeUndefined();
    expect(await recordOf(s.admin, kept.record)).toMatchObject({ status: 'SENT' });
  });

  it('keeps only a short excerpt of what SIASN or its gateway answered', async () => {
    const gateway = await queuedTraining(3);
    siasn.failNext.push('gateway-page');
    expect(await work()).toEqual({ claimed: 1, sent: 0 });
    const afterGateway = (await recordOf(s.admin, gateway.record))!;
    expect(afterGateway.lastError).toMatch(/^HTTP 502: 502 Bad Gateway 502 Bad Gateway upstream/);
    expect(afterGateway.lastError!.length).toBeLessThanOrEqual(200);

    siasn.failNext.push('long-refusal');
    expect(await work({ at: clock + 3600_000 })).toEqual({ claimed: 1, sent: 0 });
    const afterRefusal = (await recordOf(s.admin, gateway.record))!;
    expect(afterRefusal.lastError).toMatch(/^SIASN refused the record: Data tidak valid: x+…$/);
    expect(afterRefusal.lastError!.length).toBeLessThanOrEqual(200);
    const log = dataOf(
      await s.admin(`{ siasnRecords(first: 100) { nodes { id attemptLog { error } } } }`),
    ).siasnRecords.nodes.find((node: { id: string }) => node.id === gateway.record).attemptLog;
    for (const attempt of log) expect(attempt.error.length).toBeLessThanOrEqual(200);
    expect(await work({ at: clock + 3600_000 })).toEqual({ claimed: 1, sent: 1 });
  });

  it('leaves the records of tenants without a connection untouched, listed in the CSV', async () => {
    const other = await setup(t, 20);
    const ids = await readyForSiasn(t, other, 20, 200);
    for (const id of ids) {
      await complete(other.admin, id);
      await sync(other.admin, id);
    }
    // The worker never reads them: no statement it runs touches a row of this tenant.
    t.queries.recording = [];
    try {
      expect(await work()).toEqual({ claimed: 0, sent: 0 });
    } finally {
      const statements = t.queries.recording;
      t.queries.recording = undefined;
      let read = 0;
      for (const statement of statements) read += await recordsRead(t, statement);
      expect(read).toBe(0);
    }
    const admin = await tokenFor(other.tenant, ['ADMIN']);
    const csv = await t
      .http()
      .get('/siasn/records.csv?status=PENDING')
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    expect(csv.text.split('\r\n').slice(1, -1)).toHaveLength(20);

    // A connection stored before the base-URL rules (plain http to a private address) is
    // not used: the records wait for SIASN to be configured again.
    await t.database.db.insert(siasnSettings).values({
      tenantId: other.tenant.id,
      baseUrl: 'http://10.0.0.12/apisiasn/1.0',
      clientTokenSealed: sealSecret(secretsKey, siasnTokenPurpose, other.tenant.id, clientToken),
      ssoTokenSealed: sealSecret(secretsKey, siasnTokenPurpose, other.tenant.id, ssoToken),
      updatedBy: 'user-ADMIN',
    });
    const calls = siasn.calls.length;
    expect(await work()).toEqual({ claimed: 1, sent: 0 });
    expect(siasn.calls).toHaveLength(calls);
    const waiting = dataOf(
      await other.admin(`{ siasnRecords(status: PENDING, first: 100) { nodes { lastError } } }`),
    ).siasnRecords.nodes as { lastError: string | null }[];
    expect(waiting.filter((r) => r.lastError?.includes('configure SIASN again'))).toHaveLength(1);
    expect(await work()).toEqual({ claimed: 0, sent: 0 });

    // Configured: they go out at once.
    dataOf(await configure(other.admin));
    expect(await work()).toEqual({ claimed: 20, sent: 20 });
    expect(siasn.calls).toHaveLength(calls + 20);
  });

  it('sends nothing to a host name that resolves into the server network', async () => {
    const named = 'https://siasn.agency.example/apisiasn/1.0';
    dataOf(
      await s.admin(
        `mutation ($i: ConfigureSiasnInput!) { configureSiasn(input: $i) { baseUrl } }`,
        { i: { baseUrl: named, clientToken, ssoToken } },
      ),
    );
    const training = await queuedTraining(0);
    const calls = siasn.calls.length;
    const resolved: string[] = [];
    const run = await sendDueSiasnRecords(t.database.db, {
      secretsKey,
      maxAttempts: 3,
      now: new Date(Math.max(clock, Date.now()) + 1),
      resolveHost: async (hostname) => {
        resolved.push(hostname);
        return ['203.0.113.9', '10.0.0.5'];
      },
    });
    expect(run).toEqual({ claimed: 1, sent: 0 });
    expect(resolved).toEqual(['siasn.agency.example']);
    expect(siasn.calls).toHaveLength(calls);
    expect((await recordOf(s.admin, training.record))!.lastError).toMatch(
      /^not sent: siasn\.agency\.example resolves to 10\.0\.0\.5, .*configure SIASN again$/,
    );

    // A name that does not resolve (now) is tried again later, as a refused connection is.
    dataOf(
      await s.admin(
        `mutation ($i: ConfigureSiasnInput!) { configureSiasn(input: $i) { baseUrl } }`,
        { i: { baseUrl: named, clientToken, ssoToken } },
      ),
    );
    const unresolved = await sendDueSiasnRecords(t.database.db, {
      secretsKey,
      maxAttempts: 3,
      now: new Date(Math.max(clock, Date.now()) + 2),
      resolveHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND siasn.agency.example'), {
          code: 'ENOTFOUND',
        });
      },
    });
    expect(unresolved).toEqual({ claimed: 1, sent: 0 });
    expect(siasn.calls).toHaveLength(calls);
    expect(await recordOf(s.admin, training.record)).toMatchObject({
      status: 'PENDING',
      lastError: 'SIASN could not be reached: getaddrinfo ENOTFOUND siasn.agency.example',
    });

    // A name the connection resolves to an address it may use is called there.
    const byName = baseUrl.replace('127.0.0.1', 'localhost');
    dataOf(
      await s.admin(
        `mutation ($i: ConfigureSiasnInput!) { configureSiasn(input: $i) { baseUrl } }`,
        { i: { baseUrl: byName, clientToken, ssoToken } },
      ),
    );
    const lookedUp: string[] = [];
    const sent = await sendDueSiasnRecords(t.database.db, {
      secretsKey,
      maxAttempts: 3,
      now: new Date(Math.max(clock, Date.now()) + 3_600_000),
      resolveHost: async (hostname) => {
        lookedUp.push(hostname);
        return ['127.0.0.1'];
      },
    });
    expect(sent).toEqual({ claimed: 1, sent: 1 });
    expect(lookedUp).toEqual(['localhost']);
    expect(siasn.calls).toHaveLength(calls + 1);
    expect(siasn.calls.at(-1)!.body.namaKursus).toBe(training.title);
    dataOf(await configure(s.admin));
  });
});

/** Rows of siasn_records a statement reads, as EXPLAIN ANALYZE counts them (rolled back). */
async function recordsRead(t: TestApp, statement: { sql: string; params: unknown[] }) {
  if (!/siasn_records/.test(statement.sql)) return 0;
  let read = 0;
  await t.database.db
    .transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const [row] = await rawRows<{ 'QUERY PLAN': unknown }>(
        tx as never,
        sql`explain (analyze, format json) ${bound(statement.sql, statement.params)}`,
      );
      const plan = row!['QUERY PLAN'];
      const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: unknown }[];
      const visit = (node: Record<string, unknown>) => {
        if (node['Relation Name'] === 'siasn_records') {
          const rows =
            Number(node['Actual Rows'] ?? 0) +
            Number(node['Rows Removed by Filter'] ?? 0) +
            Number(node['Rows Removed by Index Recheck'] ?? 0);
          read += rows * Number(node['Actual Loops'] ?? 1);
        }
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? [])
          visit(child);
      };
      visit(parsed[0]!.Plan as Record<string, unknown>);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return read;
}

class RolledBack extends Error {}

/** A recorded statement with its parameters bound again. */
function bound(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)\b/);
  return sql.join(
    parts.map((part, index) =>
      index % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`,
    ),
    sql``,
  );
}
