// Certificates (STTP) end to end: an enrollment completed through GraphQL is queued by the
// database, issued by the worker with the programme's number pattern, and then verified the
// way an outsider would, with nothing but the public JWKS; revocation, the printable page,
// who may read a certificate, and keys that sign after a rotation.
import { sql } from 'drizzle-orm';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateSigner } from '../src/domain/certificates/certificateSigner.js';
import {
  issueCertificate,
  issueDueCertificates,
} from '../src/domain/certificates/issueCertificate.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { enrollInNewProgramme, setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, type TestApp } from './support/testApp.js';

let t: TestApp;
let s: Setup;
let adminToken: string;
const enrollmentIds: string[] = [];

const complete = async (enrollmentId: string) =>
  dataOf(
    await s.admin(
      `mutation ($id: ID!) { updateEnrollmentStatus(input: { enrollmentId: $id, status: COMPLETED }) { id status } }`,
      { id: enrollmentId },
    ),
  );

beforeAll(async () => {
  t = await startTestApp();
  s = await setup(t, 3);
  adminToken = await tokenFor(s.tenant, ['ADMIN']);
  const cohort = dataOf(
    await s.admin(
      `query ($id: ID!) { cohort(id: $id) { enrollments(first: 10) { nodes { id person { id } } } } }`,
      { id: s.cohortId },
    ),
  );
  const byPerson = new Map<string, string>(
    cohort.cohort.enrollments.nodes.map((node: { id: string; person: { id: string } }) => [
      node.person.id,
      node.id,
    ]),
  );
  enrollmentIds.push(...s.learnerIds.map((id) => byPerson.get(id)!));
  const agency = dataOf(
    await s.admin(`mutation { createAgency(input: { name: "Pemerintah Provinsi A" }) { id } }`),
  );
  const unit = dataOf(
    await s.admin(
      `mutation ($a: ID!) { createOrgUnit(input: { agencyId: $a, name: "BPKAD <Bidang Anggaran>" }) { id } }`,
      { a: agency.createAgency.id },
    ),
  );
  dataOf(
    await s.admin(
      `mutation ($id: ID!, $u: ID!) { updatePerson(input: { id: $id, orgUnitId: $u, birthPlace: "Malang",
         rank: "III/b", position: "Analis Keuangan" }) { id } }`,
      { id: s.learnerIds[0], u: unit.createOrgUnit.id },
    ),
  );
  dataOf(
    await s.admin(
      `mutation ($id: ID!) { updateCohort(input: { id: $id, location: "Surabaya" }) { id } }`,
      { id: s.cohortId },
    ),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('certificates', () => {
  let number: string;

  it('refuses a number pattern that would not tell certificates apart', async () => {
    const answer = await s.admin(
      `mutation ($p: ID!) { setCertificateTemplate(programId: $p, input: { numberPattern: "STTP/{year}" }) { programId } }`,
      { p: s.programId },
    );
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toMatch(/numberPattern: must contain \{seq\}/);
  });

  it('queues a completed enrollment, and the worker issues it with the programme pattern', async () => {
    dataOf(
      await s.admin(
        `mutation ($p: ID!) { setCertificateTemplate(programId: $p, input: {
           numberPattern: "{seq:3}/STTP-PKD/{tenant}/{year}", institution: "BPSDM Provinsi A",
           signatoryName: "Dr. Budi Santoso", signatoryTitle: "Kepala BPSDM", signatoryNip: "197001011995031001",
           signedAt: "Surabaya" }) { programId numberPattern } }`,
        { p: s.programId },
      ),
    );
    await complete(enrollmentIds[0]!);
    const queue = dataOf(await s.admin(`{ certificateQueue { nodes { enrollmentId attempts } } }`));
    expect(queue.certificateQueue.nodes).toEqual([{ enrollmentId: enrollmentIds[0], attempts: 0 }]);

    expect(await issueDueCertificates(t.services.database.db, t.services.certificateIssuing)).toBe(
      1,
    );
    const after = dataOf(await s.admin(`{ certificateQueue { nodes { enrollmentId } } }`));
    expect(after.certificateQueue.nodes).toEqual([]);

    const listed = dataOf(
      await s.admin(
        `query ($p: ID!) { certificates(programId: $p) { nodes { number status jp qualification enrollmentId personId content } } }`,
        { p: s.programId },
      ),
    );
    const [certificate] = listed.certificates.nodes;
    number = certificate.number;
    expect(number).toBe(
      `001/STTP-PKD/${s.tenant.slug.toUpperCase()}/${new Date().getUTCFullYear()}`,
    );
    expect(certificate).toMatchObject({
      status: 'VALID',
      jp: 40,
      qualification: 'Lulus',
      enrollmentId: enrollmentIds[0],
      personId: s.learnerIds[0],
    });
    expect(certificate.content).toMatchObject({
      institution: 'BPSDM Provinsi A',
      training: { title: 'Pengelolaan Keuangan Daerah' },
      heldFrom: '2026-01-05',
      heldTo: '2026-03-31',
      place: 'Surabaya',
      learner: {
        name: 'Peserta 00',
        birthPlace: 'Malang',
        rank: 'III/b',
        position: 'Analis Keuangan',
        agency: 'Pemerintah Provinsi A',
      },
      jp: 40,
      signatory: { name: 'Dr. Budi Santoso', title: 'Kepala BPSDM', place: 'Surabaya' },
    });
    // A PNS's birth date, unrecorded, is read from the NIP (19900101…).
    expect(certificate.content.learner.birthDate).toBe('1990-01-01');

    // SIASN's training record follows the certificate, carrying its number and JP.
    const siasn = dataOf(
      await s.admin(`{ siasnRecords { nodes { enrollmentId nomorSertipikat jumlahJam status } } }`),
    );
    expect(siasn.siasnRecords.nodes).toEqual([
      { enrollmentId: enrollmentIds[0], nomorSertipikat: number, jumlahJam: 40, status: 'PENDING' },
    ]);
  });

  it('verifies with nothing but the public JWKS', async () => {
    const response = await t
      .http()
      .get(`/certificates/${encodeURIComponent(number)}`)
      .set('authorization', `Bearer ${adminToken}`);
    expect(response.status).toBe(200);
    const jws: string = response.body.jws;

    const jwks = await t.http().get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    // From here on, no Jejak code: the key set as JSON and a standard JOSE library.
    const keySet = JSON.parse(JSON.stringify(jwks.body)) as JSONWebKeySet;
    expect(
      keySet.keys.every((key) => key.kty === 'OKP' && key.crv === 'Ed25519' && !('d' in key)),
    ).toBe(true);
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(keySet));
    expect(protectedHeader.alg).toBe('EdDSA');
    const content = JSON.parse(new TextDecoder().decode(payload));
    expect(content).toEqual(response.body.certificate);
    expect(content.number).toBe(number);
    expect(content.verifyUrl).toBe(response.body.verifyUrl);

    // A changed payload under the same signature does not verify.
    const [header, , signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...content, jp: 400 })).toString('base64url');
    await expect(
      compactVerify(`${header}.${forged}.${signature}`, createLocalJWKSet(keySet)),
    ).rejects.toThrow();
    const posted = await t
      .http()
      .post('/certificates/verify')
      .send({ jws: `${header}.${forged}.${signature}` });
    expect(posted.status).toBe(400);
    expect(posted.body.message).toMatch(/does not verify/);
    const genuine = await t.http().post('/certificates/verify').send({ jws });
    expect(genuine.status).toBe(200);
    expect(genuine.body).toMatchObject({
      number,
      status: 'VALID',
      signatureValid: true,
      codeRequired: false,
      summary: { learnerName: 'Peserta 00' },
    });
    expect(genuine.body.certificate.jp).toBe(40);
  });

  it('answers the open check by number: valid or not to anyone, the learner only with the printed code', async () => {
    const held = await t
      .http()
      .get(`/certificates/${encodeURIComponent(number)}`)
      .set('authorization', `Bearer ${adminToken}`);
    const code: string = held.body.certificate.verificationCode;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // The QR code leads to the check with the code.
    const verifyPath = `/certificates/${encodeURIComponent(number)}/verify`;
    expect(held.body.verifyUrl).toBe(
      `${t.services.config.certificates.publicUrl}${verifyPath}?code=${code}`,
    );
    expect(held.body.certificate.verifyUrl).toBe(held.body.verifyUrl);

    // A number alone (they are easy to guess): genuine and valid, nothing about the learner.
    for (const query of [{}, { code: 'AAAAA-AAAAA' }, { code: '' }]) {
      const withheld = await t.http().get(verifyPath).query(query);
      expect(withheld.status).toBe(200);
      expect(withheld.body).toEqual({
        number,
        status: 'VALID',
        signatureValid: true,
        revokedAt: null,
        revocationReason: null,
        codeRequired: true,
        summary: null,
      });
    }
    const asked = await t.http().get(verifyPath).set('accept', 'text/html');
    expect(asked.text).toContain('SAH');
    expect(asked.text).toContain('name="code"');
    expect(asked.text).not.toContain('Peserta 00');
    expect(asked.text).not.toContain('tidak cocok');
    const mistyped = await t
      .http()
      .get(verifyPath)
      .query({ code: 'AAAAA-AAAAA' })
      .set('accept', 'text/html');
    expect(mistyped.text).toContain('Kode verifikasi tidak cocok');
    expect(mistyped.text).not.toContain('Peserta 00');

    // With the code, as printed or as typed (any case, no dash, O for 0): the details,
    // still without the birth date or the whole NIP.
    const typed = code.toLowerCase().replace('-', '').replace(/0/g, 'o');
    for (const given of [code, typed]) {
      const check = await t.http().get(verifyPath).query({ code: given });
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({
        number,
        status: 'VALID',
        signatureValid: true,
        codeRequired: false,
        summary: {
          learnerName: 'Peserta 00',
          training: 'Pengelolaan Keuangan Daerah',
          jp: 40,
          issuer: s.tenant.name,
        },
      });
      expect(check.body.summary.learnerNip).toMatch(/^1990\*+\d{4}$/);
      expect(JSON.stringify(check.body)).not.toContain('Malang');
    }
    const page = await t
      .http()
      .get(verifyPath)
      .query({ code })
      .set('accept', 'text/html,application/xhtml+xml');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('SAH');
    expect(page.text).toContain('Peserta 00');
    expect((await t.http().get('/certificates/NO-SUCH-NUMBER/verify')).status).toBe(404);
  });

  it('shows a certificate issued before verification codes to anyone who has its number', async () => {
    // As every certificate was before migration 0026: its paper and QR code carry no code.
    await t.database.db.execute(
      sql`update certificates set verification_code = null where number = ${number}`,
    );
    try {
      const check = await t.http().get(`/certificates/${encodeURIComponent(number)}/verify`);
      expect(check.body).toMatchObject({
        codeRequired: false,
        summary: { learnerName: 'Peserta 00' },
      });
    } finally {
      await t.database.db.execute(
        sql`update certificates set verification_code = payload->>'verificationCode' where number = ${number}`,
      );
    }
  });

  it('prints a page with the fields, escaped, and a QR code of the verification URL', async () => {
    const page = await t
      .http()
      .get(`/certificates/${encodeURIComponent(number)}/print`)
      .set('authorization', `Bearer ${adminToken}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    for (const text of [
      number,
      'Peserta 00',
      'Malang, 1 Januari 1990',
      'III/b',
      '40 JP',
      'Dr. Budi Santoso',
    ])
      expect(page.text).toContain(text);
    expect(page.text).toContain('BPKAD &lt;Bidang Anggaran&gt;');
    expect(page.text).toMatch(/<svg[^>]*>/);
    expect(page.text).toMatch(/Kode verifikasi: [0-9A-Z]{5}-[0-9A-Z]{5}/);
  });

  it('lets the learner read their own certificate, and no one else of lesser roles', async () => {
    const url = `/certificates/${encodeURIComponent(number)}`;
    const own = await tokenFor(s.tenant, ['LEARNER'], 'sso-learner');
    expect((await t.http().get(url).set('authorization', `Bearer ${own}`)).status).toBe(200);
    const other = await tokenFor(s.tenant, ['LEARNER'], 'someone-else');
    expect((await t.http().get(url).set('authorization', `Bearer ${other}`)).status).toBe(404);
    expect((await t.http().get(url)).status).toBe(401);
    // Staff see certificates as they see enrollments: the cohort's facilitator does, another
    // facilitator does not.
    const facilitator = await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator');
    expect((await t.http().get(url).set('authorization', `Bearer ${facilitator}`)).status).toBe(
      200,
    );
    const elsewhere = await tokenFor(s.tenant, ['FACILITATOR'], 'another-facilitator');
    expect((await t.http().get(url).set('authorization', `Bearer ${elsewhere}`)).status).toBe(404);
    expect((await t.http().get(url).set('authorization', 'Bearer nonsense')).status).toBe(401);
    const mine = dataOf(await graphqlAs(t, own)(`{ certificates { nodes { number } } }`));
    expect(mine.certificates.nodes).toEqual([{ number }]);
    const theirs = dataOf(await graphqlAs(t, other)(`{ certificates { nodes { number } } }`));
    expect(theirs.certificates.nodes).toEqual([]);
  });

  it('numbers the next completion on, and shows each certificate on its enrollment', async () => {
    await complete(enrollmentIds[1]!);
    const issued = dataOf(
      await s.admin(`mutation ($e: ID!) { issueCertificate(enrollmentId: $e) { number } }`, {
        e: enrollmentIds[1],
      }),
    );
    expect(issued.issueCertificate.number).toMatch(/^002\/STTP-PKD\//);
    // The worker finds nothing left to do for it.
    expect(await issueDueCertificates(t.services.database.db, t.services.certificateIssuing)).toBe(
      0,
    );
    const notDone = await s.admin(
      `mutation ($e: ID!) { issueCertificate(enrollmentId: $e) { number } }`,
      { e: enrollmentIds[2] },
    );
    expect(codeOf(notDone)).toBe('BAD_USER_INPUT');
    const cohort = dataOf(
      await s.admin(
        `query ($id: ID!) { cohort(id: $id) { enrollments(first: 10) { nodes { id certificate { number } } } } }`,
        { id: s.cohortId },
      ),
    );
    const numbers = new Map(
      cohort.cohort.enrollments.nodes.map(
        (node: { id: string; certificate: { number: string } | null }) => [
          node.id,
          node.certificate?.number ?? null,
        ],
      ),
    );
    expect(numbers.get(enrollmentIds[0]!)).toBe(number);
    expect(numbers.get(enrollmentIds[1]!)).toBe(issued.issueCertificate.number);
    expect(numbers.get(enrollmentIds[2]!)).toBeNull();
  });

  it('keeps certificates of a rotated key verifiable: the JWKS holds every key that signed', async () => {
    await complete(enrollmentIds[2]!);
    const rotated = {
      ...t.services.certificateIssuing,
      signer: createCertificateSigner(undefined),
    };
    const certificate = await issueCertificate(
      t.services.database.db,
      rotated,
      s.tenant.id,
      enrollmentIds[2]!,
    );
    expect(certificate!.keyId).not.toBe(t.services.certificateIssuing.signer.keyId);
    const keySet = (await t.http().get('/.well-known/jwks.json')).body as JSONWebKeySet;
    for (const jws of [certificate!.jws]) {
      await expect(compactVerify(jws, createLocalJWKSet(keySet))).resolves.toBeDefined();
    }
    const old = await t.http().get(`/certificates/${encodeURIComponent(number)}/verify`);
    expect(old.body.signatureValid).toBe(true);
  });

  it('revokes: the check says REVOKED with the reason, and a second revocation is refused', async () => {
    const learner = graphqlAs(t, await tokenFor(s.tenant, ['LEARNER'], 'sso-learner'));
    expect(
      codeOf(
        await learner(
          `mutation ($n: String!) { revokeCertificate(number: $n, reason: "x") { number } }`,
          { n: number },
        ),
      ),
    ).toBe('FORBIDDEN');
    const revoked = dataOf(
      await s.admin(
        `mutation ($n: String!) { revokeCertificate(number: $n, reason: "Data peserta keliru") { status revocationReason } }`,
        { n: number },
      ),
    );
    expect(revoked.revokeCertificate).toEqual({
      status: 'REVOKED',
      revocationReason: 'Data peserta keliru',
    });
    const verifyPath = `/certificates/${encodeURIComponent(number)}/verify`;
    // To anyone: revoked, when. The reason (free text, it may name the learner) with the code.
    const check = await t.http().get(verifyPath);
    expect(check.body).toMatchObject({
      status: 'REVOKED',
      signatureValid: true,
      revokedAt: expect.any(String),
      revocationReason: null,
      summary: null,
    });
    const { verificationCode } = (
      await t
        .http()
        .get(`/certificates/${encodeURIComponent(number)}`)
        .set('authorization', `Bearer ${adminToken}`)
    ).body.certificate;
    const withCode = await t.http().get(verifyPath).query({ code: verificationCode });
    expect(withCode.body).toMatchObject({
      status: 'REVOKED',
      revocationReason: 'Data peserta keliru',
    });
    const page = await t
      .http()
      .get(verifyPath)
      .query({ code: verificationCode })
      .set('accept', 'text/html');
    expect(page.text).toContain('DICABUT');
    expect(page.text).toContain('Data peserta keliru');
    const again = await s.admin(
      `mutation ($n: String!) { revokeCertificate(number: $n, reason: "lagi") { status } }`,
      { n: number },
    );
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
  });

  it('issues a new certificate, numbered anew, after a revocation; SIASN gets the new number', async () => {
    const reissued = dataOf(
      await s.admin(`mutation ($e: ID!) { issueCertificate(enrollmentId: $e) { number status } }`, {
        e: enrollmentIds[0],
      }),
    ).issueCertificate;
    expect(reissued.status).toBe('VALID');
    expect(reissued.number).not.toBe(number);
    expect(
      (await t.http().get(`/certificates/${encodeURIComponent(number)}/verify`)).body.status,
    ).toBe('REVOKED');
    expect(
      (await t.http().get(`/certificates/${encodeURIComponent(reissued.number)}/verify`)).body
        .status,
    ).toBe('VALID');
    const enrollment = dataOf(
      await s.admin(
        `query ($id: ID!) { cohort(id: $id) { enrollments(first: 10) { nodes { id certificate { number } } } } }`,
        { id: s.cohortId },
      ),
    ).cohort.enrollments.nodes.find((node: { id: string }) => node.id === enrollmentIds[0]);
    expect(enrollment.certificate.number).toBe(reissued.number);
    const siasn = dataOf(
      await s.admin(`{ siasnRecords { nodes { enrollmentId nomorSertipikat } } }`),
    );
    expect(
      siasn.siasnRecords.nodes.find(
        (node: { enrollmentId: string }) => node.enrollmentId === enrollmentIds[0],
      ).nomorSertipikat,
    ).toBe(reissued.number);
  });
});

describe('certificate numbers of two programmes on the default pattern', () => {
  it('share one series: the second programme takes the next free number', async () => {
    const other = await setup(t, 1);
    const year = new Date().getUTCFullYear();
    const slug = other.tenant.slug.toUpperCase();
    const firstEnrollment = dataOf(
      await other.admin(`query ($id: ID!) { cohort(id: $id) { enrollments { nodes { id } } } }`, {
        id: other.cohortId,
      }),
    ).cohort.enrollments.nodes[0].id;
    const issue = async (enrollmentId: string) => {
      dataOf(
        await other.admin(
          `mutation ($id: ID!) { updateEnrollmentStatus(input: { enrollmentId: $id, status: COMPLETED }) { id } }`,
          { id: enrollmentId },
        ),
      );
      return dataOf(
        await other.admin(`mutation ($e: ID!) { issueCertificate(enrollmentId: $e) { number } }`, {
          e: enrollmentId,
        }),
      ).issueCertificate.number;
    };
    expect(await issue(firstEnrollment)).toBe(`0001/STTP/${slug}/${year}`);

    // A second programme of the tenant, the same learner enrolled in its cohort.
    const enrolled = await enrollInNewProgramme(other.admin, other.learnerIds[0]!, {
      title: 'Pengadaan Barang dan Jasa',
      totalJp: 24,
      startDate: '2026-02-02',
      endDate: '2026-02-06',
    });
    expect(await issue(enrolled)).toBe(`0002/STTP/${slug}/${year}`);
  });
});
