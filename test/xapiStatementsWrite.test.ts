// Writing statements through /xapi/statements: what is stored, what the LRS fills in,
// all-or-nothing batches, id conflicts, voiding, versions and scopes, on a real database.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import type { JejakDb } from '../src/db/client.js';
import { stageSize } from '../src/xapi/statements/planStatements.js';
import { storeStatements } from '../src/xapi/statements/storeStatements.js';
import type { StatementJson } from '../src/xapi/statements/xapiJson.js';
import { authorityOf } from '../src/xapi/statements/authority.js';
import { databaseKind } from './support/testDatabase.js';
import { createTestTenant, startTestApp, type TestApp } from './support/testApp.js';
import { activity, learner, statement, verbs, xapiClient } from './support/xapiClient.js';

describe('POST and PUT /xapi/statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const countStored = async (tenantId: string) =>
    Number(
      (
        await rawRows<{ n: string }>(
          t.database.db,
          sql`select count(*) as n from xapi_statements where tenant_id = ${tenantId}`,
        )
      )[0]!.n,
    );

  it('stores a Moodle-style batch without ids and answers 200 with the new ids in order', async () => {
    const lrs = await xapiClient(t, { version: '1.0.3' });
    const batch = [1, 2, 3].map((n) => {
      const { id: _id, ...withoutId } = statement({
        object: activity(`/mod/page/view.php?id=${n}`),
      });
      return withoutId;
    });
    const response = await lrs.post(batch, '1.0.3').expect(200);
    expect(response.headers['x-experience-api-version']).toBe('1.0.3');
    expect(response.body).toHaveLength(3);
    for (const [index, id] of (response.body as string[]).entries()) {
      const stored = await lrs.get({ statementId: id }).expect(200);
      expect(stored.body.object.id).toBe(batch[index]!.object.id);
    }
  });

  it('stores a re-sent timestamped batch without ids once, answering the same ids', async () => {
    const lrs = await xapiClient(t, { version: '1.0.3' });
    const batch = [1, 2].map((n) => {
      const { id: _id, ...withoutId } = statement({
        object: activity(`/mod/page/view.php?id=${n}`),
        timestamp: `2026-03-02T08:30:0${n}+07:00`,
      });
      return withoutId;
    });
    const first = (await lrs.post(batch, '1.0.3').expect(200)).body as string[];
    const again = (await lrs.post(batch, '1.0.3').expect(200)).body as string[];
    expect(again).toEqual(first);
    expect(await countStored(lrs.tenant.id)).toBe(2);

    // The same event twice in one batch is one statement; without a timestamp, two events.
    const twice = (await lrs.post([batch[0], batch[0]], '1.0.3').expect(200)).body as string[];
    expect(twice).toEqual([first[0], first[0]]);
    const { timestamp: _timestamp, ...untimed } = batch[0] as Record<string, unknown>;
    const distinct = (await lrs.post([untimed, untimed], '1.0.3').expect(200)).body as string[];
    expect(distinct[0]).not.toBe(distinct[1]);
    expect(await countStored(lrs.tenant.id)).toBe(4);
  });

  it('fills in id, stored, timestamp, version and the authority of the credential', async () => {
    const lrs = await xapiClient(t);
    const sent = statement({ stored: '2001-01-01T00:00:00Z' });
    await lrs.put(sent.id, sent).expect(204);
    const got = (await lrs.get({ statementId: sent.id }).expect(200)).body;
    expect(got.stored).not.toBe('2001-01-01T00:00:00Z');
    expect(Date.now() - Date.parse(got.stored)).toBeLessThan(60_000);
    expect(got.timestamp).toBe(got.stored);
    expect(got.version).toBe('2.0.0');
    expect(got.authority.account.homePage).toBe('urn:jejak:credential');
    expect(got.actor).toEqual(sent.actor);
  });

  it('converts a 2.0 timestamp with an offset to UTC, keeping its precision', async () => {
    const lrs = await xapiClient(t);
    const sent = statement({ timestamp: '2026-03-02T08:30:00.123456+07:00' });
    await lrs.put(sent.id, sent).expect(204);
    const got = (await lrs.get({ statementId: sent.id }).expect(200)).body;
    expect(got.timestamp).toBe('2026-03-02T01:30:00.123456Z');
  });

  it('stores the payload as a JSON object, not a JSON string', async () => {
    const lrs = await xapiClient(t);
    await lrs.post([statement()]).expect(200);
    const [row] = await rawRows<{ kind: string }>(
      t.database.db,
      sql`select json_typeof(payload) as kind from xapi_statements where tenant_id = ${lrs.tenant.id}`,
    );
    expect(row!.kind).toBe('object');
  });

  it('indexes every agent and activity with its roles', async () => {
    const lrs = await xapiClient(t);
    const sent = statement({
      context: {
        instructor: learner('198001012005011002'),
        contextActivities: {
          parent: activity('/course/view.php?id=3'),
          category: [activity('/category/latsar')],
        },
      },
    });
    await lrs.post([sent]).expect(200);
    const agents = await rawRows<{ agent_key: string; direct: boolean; roles: string[] }>(
      t.database.db,
      sql`select agent_key, direct, roles from xapi_statement_agents
          where tenant_id = ${lrs.tenant.id} order by agent_key`,
    );
    // Not the authority: the credential that wrote the statement stands for it.
    expect(agents.map((row) => [row.direct, row.roles])).toHaveLength(2);
    expect(agents.map((row) => [row.direct, row.roles])).toEqual(
      expect.arrayContaining([
        [true, ['actor']],
        [false, ['instructor']],
      ]),
    );
    const activities = await rawRows<{ activity_iri: string; direct: boolean; roles: string[] }>(
      t.database.db,
      sql`select activity_iri, direct, roles from xapi_statement_activities
          where tenant_id = ${lrs.tenant.id} order by activity_iri`,
    );
    expect(activities.map((row) => [row.activity_iri, row.direct, row.roles])).toEqual([
      [activity('/category/latsar').id, false, ['category']],
      [activity('/course/view.php?id=3').id, false, ['parent']],
      [sent.object.id, true, ['object']],
    ]);
  });

  it('rejects a batch with one bad statement, naming it, and stores none of the batch', async () => {
    const lrs = await xapiClient(t);
    const batch = [statement(), statement({ actor: { mbox: 'budi@example.go.id' } }), statement()];
    const response = await lrs.post(batch).expect(400);
    expect(response.body.error).toBe('BAD_USER_INPUT');
    expect(response.body.message).toMatch(/^statements\[1\]\.actor\.mbox: must be a mailto IRI/);
    expect(response.body.problems[0]).toEqual({
      path: 'statements[1].actor.mbox',
      rule: 'must be a mailto IRI',
    });
    expect(await countStored(lrs.tenant.id)).toBe(0);
  });

  it('rejects a batch that repeats an id', async () => {
    const lrs = await xapiClient(t);
    const one = statement();
    const response = await lrs.post([one, { ...one }]).expect(400);
    expect(response.body.message).toMatch(/statements\[1\]\.id/);
    expect(await countStored(lrs.tenant.id)).toBe(0);
  });

  it('keeps a stored statement: the same id and content again changes nothing, other content is a 409', async () => {
    const lrs = await xapiClient(t);
    const original = statement();
    await lrs.put(original.id, original).expect(204);
    const first = (await lrs.get({ statementId: original.id })).body;

    // Property order and the contextActivities form are not differences.
    const reordered = {
      object: original.object,
      verb: original.verb,
      actor: original.actor,
      id: original.id,
    };
    await lrs.put(original.id, reordered).expect(204);
    await lrs.post([reordered]).expect(200);
    // Nor is the case of the id's hex digits.
    await lrs.post([{ ...reordered, id: original.id.toUpperCase() }]).expect(200);

    const changed = { ...original, verb: { id: verbs.attempted } };
    const conflict = await lrs.put(original.id, changed).expect(409);
    expect(conflict.body.error).toBe('CONFLICT');
    await lrs.post([statement(), changed]).expect(409);

    const after = (await lrs.get({ statementId: original.id })).body;
    expect(after).toEqual(first);
    expect(await countStored(lrs.tenant.id)).toBe(1);
  });

  it('rejects a PUT whose statementId is missing or differs from the statement id', async () => {
    const lrs = await xapiClient(t);
    const sent = statement();
    await lrs.put(randomUUID(), sent).expect(400);
    await t
      .http()
      .put('/xapi/statements')
      .set('authorization', lrs.auth)
      .set('x-experience-api-version', '2.0.0')
      .set('content-type', 'application/json')
      .send(JSON.stringify(sent))
      .expect(400);
  });

  it('voids a statement: it leaves queries, stays readable by voidedStatementId', async () => {
    const lrs = await xapiClient(t);
    const target = statement();
    await lrs.post([target]).expect(200);
    const voiding = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: target.id },
    });
    await lrs.post([voiding]).expect(200);

    await lrs.get({ statementId: target.id }).expect(404);
    const voided = await lrs.get({ voidedStatementId: target.id }).expect(200);
    expect(voided.body.id).toBe(target.id);
    const listed = (await lrs.get()).body.statements.map((s: { id: string }) => s.id);
    expect(listed).toEqual([voiding.id]);
  });

  it('stores a statement voided when its voiding statement arrived first', async () => {
    const lrs = await xapiClient(t);
    const target = statement();
    await lrs
      .post([
        statement({
          verb: { id: verbs.voided },
          object: { objectType: 'StatementRef', id: target.id },
        }),
      ])
      .expect(200);
    await lrs.post([target]).expect(200);
    await lrs.get({ statementId: target.id }).expect(404);
    await lrs.get({ voidedStatementId: target.id }).expect(200);
  });

  it('stores a batch of several stages as one: in request order, voiding and repeats across stages', async () => {
    const lrs = await xapiClient(t);
    const storedBefore = statement();
    await lrs.post([storedBefore]).expect(200);
    const batch = Array.from({ length: stageSize * 2 + 10 }, (_, n) =>
      statement({ object: activity(`/mod/page/view.php?id=${n}`) }),
    );
    const target = batch[stageSize + 7]!;
    // A voiding statement in the first stage, its target in the second.
    batch[3] = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: target.id },
    });
    // A statement stored already, sent again in the third stage.
    batch[stageSize * 2 + 5] = storedBefore;
    const ids = (await lrs.post(batch).expect(200)).body as string[];
    expect(ids).toEqual(batch.map((sent) => sent.id));

    const inOrder = await rawRows<{ id: string }>(
      t.database.db,
      sql`select id from xapi_statements where tenant_id = ${lrs.tenant.id} order by seq`,
    );
    expect(inOrder.map((row) => row.id)).toEqual([
      storedBefore.id,
      ...batch.filter((sent) => sent !== storedBefore).map((sent) => sent.id),
    ]);
    await lrs.get({ statementId: target.id }).expect(404);
    await lrs.get({ voidedStatementId: target.id }).expect(200);
    // Each new statement got its link rows and learning record once, the repeat none.
    const [counts] = await rawRows<{
      linked: string;
      links: string;
      events: string;
      voided: string;
    }>(
      t.database.db,
      sql`select
            (select count(distinct seq) from xapi_statement_agents
              where tenant_id = ${lrs.tenant.id}) as linked,
            (select count(*) from xapi_statement_activities
              where tenant_id = ${lrs.tenant.id}) as links,
            (select count(*) from learning_events where tenant_id = ${lrs.tenant.id}) as events,
            (select count(*) from learning_events
              where tenant_id = ${lrs.tenant.id} and voided) as voided`,
    );
    expect(Number(counts!.linked)).toBe(batch.length);
    // One activity per statement but the voiding one, whose object is a statement.
    expect(Number(counts!.links)).toBe(batch.length - 1);
    // Every statement's but the voiding one's; the target's is voided.
    expect(Number(counts!.events)).toBe(batch.length - 1);
    expect(Number(counts!.voided)).toBe(1);
  });

  it.skipIf(databaseKind !== 'postgres')(
    'keeps the statements a batch is stored with prepared on the connection (PostgreSQL)',
    async () => {
      const lrs = await xapiClient(t);
      // In a transaction of the test's own, so the storing runs on its connection (in a
      // savepoint), where the prepared statements can be listed.
      const kept = await t.database.db.transaction(async (tx) => {
        await storeStatements(tx as unknown as JejakDb, {
          tenantId: lrs.tenant.id,
          credentialId: lrs.credentialId,
          authority: authorityOf({
            id: lrs.credentialId,
            tenantId: lrs.tenant.id,
            key: 'k',
            name: 'k',
            scopes: ['all'],
          }),
          version: '2.0.0',
          statements: [statement()] as unknown as StatementJson[],
        });
        return rawRows<{ statement: string }>(
          tx,
          sql`select statement from pg_prepared_statements`,
        );
      });
      const preparedText = kept.map((row) => row.statement).join('\n');
      expect(preparedText).toContain('insert into xapi_statements');
      expect(preparedText).toContain('pg_advisory_xact_lock');
      expect(preparedText).toContain('insert into "learning_events"');
    },
  );

  it('refuses to delete a tenant or a credential whose statements are stored', async () => {
    const lrs = await xapiClient(t);
    await lrs.post([statement()]).expect(200);
    // The per-statement tables carry no foreign keys; triggers keep what RESTRICT kept.
    const refusal = async (statement: ReturnType<typeof sql>) => {
      try {
        await t.database.db.execute(statement);
      } catch (error) {
        return (error as { cause?: { message?: string } }).cause?.message;
      }
      return 'deleted';
    };
    expect(await refusal(sql`delete from xapi_credentials where id = ${lrs.credentialId}`)).toMatch(
      /wrote statements that are still stored/,
    );
    expect(await refusal(sql`delete from tenants where id = ${lrs.tenant.id}`)).toMatch(
      /still has statements or learning records/,
    );
    expect(await countStored(lrs.tenant.id)).toBe(1);
    // Without statements, nothing holds them.
    const empty = await createTestTenant(t.database);
    await t.database.db.execute(sql`delete from tenants where id = ${empty.id}`);
    expect(
      await rawRows(t.database.db, sql`select id from tenants where id = ${empty.id}`),
    ).toEqual([]);
  });

  it('refuses to void a voiding statement', async () => {
    const lrs = await xapiClient(t);
    const target = statement();
    const voiding = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: target.id },
    });
    await lrs.post([target, voiding]).expect(200);
    const voidVoiding = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: voiding.id },
    });
    await lrs.post([voidVoiding]).expect(400);
    await lrs.get({ statementId: voiding.id }).expect(200);
  });

  it('answers 400 without a supported X-Experience-API-Version, in the version the client speaks', async () => {
    const lrs = await xapiClient(t, { version: '1.0.3' });
    await lrs.post([statement()], '1.0.3').expect(200);
    for (const version of [undefined, '1.1.0', '0.95', '3.0.0']) {
      const request = t.http().get('/xapi/statements');
      request.set('authorization', lrs.auth);
      if (version !== undefined) request.set('x-experience-api-version', version);
      const response = await request.expect(400);
      expect(response.headers['x-experience-api-version']).toBe('1.0.3');
    }
    await lrs.get({}, '1.0.1' as '1.0.3').expect(200);
    const response = await lrs.get({}, '2.0.3' as '2.0.0').expect(200);
    expect(response.headers['x-experience-api-version']).toBe('2.0.0');
  });

  it('rejects 2.0-only context properties under 1.0.3 and accepts them under 2.0', async () => {
    const lrs = await xapiClient(t);
    const withContextAgents = statement({
      context: {
        contextAgents: [
          {
            objectType: 'contextAgent',
            agent: learner('198001012005011002'),
            relevantTypes: ['https://w3id.org/xapi/cmi5/context/roles/mentor'],
          },
        ],
      },
    });
    const rejected = await lrs.post([withContextAgents], '1.0.3').expect(400);
    expect(rejected.body.message).toMatch(/^statements\[0\]\.context\.contextAgents/);
    await lrs.post([withContextAgents], '2.0.0').expect(200);
  });

  it('enforces scopes: statements/write cannot read, statements/read cannot write', async () => {
    const writer = await xapiClient(t, { scopes: ['statements/write'] });
    const reader = await xapiClient(t, { tenant: writer.tenant, scopes: ['statements/read'] });
    const sent = statement();
    await writer.post([sent]).expect(200);
    expect((await writer.get({ statementId: sent.id }).expect(403)).body.error).toBe('FORBIDDEN');
    await reader.post([statement()]).expect(403);
    await reader.get({ statementId: sent.id }).expect(200);
  });

  it('gives statements/read/mine only what its own credential wrote', async () => {
    const mine = await xapiClient(t, { scopes: ['statements/write', 'statements/read/mine'] });
    const other = await xapiClient(t, { tenant: mine.tenant, scopes: ['all'] });
    const own = statement();
    const foreign = statement();
    await mine.post([own]).expect(200);
    await other.post([foreign]).expect(200);
    const ids = (await mine.get().expect(200)).body.statements.map((s: { id: string }) => s.id);
    expect(ids).toEqual([own.id]);
    await mine.get({ statementId: foreign.id }).expect(404);
    expect((await other.get().expect(200)).body.statements).toHaveLength(2);
  });

  it('keeps tenants apart, even for the same statement id', async () => {
    const a = await xapiClient(t);
    const b = await xapiClient(t);
    const shared = statement();
    await a.post([shared]).expect(200);
    await b.get({ statementId: shared.id }).expect(404);
    expect((await b.get().expect(200)).body.statements).toEqual([]);
    // Another tenant may store its own statement under the same id without a conflict.
    await b.post([{ ...shared, verb: { id: verbs.attempted } }]).expect(200);
    expect((await a.get({ statementId: shared.id })).body.verb.id).toBe(verbs.completed);
  });

  it('merges activity definitions from statements, language by language', async () => {
    const lrs = await xapiClient(t);
    const id = '/mod/page/view.php?id=99';
    await lrs
      .post([
        statement({ object: { id: activity(id).id, definition: { name: { 'id-ID': 'Materi' } } } }),
      ])
      .expect(200);
    await lrs
      .post([
        statement({
          object: {
            id: activity(id).id,
            definition: {
              name: { 'en-US': 'Material' },
              type: 'http://adlnet.gov/expapi/activities/lesson',
            },
          },
        }),
      ])
      .expect(200);
    const [row] = await rawRows<{ definition: unknown }>(
      t.database.db,
      sql`select definition from xapi_activities where tenant_id = ${lrs.tenant.id} and iri = ${activity(id).id}`,
    );
    expect(row!.definition).toEqual({
      name: { 'id-ID': 'Materi', 'en-US': 'Material' },
      type: 'http://adlnet.gov/expapi/activities/lesson',
    });
  });

  it('answers what PostgreSQL cannot store with 400, not 500', async () => {
    const lrs = await xapiClient(t);
    const post = (text: string) =>
      t
        .http()
        .post('/xapi/statements')
        .set('authorization', lrs.auth)
        .set('x-experience-api-version', '2.0.0')
        .set('content-type', 'application/json')
        .send(text);
    const withResult = (result: string) =>
      JSON.stringify([statement()]).replace('"actor"', `"result":${result},"actor"`);
    for (const result of ['{"response":"a\\u0000b"}', '{"response":"\\ud800"}']) {
      const response = await post(withResult(result)).expect(400);
      expect(response.body.message).toMatch(
        /^statements\[0\]\.result\.response: must not contain NUL/,
      );
    }
    const deep = `{"extensions":{"https://x.example/e":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    expect((await post(withResult(deep)).expect(400)).body.message).toMatch(/nested deeper/);
    await lrs.put(randomUUID(), [statement()]).expect(400);
    expect(await countStored(lrs.tenant.id)).toBe(0);
  });

  it('refuses identifiers too long to index with 400, naming where they are', async () => {
    const lrs = await xapiClient(t);
    const long = `https://lms.example.go.id/${randomUUID().repeat(30)}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ object: { id: long } }, 'statements[0].object'],
      [{ verb: { id: long } }, 'statements[0].verb.id'],
      [
        { context: { contextActivities: { parent: [{ id: long }] } } },
        'statements[0].context.contextActivities.parent',
      ],
      [
        { actor: { account: { homePage: 'https://lms.example.go.id', name: long } } },
        'statements[0].actor',
      ],
    ];
    for (const [overrides, path] of cases) {
      const response = await lrs.post([statement(overrides)]).expect(400);
      expect(response.body.message).toContain(`${path}: is longer than 800 bytes`);
    }
    expect(await countStored(lrs.tenant.id)).toBe(0);
  });

  it('never voids a voiding statement, even when the statement it voids arrives later', async () => {
    const lrs = await xapiClient(t);
    const y = statement();
    const x = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: y.id },
    });
    const z = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: x.id },
    });
    await lrs.put(y.id, y).expect(204);
    await lrs.put(z.id, z).expect(204); // voids x, unknown yet
    await lrs.put(x.id, x).expect(204); // a voiding statement: not voided by z
    await lrs.get({ statementId: x.id }).expect(200);
    await lrs.get({ statementId: y.id }).expect(404);
    await lrs.get({ voidedStatementId: y.id }).expect(200);
    // Sent again, as a re-run import sends them, they are the same statements: accepted.
    await lrs.put(z.id, z).expect(204);
    await lrs.post([y, z, x]).expect(200);
    await lrs.get({ statementId: x.id }).expect(200);
  });

  it('answers a body that is not JSON, or no statement at all, with 400', async () => {
    const lrs = await xapiClient(t);
    const post = () =>
      t
        .http()
        .post('/xapi/statements')
        .set('authorization', lrs.auth)
        .set('x-experience-api-version', '2.0.0');
    await post().set('content-type', 'application/json').send('{"actor":').expect(400);
    await post().set('content-type', 'text/plain').send('hello').expect(400);
    await post().set('content-type', 'multipart/form-data; boundary=x').send('--x--').expect(400);
    await post().set('content-type', 'application/json').send('null').expect(400);
    await post().set('content-type', 'application/json').send('[1]').expect(400);
  });
});
