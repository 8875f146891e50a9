// Attachments and signed statements: multipart/mixed in and out, SHA-2 checks, content
// stored once per hash, fileUrl-only attachments, JWS signatures verified.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompactSign, generateKeyPair, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { rawBody, statement, xapiClient, type XapiClient } from './support/xapiClient.js';

const boundary = 'jejak-test-boundary';

interface Part {
  headers: Record<string, string>;
  body: Buffer | string;
}

function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(
      Buffer.from(`--${boundary}\r\n${head}\r\n`),
      Buffer.from(part.body),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

function attachmentPart(content: Buffer | string, hash = sha256(content)): Part {
  return {
    headers: {
      'Content-Type': 'text/plain',
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': hash,
    },
    body: content,
  };
}

function withAttachment(
  content: Buffer | string,
  extra: Record<string, unknown> = {},
  others: (Buffer | string)[] = [],
) {
  return statement({
    attachments: [content, ...others].map((cited, index) => ({
      usageType: 'https://jejak.example.go.id/attachments/rencana-aksi',
      display: { 'id-ID': 'Rencana aksi' },
      contentType: 'text/plain',
      length: Buffer.byteLength(cited),
      sha2: sha256(cited),
      ...(index === 0 ? extra : {}),
    })),
  });
}

describe('statement attachments', () => {
  let t: TestApp;
  let lrs: XapiClient;
  beforeAll(async () => {
    t = await startTestApp();
    lrs = await xapiClient(t);
  });
  afterAll(async () => t?.close());

  const postMultipart = (body: Buffer, version = '2.0.0') =>
    t
      .http()
      .post('/xapi/statements')
      .set('authorization', lrs.auth)
      .set('x-experience-api-version', version)
      .set('content-type', `multipart/mixed; boundary=${boundary}`)
      .send(body);

  const jsonPart = (body: unknown): Part => ({
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('stores attachment content once per hash and serves it back as multipart/mixed', async () => {
    const content = Buffer.concat([
      Buffer.from('rencana aksi\r\n--not-a-boundary\r\n'),
      Buffer.from([0, 255, 13, 10]),
    ]);
    const first = withAttachment(content);
    const second = withAttachment(content);
    await postMultipart(multipart([jsonPart([first, second]), attachmentPart(content)])).expect(
      200,
    );
    const [row] = await rawRows<{ n: string }>(
      t.database.db,
      sql`select count(*) as n from xapi_attachments where tenant_id = ${lrs.tenant.id}`,
    );
    expect(Number(row!.n)).toBe(1);

    const response = await lrs
      .get({ statementId: first.id, attachments: 'true' })
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const contentType = response.headers['content-type']!;
    expect(contentType).toMatch(/^multipart\/mixed; boundary=[A-Za-z0-9-]+$/);
    const body = response.body as Buffer;
    const returnedBoundary = contentType.split('boundary=')[1]!;
    const parts = body.toString('latin1').split(`--${returnedBoundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    expect(JSON.parse(parts[0]!.split('\r\n\r\n')[1]!).id).toBe(first.id);
    expect(parts[1]).toContain(`X-Experience-API-Hash: ${sha256(content)}`);
    const returned = Buffer.from(
      parts[1]!.split('\r\n\r\n').slice(1).join('\r\n\r\n').slice(0, -2),
      'latin1',
    );
    expect(returned.equals(content)).toBe(true);
  });

  it('records which statement cites which content, and migrations 0024/0025 rebuild the same from the statements', async () => {
    const shared = `materi ${randomUUID()}`;
    const own = `tugas ${randomUUID()}`;
    const citing = withAttachment(shared, {}, [own]);
    const alsoCiting = withAttachment(shared);
    await postMultipart(
      multipart([jsonPart([citing, alsoCiting]), attachmentPart(shared), attachmentPart(own)]),
    ).expect(200);
    await lrs.post([statement()]).expect(200);
    const citations = () =>
      rawRows<{ id: string; sha2: string }>(
        t.database.db,
        sql`select s.id, c.sha2 from xapi_statement_attachments c
            join xapi_statements s on s.tenant_id = c.tenant_id and s.seq = c.seq
            where c.tenant_id = ${lrs.tenant.id} and c.sha2 in (${sha256(shared)}, ${sha256(own)})
            order by s.seq, c.sha2`,
      );
    const clock = () =>
      rawRows<{ last_seq: string; last_stored: string }>(
        t.database.db,
        sql`select c.last_seq::text, c.last_stored::text from xapi_statement_clocks c
            where c.tenant_id = ${lrs.tenant.id}
              and c.last_seq = (select max(seq) from xapi_statements where tenant_id = ${lrs.tenant.id})
              and c.last_stored = (select max(stored) from xapi_statements where tenant_id = ${lrs.tenant.id})`,
      );
    const written = await citations();
    expect(written).toEqual([
      ...[sha256(shared), sha256(own)].sort().map((sha2) => ({ id: citing.id, sha2 })),
      { id: alsoCiting.id, sha2: sha256(shared) },
    ]);
    const clockWritten = await clock();
    expect(clockWritten).toHaveLength(1);

    // What a database from before these migrations gets: their backfills, run again.
    await t.database.db.execute(
      sql`delete from xapi_statement_attachments where tenant_id = ${lrs.tenant.id}`,
    );
    await t.database.db.execute(
      sql`delete from xapi_statement_clocks where tenant_id = ${lrs.tenant.id}`,
    );
    for (const file of [
      'migrations/0024_add_statement_clocks_per_tenant.sql',
      'migrations/0025_index_attachment_citations_per_statement.sql',
    ]) {
      const backfill = readFileSync(file, 'utf8').split('--> statement-breakpoint').at(-1)!;
      await t.database.db.execute(sql.raw(backfill));
    }
    expect(await citations()).toEqual(written);
    expect(await clock()).toEqual(clockWritten);
  });

  it('takes the statement part case-insensitively and keeps the declared content type', async () => {
    const content = `foto ${randomUUID()}`;
    const sent = withAttachment(content);
    const part = {
      ...attachmentPart(content),
      headers: { ...attachmentPart(content).headers, 'Content-Type': 'image/png' },
    };
    await postMultipart(
      multipart([
        { headers: { 'Content-Type': 'Application/JSON' }, body: JSON.stringify(sent) },
        part,
      ]),
    ).expect(200);
    const [row] = await rawRows<{ content_type: string }>(
      t.database.db,
      sql`select content_type from xapi_attachments where tenant_id = ${lrs.tenant.id} and sha2 = ${sha256(content)}`,
    );
    expect(row!.content_type).toBe('text/plain');
  });

  it('always answers attachments=true as multipart, even without attachments', async () => {
    const response = await lrs.get({ attachments: 'true', limit: '1' }).expect(200);
    expect(response.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
  });

  it('accepts a fileUrl attachment without a part, in plain JSON', async () => {
    const sent = withAttachment('remote', { fileUrl: 'https://files.example.go.id/rencana.pdf' });
    await lrs.post([sent]).expect(200);
  });

  it('rejects a wrong hash, a missing part, an extra part, and base64 parts, storing nothing', async () => {
    const before = (await lrs.get({ limit: '0' })).body.statements.length;
    const content = `laporan ${randomUUID()}`;
    const cases = [
      multipart([
        jsonPart([withAttachment(content)]),
        attachmentPart(content, sha256('something else')),
      ]),
      multipart([jsonPart([withAttachment(content)])]),
      multipart([
        jsonPart([withAttachment(content)]),
        attachmentPart(content),
        attachmentPart('extra'),
      ]),
      multipart([
        jsonPart([withAttachment(content)]),
        {
          ...attachmentPart(content),
          headers: { ...attachmentPart(content).headers, 'Content-Transfer-Encoding': 'base64' },
        },
      ]),
      multipart([attachmentPart(content), jsonPart([withAttachment(content)])]),
    ];
    for (const body of cases) {
      const response = await postMultipart(body).expect(400);
      expect(response.body.error).toBe('BAD_USER_INPUT');
    }
    await t
      .http()
      .post('/xapi/statements')
      .set('authorization', lrs.auth)
      .set('x-experience-api-version', '2.0.0')
      .set('content-type', 'multipart/mixed')
      .send('no boundary')
      .expect(400);
    expect((await lrs.get({ limit: '0' })).body.statements.length).toBe(before);
  });

  describe('signed statements', () => {
    const signatureAttachment = (jws: string) => ({
      usageType: 'http://adlnet.gov/expapi/attachments/signature',
      display: { 'en-US': 'Signature' },
      contentType: 'application/octet-stream',
      length: Buffer.byteLength(jws),
      sha2: sha256(jws),
    });

    /** The statement part, then the JWS part as a signature is sent. */
    const signedBody = (sent: unknown, jws: string) =>
      multipart([
        jsonPart(sent),
        {
          ...attachmentPart(jws),
          headers: { ...attachmentPart(jws).headers, 'Content-Type': 'application/octet-stream' },
        },
      ]);

    async function signed(payload: unknown, alg = 'RS256') {
      const { privateKey } = await generateKeyPair(alg);
      return new CompactSign(Buffer.from(JSON.stringify(payload)))
        .setProtectedHeader({ alg })
        .sign(privateKey);
    }

    it('accepts RS256, RS384 and RS512 signatures whose payload is the statement', async () => {
      for (const alg of ['RS256', 'RS384', 'RS512']) {
        const unsigned = statement();
        const jws = await signed(unsigned, alg);
        const sent = { ...unsigned, attachments: [signatureAttachment(jws)] };
        await postMultipart(signedBody(sent, jws)).expect(200);
      }
    });

    const hasOpenssl = (() => {
      try {
        execFileSync('openssl', ['version']);
        return true;
      } catch {
        return false;
      }
    })();

    it.runIf(hasOpenssl)(
      'verifies a signature against the certificate in its x5c header',
      async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'jejak-x5c-'));
        try {
          execFileSync(
            'openssl',
            [
              'req',
              '-x509',
              '-newkey',
              'rsa:2048',
              '-nodes',
              '-days',
              '1',
              '-subj',
              '/CN=Jejak test',
              '-keyout',
              path.join(folder, 'key.pem'),
              '-out',
              path.join(folder, 'cert.pem'),
            ],
            { stdio: 'ignore' },
          );
          const certificate = readFileSync(path.join(folder, 'cert.pem'), 'utf8')
            .replace(/-----[A-Z ]+-----/g, '')
            .replace(/\s+/g, '');
          const key = await importPKCS8(
            readFileSync(path.join(folder, 'key.pem'), 'utf8'),
            'RS256',
          );
          const { privateKey: otherKey } = await generateKeyPair('RS256');
          for (const [signingKey, status] of [
            [key, 200],
            [otherKey, 400],
          ] as const) {
            const unsigned = statement();
            const jws = await new CompactSign(Buffer.from(JSON.stringify(unsigned)))
              .setProtectedHeader({ alg: 'RS256', x5c: [certificate] })
              .sign(signingKey);
            const sent = { ...unsigned, attachments: [signatureAttachment(jws)] };
            const response = await postMultipart(signedBody(sent, jws));
            expect(response.status, response.text).toBe(status);
            if (status === 400) expect(response.body.message).toMatch(/does not verify/);
          }
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    );

    it('rejects a signature whose payload differs from the statement, or another algorithm', async () => {
      const unsigned = statement();
      const tampered = await signed({
        ...unsigned,
        verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      });
      const hs = await new CompactSign(Buffer.from(JSON.stringify(unsigned)))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('a-shared-secret-of-enough-length!!'));
      for (const jws of [tampered, hs, 'not.a-jws']) {
        const sent = { ...unsigned, attachments: [signatureAttachment(jws)] };
        const response = await postMultipart(signedBody(sent, jws)).expect(400);
        expect(response.body.message).toMatch(/^statement\.attachments\[0\]/);
        await lrs.get({ statementId: unsigned.id }).expect(404);
      }
    });
  });
});
