// GET /xapi/export: the statements a filter selects, oldest first, as NDJSON, page after page
// (more than one page here), voided statements included; mistakes are a 400 before anything
// is streamed; a credential sees only what its scope lets it read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPageSize } from '../src/xapi/export/exportStatements.js';
import { importBatchSize, importStatements } from '../src/xapi/export/importStatements.js';
import { planStatements } from '../src/xapi/statements/planStatements.js';
import type { StatementJson } from '../src/xapi/statements/xapiJson.js';
import { storePlannedStatements } from '../src/xapi/statements/storeStatements.js';
import { authorityOf } from '../src/xapi/statements/authority.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import {
  activity,
  rawBody,
  statement,
  verbs,
  xapiClient,
  type XapiClient,
} from './support/xapiClient.js';

describe('GET /xapi/export', () => {
  let t: TestApp;
  let lrs: XapiClient;
  const many = exportPageSize + 150;
  let ids: string[];
  let voidedId: string;
  let voidingId: string;

  const exported = async (query: Record<string, string> = {}, client = lrs) => {
    const answer = await t
      .http()
      .get('/xapi/export')
      .query(query)
      .set('authorization', client.auth)
      .set('x-experience-api-version', '1.0.3')
      .buffer(true)
      .parse(rawBody);
    return { answer, text: (answer.body as Buffer).toString('utf8') };
  };
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { id: string; verb: { id: string } });
  // As `jejak import` does it, as written by the target's credential.
  const importTarget = (target: XapiClient) => ({
    tenantId: target.tenant.id,
    credentialId: target.credentialId,
    authority: authorityOf({
      id: target.credentialId,
      tenantId: target.tenant.id,
      key: 'import',
      name: 'import',
      scopes: ['all'],
    }),
  });
  const importInto = (target: XapiClient, file: string[]) =>
    importStatements(t.database.db, {
      ...importTarget(target),
      lines: (async function* () {
        yield* file;
      })(),
    });

  // An import file: page views with their own timestamp, as another LRS exports them.
  const pageViewLines = (count: number) =>
    Array.from({ length: count }, (_, n) =>
      JSON.stringify({
        ...statement({ object: activity(`/mod/page/view.php?id=${n}`) }),
        timestamp: '2026-03-02T08:00:00.000Z',
      }),
    );

  beforeAll(async () => {
    t = await startTestApp();
    lrs = await xapiClient(t, { version: '1.0.3' });
    const batch = Array.from({ length: many }, (_, n) =>
      statement({
        verb: { id: n % 3 === 0 ? verbs.viewed : verbs.completed },
        object: activity(`/mod/page/view.php?id=${n}`),
      }),
    );
    ids = (await lrs.post(batch).expect(200)).body as string[];
    voidedId = ids[1]!;
    voidingId = randomUUID();
    await lrs
      .post([
        statement({
          id: voidingId,
          verb: { id: verbs.voided },
          object: { objectType: 'StatementRef', id: voidedId },
        }),
      ])
      .expect(200);
  });
  afterAll(async () => t?.close());

  it('streams every statement, oldest first, voided ones and their voiding too', async () => {
    const { answer, text } = await exported();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const all = lines(text);
    expect(all.map((line) => line.id)).toEqual([...ids, voidingId]);
    // Each line is the statement as stored, as GET /statements serves it.
    const single = await lrs.get({ statementId: ids[0]! }, '1.0.3').expect(200);
    expect(all[0]).toEqual(single.body);
  });

  it('serves CSV when asked for it, voided marked', async () => {
    const answer = await t
      .http()
      .get('/xapi/export')
      .set('authorization', lrs.auth)
      .set('x-experience-api-version', '1.0.3')
      .set('accept', 'text/csv')
      .buffer(true)
      .parse(rawBody);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    const rows = (answer.body as Buffer).toString('utf8').split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^id,stored,timestamp,actor,/);
    expect(rows.length).toBe(1 + many + 1);
    const byId = new Map(rows.slice(1).map((row) => [row.split(',')[0], row]));
    expect(byId.get(voidedId)).toMatch(/,true$/);
    expect(byId.get(ids[0]!)).toMatch(/,false$/);
    expect(byId.get(ids[0]!)).toContain(`,${verbs.viewed},`);
  });

  it('takes the Statement resource filters', async () => {
    const viewed = lines((await exported({ verb: verbs.viewed })).text);
    expect(viewed.map((line) => line.id)).toEqual(ids.filter((_, n) => n % 3 === 0));
    const one = lines(
      (await exported({ activity: `${activity('/mod/page/view.php?id=5').id}` })).text,
    );
    expect(one.map((line) => line.id)).toEqual([ids[5]]);
  });

  it('answers a mistake with a 400 before streaming, and only what the scope may read', async () => {
    const bad = await exported({ limit: '10' });
    expect(bad.answer.status).toBe(400);
    expect(bad.text).toContain('limit');
    expect((await exported({ verb: 'not an iri' })).answer.status).toBe(400);
    const unauthenticated = await t
      .http()
      .get('/xapi/export')
      .set('x-experience-api-version', '1.0.3');
    expect(unauthenticated.status).toBe(401);

    const mine = await xapiClient(t, {
      tenant: lrs.tenant,
      scopes: ['statements/write', 'statements/read/mine'],
      version: '1.0.3',
    });
    const own = (await mine.post([statement()]).expect(200)).body as string[];
    expect(lines((await exported({}, mine)).text).map((line) => line.id)).toEqual(own);
    const writer = await xapiClient(t, {
      tenant: lrs.tenant,
      scopes: ['statements/write'],
      version: '1.0.3',
    });
    expect((await exported({}, writer)).answer.status).toBe(403);
  });

  it('round-trips: an export imported into an empty tenant reproduces the same statements', async () => {
    const { text } = await exported();
    // Every statement of the tenant, the previous test's own included.
    const count = lines(text).length;
    expect(count).toBeGreaterThan(many);
    const target = await xapiClient(t, { version: '1.0.3' });
    const imported = await importInto(target, text.split('\n'));
    expect(imported).toEqual({ read: count, inserted: count });
    // The same statements in the same order, but for what the new LRS sets itself.
    const own = ({ stored: _stored, authority: _authority, ...rest }: Record<string, unknown>) =>
      rest;
    const again = lines((await exported({}, target)).text) as unknown as Record<string, unknown>[];
    const before = lines(text) as unknown as Record<string, unknown>[];
    expect(again.map(own)).toEqual(before.map(own));
    // Voided there, voided here.
    await target.get({ statementId: voidedId }, '1.0.3').expect(404);
    await target.get({ voidedStatementId: voidedId }, '1.0.3').expect(200);
    // A second run of the same file stores nothing twice.
    const rerun = await importInto(target, text.split('\n'));
    expect(rerun).toEqual({ read: count, inserted: 0 });
    // A line that is not a statement stops the import with its line number.
    await expect(importInto(target, ['{"actor": 1}'])).rejects.toThrow(/line 1/);
  });

  it('stores nothing after a batch that fails as it is stored, though the next was already sent', async () => {
    const target = await xapiClient(t, { version: '1.0.3' });
    const taken = statement();
    await target.post([taken]).expect(200);
    // The second batch repeats a stored id with other content: a conflict found only while
    // it is stored, when the third batch is already waiting behind it.
    const file = pageViewLines(importBatchSize * 3);
    file[importBatchSize + 10] = JSON.stringify({ ...taken, verb: { id: verbs.attempted } });
    await expect(importInto(target, file)).rejects.toThrow(/already stored with different content/);
    const stored = lines((await exported({}, target)).text).map((stored) => stored.id);
    expect(stored).toEqual([
      taken.id,
      ...file.slice(0, importBatchSize).map((sent) => JSON.parse(sent).id),
    ]);
  });

  it('stores batches of any sizes in file order, a voiding statement before its target in the next batch', async () => {
    const target = await xapiClient(t, { version: '1.0.3' });
    const file = pageViewLines(importBatchSize + 1);
    // The last line, alone in the second batch, is voided from the first, which is still
    // being stored when the second is planned.
    const last = JSON.parse(file[importBatchSize]!) as { id: string };
    file[5] = JSON.stringify(
      statement({
        verb: { id: verbs.voided },
        object: { objectType: 'StatementRef', id: last.id },
      }),
    );
    expect(await importInto(target, file)).toEqual({ read: file.length, inserted: file.length });
    const order = lines((await exported({}, target)).text).map((line) => line.id);
    expect(order).toEqual(file.map((line) => (JSON.parse(line) as { id: string }).id));
    await target.get({ statementId: last.id }, '1.0.3').expect(404);
    await target.get({ voidedStatementId: last.id }, '1.0.3').expect(200);
  });

  it('stamps an import batch planned ahead with a stored no earlier than a Consistent-Through given meanwhile', async () => {
    const target = await xapiClient(t, { version: '1.0.3' });
    const sent = statement();
    const plan = await planStatements(t.database.db, {
      ...importTarget(target),
      version: '1.0.3',
      statements: [sent] as unknown as StatementJson[],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const promised = Date.parse(
      (await target.get({}, '1.0.3').expect(200)).headers[
        'x-experience-api-consistent-through'
      ] as string,
    );
    await storePlannedStatements(t.database.db, plan);
    const stored = (await target.get({ statementId: sent.id }, '1.0.3').expect(200)).body as {
      stored: string;
      timestamp: string;
    };
    expect(Date.parse(stored.stored)).toBeGreaterThan(promised);
    // Sent without a timestamp, it gets the same one.
    expect(stored.timestamp).toBe(stored.stored);
  });

  it('corrects under the lock what an import batch planned before another writer stored', async () => {
    const target = await xapiClient(t, { version: '1.0.3' });
    const [first, second] = [statement(), statement()];
    // Planned outside the lock, as the import plans its next batch while one is stored.
    const plan = await planStatements(t.database.db, {
      ...importTarget(target),
      version: '1.0.3',
      statements: [first, second] as unknown as StatementJson[],
    });
    // Meanwhile a client voids the first of them: its voiding statement arrives first.
    const voiding = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: first.id },
    });
    await target.post([voiding]).expect(200);
    await expect(storePlannedStatements(t.database.db, plan)).resolves.toMatchObject({
      inserted: 2,
    });
    // Stored voided, and stored after the statement that voids it, as if planned now.
    await target.get({ statementId: first.id }, '1.0.3').expect(404);
    await target.get({ voidedStatementId: first.id }, '1.0.3').expect(200);
    const storedOf = async (id: string) =>
      Date.parse(
        (await target.get({ statementId: id }, '1.0.3').expect(200)).body.stored as string,
      );
    expect(await storedOf(second.id)).toBeGreaterThanOrEqual(await storedOf(voiding.id));
    const order = lines((await exported({}, target)).text).map((line) => line.id);
    expect(order).toEqual([voiding.id, first.id, second.id]);
  });

  it('stores an import batch by batch: a mistake keeps the whole batches before it and nothing after', async () => {
    const target = await xapiClient(t, { version: '1.0.3' });
    const good = pageViewLines(importBatchSize + 5);
    const file = [
      ...good.slice(0, importBatchSize + 2),
      '{"actor": 1}',
      ...good.slice(importBatchSize + 2),
    ];
    await expect(importInto(target, file)).rejects.toThrow(
      new RegExp(`line ${importBatchSize + 3}`),
    );
    const stored = lines((await exported({}, target)).text).map((line) => line.id);
    expect(stored).toEqual(good.slice(0, importBatchSize).map((line) => JSON.parse(line).id));
  });
});
