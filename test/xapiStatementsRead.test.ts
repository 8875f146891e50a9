// Reading statements through /xapi/statements: every filter, keyset paging with `more`,
// the StatementRef rule, formats, consistency headers, HEAD and the alternate syntax.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../src/appServices.js';
import { buildApp } from '../src/http/buildApp.js';
import supertest from 'supertest';
import { sql } from 'drizzle-orm';
import { lockTenantStatementWrites } from '../src/db/advisoryLock.js';
import { rawRows } from '../src/db/rawRows.js';
import { textArrayLiteral } from '../src/db/sqlArrays.js';
import { agentKey } from '../src/xapi/statements/agentKey.js';
import { databaseKind } from './support/testDatabase.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import {
  activity,
  learner,
  statement,
  verbs,
  xapiClient,
  type XapiClient,
} from './support/xapiClient.js';

const ids = (response: { body: { statements: { id: string }[] } }) =>
  response.body.statements.map((s) => s.id);

describe('GET /xapi/statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  describe('filters', () => {
    let lrs: XapiClient;
    const budi = learner('199001012015011001');
    const sari = learner('199202022016022002');
    const mentor = learner('198001012005011003');
    const registration = randomUUID();
    const course = activity('/course/view.php?id=3');
    const quiz = activity('/mod/quiz/view.php?id=7');
    const page = activity('/mod/page/view.php?id=8');
    const sent: ReturnType<typeof statement>[] = [];

    beforeAll(async () => {
      lrs = await xapiClient(t);
      sent.push(
        statement({
          actor: budi,
          object: quiz,
          context: { registration, contextActivities: { parent: [course] } },
        }),
        statement({ actor: sari, object: quiz, verb: { id: verbs.attempted } }),
        statement({
          actor: budi,
          object: page,
          verb: { id: verbs.viewed },
          context: { instructor: mentor },
        }),
        statement({ actor: sari, object: budi }),
      );
      // One at a time, so each has its own `stored`.
      for (const s of sent) await lrs.post([s]).expect(200);
    });

    it('returns everything newest first, or oldest first with ascending', async () => {
      expect(ids(await lrs.get().expect(200))).toEqual(sent.map((s) => s.id).reverse());
      expect(ids(await lrs.get({ ascending: 'true' }))).toEqual(sent.map((s) => s.id));
    });

    it('filters by agent as actor or object, by IFI whatever else the agent JSON says', async () => {
      const asActorOrObject = await lrs.get({
        agent: JSON.stringify({ account: budi.account, name: 'other name' }),
      });
      expect(ids(asActorOrObject)).toEqual([sent[3]!.id, sent[2]!.id, sent[0]!.id]);
      expect(ids(await lrs.get({ agent: JSON.stringify(mentor) }))).toEqual([]);
      expect(ids(await lrs.get({ agent: JSON.stringify(mentor), related_agents: 'true' }))).toEqual(
        [sent[2]!.id],
      );
    });

    it('filters by verb, activity, related activities and registration', async () => {
      expect(ids(await lrs.get({ verb: verbs.attempted }))).toEqual([sent[1]!.id]);
      expect(ids(await lrs.get({ activity: quiz.id }))).toEqual([sent[1]!.id, sent[0]!.id]);
      expect(ids(await lrs.get({ activity: course.id }))).toEqual([]);
      expect(ids(await lrs.get({ activity: course.id, related_activities: 'true' }))).toEqual([
        sent[0]!.id,
      ]);
      expect(ids(await lrs.get({ registration: registration.toUpperCase() }))).toEqual([
        sent[0]!.id,
      ]);
    });

    it('combines filters', async () => {
      const agent = JSON.stringify(budi);
      expect(ids(await lrs.get({ agent, verb: verbs.completed }))).toEqual([
        sent[3]!.id,
        sent[0]!.id,
      ]);
      expect(ids(await lrs.get({ agent, activity: page.id }))).toEqual([sent[2]!.id]);
      expect(ids(await lrs.get({ activity: quiz.id, verb: verbs.attempted }))).toEqual([
        sent[1]!.id,
      ]);
      expect(ids(await lrs.get({ agent: JSON.stringify(sari), verb: verbs.viewed }))).toEqual([]);
    });

    it('filters by stored time: since is exclusive, until inclusive', async () => {
      const stored = await Promise.all(
        sent.map(async (s) => (await lrs.get({ statementId: s.id })).body.stored as string),
      );
      expect(ids(await lrs.get({ since: stored[1]! }))).toEqual([sent[3]!.id, sent[2]!.id]);
      expect(ids(await lrs.get({ until: stored[1]! }))).toEqual([sent[1]!.id, sent[0]!.id]);
      expect(
        ids(await lrs.get({ since: stored[0]!, until: stored[2]!, ascending: 'true' })),
      ).toEqual([sent[1]!.id, sent[2]!.id]);
    });
  });

  // Bounds come from a bisection over the tenant's sequence numbers (migration 0030), which
  // other tenants' statements, stored between, leave with gaps.
  it("bounds since and until at every stored time, between other tenants' statements", async () => {
    const lrs = await xapiClient(t);
    const other = await xapiClient(t);
    for (const size of [3, 1, 2, 1, 4]) {
      await lrs.post(Array.from({ length: size }, () => statement())).expect(200);
      await other.post([statement(), statement()]).expect(200);
    }
    const all = (await lrs.get({ ascending: 'true' }).expect(200)).body.statements as {
      id: string;
      stored: string;
    }[];
    expect(all).toHaveLength(11);
    const at = (instant: number) => new Date(instant).toISOString();
    const instants = all.flatMap(({ stored }) => {
      const time = Date.parse(stored);
      return [time - 1, time, time + 1];
    });
    for (const instant of [...new Set(instants)]) {
      const since = all.filter((s) => Date.parse(s.stored) > instant).map((s) => s.id);
      const until = all.filter((s) => Date.parse(s.stored) <= instant).map((s) => s.id);
      expect(ids(await lrs.get({ since: at(instant), ascending: 'true' }))).toEqual(since);
      expect(ids(await lrs.get({ until: at(instant), ascending: 'true' }))).toEqual(until);
    }
  });

  // The authority has no link row (see statementRows.ts): related_agents finds it through
  // the credential that wrote the statement.
  it('finds with related_agents the statements a credential wrote, once each, on every path', async () => {
    const a = await xapiClient(t);
    const b = await xapiClient(t, { tenant: a.tenant });
    const budi = learner('199001012015011001');
    const first = statement({ actor: budi });
    await a.post([first]).expect(200);
    const authorityA = (await a.get({ statementId: first.id }).expect(200)).body.authority;
    expect(authorityA.account.homePage).toBe('urn:jejak:credential');
    // A's agent as the actor of A's own statement: a link row finds it as well.
    const own = statement({ actor: authorityA, verb: { id: verbs.attempted } });
    await a.post([own]).expect(200);
    const byB = statement({ actor: authorityA });
    const referring = statement({
      verb: { id: 'http://adlnet.gov/expapi/verbs/shared' },
      object: { objectType: 'StatementRef', id: first.id },
    });
    const unrelated = statement({ actor: budi });
    for (const s of [byB, referring, unrelated]) await b.post([s]).expect(200);
    const authorityB = (await b.get({ statementId: byB.id }).expect(200)).body.authority;

    const related = (agent: unknown, query: Record<string, string> = {}) =>
      a.get({ agent: JSON.stringify(agent), related_agents: 'true', ...query }).expect(200);
    const newestFirst = [referring, byB, own, first].map((s) => s.id);
    expect(ids(await related(authorityA))).toEqual(newestFirst);
    expect(ids(await related(authorityA, { ascending: 'true' }))).toEqual(
      [...newestFirst].reverse(),
    );
    expect(ids(await related(authorityA, { verb: verbs.attempted }))).toEqual([own.id]);
    expect(ids(await related(authorityB))).toEqual([unrelated, referring, byB].map((s) => s.id));
    // Not the authority without related_agents: only where the agent is actor or object.
    expect(ids(await a.get({ agent: JSON.stringify(authorityA) }))).toEqual([byB.id, own.id]);

    // Statements stored while authorities had link rows keep theirs: still found once.
    await t.database.db.execute(sql`
      insert into xapi_statement_agents (tenant_id, agent_key, seq, verb_iri, direct, roles)
      select tenant_id, ${agentKey(authorityA)}, seq, verb_iri, false, '{authority}'
      from xapi_statements where tenant_id = ${a.tenant.id} and id = ${first.id}`);
    const seen: string[] = [];
    let response = await related(authorityA, { limit: '1' });
    for (;;) {
      seen.push(...ids(response));
      const more = response.body.more as string;
      if (more === '') break;
      response = await t
        .http()
        .get(more)
        .set('authorization', a.auth)
        .set('x-experience-api-version', '2.0.0')
        .expect(200);
    }
    expect(seen).toEqual(newestFirst);

    // Up to the tenant's boundary of migration 0032, statements are found through their
    // authority rows only: with the row gone, the first statement is not found as A's.
    await t.database.db.execute(sql`
      update xapi_statement_clocks set authority_links_through =
        (select seq from xapi_statements where tenant_id = ${a.tenant.id} and id = ${first.id})
      where tenant_id = ${a.tenant.id}`);
    expect(ids(await related(authorityA))).toEqual(newestFirst);
    await t.database.db.execute(sql`
      delete from xapi_statement_agents
      where tenant_id = ${a.tenant.id} and agent_key = ${agentKey(authorityA)}
        and roles = '{authority}'`);
    expect(ids(await related(authorityA))).toEqual(newestFirst.slice(0, 3));

    // related_agents without an agent is allowed, and changes nothing.
    const object = (first.object as { id: string }).id;
    const byObject = ids(await a.get({ activity: object, related_activities: 'true' }));
    expect(byObject).toContain(first.id);
    expect(
      ids(
        await a
          .get({ activity: object, related_activities: 'true', related_agents: 'true' })
          .expect(200),
      ),
    ).toEqual(byObject);
  });

  it('pages with `more` through every statement exactly once, on any instance', async () => {
    const lrs = await xapiClient(t);
    const batch = Array.from({ length: 23 }, () => statement());
    await lrs.post(batch).expect(200);
    // A second app on the same database: the cursor carries everything it needs.
    const services = createAppServices(t.services.config, t.database, t.services.logger);
    const other = await buildApp(services);
    await other.ready();
    try {
      const seen: string[] = [];
      let response = await lrs.get({ limit: '5' }).expect(200);
      let pages = 1;
      for (;;) {
        seen.push(...ids(response));
        const more = response.body.more as string;
        if (more === '') break;
        expect(more).toMatch(/^\/xapi\/statements\?more=/);
        pages += 1;
        const instance = pages % 2 === 0 ? supertest(other.server) : t.http();
        response = await instance
          .get(more)
          .set('authorization', lrs.auth)
          .set('x-experience-api-version', '2.0.0')
          .expect(200);
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(batch.map((s) => s.id).reverse());
    } finally {
      await other.close();
    }
  });

  it('reads back every text as written in an array literal, NULL as null', async () => {
    const texts = [
      'NULL',
      'null',
      '',
      ' padded ',
      '"',
      '\\',
      '\\"',
      ',',
      '{}',
      'a\nb',
      'ünï',
      null,
    ];
    const rows = await rawRows<{ value: string | null }>(
      t.database.db,
      sql`select unnest(${textArrayLiteral(texts)}::text[]) as value`,
    );
    expect(rows.map((row) => row.value)).toEqual(texts);
  });

  // Statements reach PostgreSQL as array literals, one per column: identifiers holding what
  // a literal quotes or separates must come back as sent, and find their statements.
  it('finds statements by identifiers holding quotes, backslashes, commas, braces or NULL', async () => {
    const lrs = await xapiClient(t);
    const unique = randomUUID();
    const oddNames = ['NULL', `"quoted", {braced}`, 'back\\slash\\"', 'new\nline, ünï'];
    const agents = oddNames.map((name) => ({
      objectType: 'Agent',
      account: { homePage: 'https://lms.example.go.id', name: `${name} ${unique}` },
    }));
    const verb = `http://example.go.id/verbs/a,b;c'd/${unique}`;
    const sent = agents.map((actor, index) =>
      statement({
        actor,
        verb: { id: verb },
        object: { objectType: 'Activity', id: `http://example.go.id/kuis,${index}'ü/${unique}` },
        context: {
          contextActivities: { parent: [{ id: `http://example.go.id/NULL,(${index})/${unique}` }] },
        },
      }),
    );
    await lrs.post(sent).expect(200);
    for (const [index, s] of sent.entries()) {
      expect(ids(await lrs.get({ agent: JSON.stringify(agents[index]) }))).toEqual([s.id]);
      const object = s.object as { id: string };
      expect(ids(await lrs.get({ activity: object.id }))).toEqual([s.id]);
      const parent = `http://example.go.id/NULL,(${index})/${unique}`;
      expect(ids(await lrs.get({ activity: parent, related_activities: 'true' }))).toEqual([s.id]);
      const stored = (await lrs.get({ statementId: s.id }).expect(200)).body;
      expect(stored.actor).toEqual(agents[index]);
    }
    expect(ids(await lrs.get({ verb, ascending: 'true' }))).toEqual(sent.map((s) => s.id));
  });

  it('matches statements that target a matching statement by StatementRef', async () => {
    const lrs = await xapiClient(t);
    const uniqueVerb = `http://example.go.id/verbs/${randomUUID()}`;
    const original = statement({ verb: { id: uniqueVerb } });
    const voiding = statement({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: original.id },
    });
    const referring = statement({
      verb: { id: uniqueVerb },
      object: { objectType: 'StatementRef', id: original.id },
    });
    const chained = statement({
      verb: { id: verbs.attempted },
      object: { objectType: 'StatementRef', id: referring.id },
    });
    for (const s of [original, voiding, referring, chained]) await lrs.post([s]).expect(200);
    expect(ids(await lrs.get({ verb: uniqueVerb }))).toEqual([
      chained.id,
      referring.id,
      voiding.id,
    ]);
    expect(ids(await lrs.get({ verb: uniqueVerb, limit: '1' }))).toEqual([chained.id]);
  });

  it('matches referring statements stored before their target, through a chain', async () => {
    const lrs = await xapiClient(t);
    const lesson = activity(`/mod/lesson/view.php?id=${randomUUID()}`);
    const target = statement({ object: lesson, actor: learner('197501012000011001') });
    const referring = statement({
      verb: { id: verbs.attempted },
      object: { objectType: 'StatementRef', id: target.id },
    });
    const chained = statement({
      verb: { id: verbs.viewed },
      object: { objectType: 'StatementRef', id: referring.id },
    });
    // The chain arrives backwards: the targets last.
    for (const s of [chained, referring, target]) await lrs.post([s]).expect(200);
    expect(ids(await lrs.get({ activity: lesson.id }))).toEqual([
      target.id,
      referring.id,
      chained.id,
    ]);
    expect(
      ids(await lrs.get({ agent: JSON.stringify(target.actor), verb: verbs.completed })),
    ).toEqual([target.id, referring.id, chained.id]);
    // The whole filter must match one statement of the chain, not parts of several.
    expect(ids(await lrs.get({ activity: lesson.id, verb: verbs.attempted }))).toEqual([]);
  });

  it('serves the ids and canonical formats', async () => {
    const lrs = await xapiClient(t);
    const sent = statement({
      verb: { id: verbs.completed, display: { 'en-US': 'completed', 'id-ID': 'menyelesaikan' } },
      object: {
        objectType: 'Activity',
        id: activity('/mod/quiz/view.php?id=70').id,
        definition: { name: { 'en-US': 'Quiz', 'id-ID': 'Kuis' } },
      },
    });
    await lrs.post([sent]).expect(200);
    const idsOnly = (await lrs.get({ statementId: sent.id, format: 'ids' }).expect(200)).body;
    expect(idsOnly.actor).toEqual({ objectType: 'Agent', account: sent.actor.account });
    expect(idsOnly.verb).toEqual({ id: verbs.completed });
    expect(idsOnly.object).toEqual({ id: sent.object.id });
    const canonical = (
      await lrs
        .get({ statementId: sent.id, format: 'canonical' })
        .set('accept-language', 'id, en;q=0.5')
        .expect(200)
    ).body;
    expect(canonical.verb.display).toEqual({ 'id-ID': 'menyelesaikan' });
    expect(canonical.object.definition.name).toEqual({ 'id-ID': 'Kuis' });
    const exact = (await lrs.get({ statementId: sent.id }).set('accept-language', 'id').expect(200))
      .body;
    expect(exact.verb.display).toEqual(sent.verb.display);
  });

  it('marks every answer with Consistent-Through, and single statements with Last-Modified', async () => {
    const lrs = await xapiClient(t);
    const sent = statement();
    await lrs.post([sent]).expect(200);
    const single = await lrs.get({ statementId: sent.id }).expect(200);
    expect(new Date(single.headers['last-modified']!).getTime()).toBe(
      Math.floor(Date.parse(single.body.stored) / 1000) * 1000,
    );
    expect(
      Date.parse(single.headers['x-experience-api-consistent-through']!),
    ).toBeGreaterThanOrEqual(Math.floor(Date.parse(single.body.stored)));
    for (const response of [
      await lrs.get({ statementId: randomUUID() }).expect(404),
      await lrs.get({ LIMIT: '1' }).expect(400),
      await lrs.get({ limit: '2' }).expect(200),
    ]) {
      expect(
        Number.isNaN(Date.parse(response.headers['x-experience-api-consistent-through']!)),
      ).toBe(false);
    }
  });

  // A batch holding the write lock needs a second connection: PGlite has one.
  it.skipIf(databaseKind !== 'postgres')(
    'says Consistent-Through is the newest stored statement while a batch is being written (PostgreSQL)',
    async () => {
      const lrs = await xapiClient(t);
      await lrs.post([statement()]).expect(200);
      const sent = statement();
      await lrs.post([sent]).expect(200);
      const stored = Date.parse((await lrs.get({ statementId: sent.id }).expect(200)).body.stored);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const writer = t.database.db.transaction(async (tx) => {
        await lockTenantStatementWrites(tx, lrs.tenant.id);
        locked();
        await held;
      });
      try {
        await lockTaken;
        const during = await lrs.get({ limit: '1' }).expect(200);
        expect(Date.parse(during.headers['x-experience-api-consistent-through']!)).toBe(stored - 1);
      } finally {
        release();
        await writer;
      }
      const after = await lrs.get({ limit: '1' }).expect(200);
      expect(Date.parse(after.headers['x-experience-api-consistent-through']!)).toBeGreaterThan(
        stored,
      );
    },
  );

  it('rejects unknown, misspelt and conflicting parameters with 400', async () => {
    const lrs = await xapiClient(t);
    const cases: Record<string, string>[] = [
      { foo: 'bar' },
      { Verb: verbs.completed },
      { statementId: randomUUID(), agent: JSON.stringify(learner('1')) },
      { statementId: 'not-a-uuid' },
      { agent: '{"mbox":"budi@example.go.id"}' },
      { agent: 'not json' },
      { verb: 'completed' },
      { since: 'yesterday' },
      { limit: '-1' },
      { ascending: 'yes' },
      { more: 'not-a-token' },
      { since: '0000-01-01T00:00:00Z' },
      { until: '0001-01-01T00:00:00+01:00' },
      { agent: '{"mbox":"mailto:a\u0000@example.go.id"}' },
      {
        more: Buffer.from(
          JSON.stringify({
            v: 1,
            after: 5,
            q: {
              limit: 2.5,
              relatedAgents: false,
              relatedActivities: false,
              ascending: false,
              format: 'exact',
              attachments: false,
            },
          }),
        ).toString('base64url'),
      },
      {
        more: Buffer.from(
          JSON.stringify({
            v: 1,
            after: 5,
            q: {
              limit: 5,
              since: '0000-01-01T00:00:00Z',
              relatedAgents: false,
              relatedActivities: false,
              ascending: false,
              format: 'exact',
              attachments: false,
            },
          }),
        ).toString('base64url'),
      },
    ];
    for (const query of cases) {
      const response = await lrs.get(query).expect(400);
      expect(response.body.error).toBe('BAD_USER_INPUT');
    }
  });

  it('serves canonical definitions for a statement citing tens of thousands of activities', async () => {
    const lrs = await xapiClient(t);
    const other = Array.from({ length: 70_000 }, (_, n) => ({
      id: `https://x.example.go.id/a/${n}`,
    }));
    const sent = statement({ context: { contextActivities: { other } } });
    await lrs.post([sent]).expect(200);
    const got = await lrs.get({ statementId: sent.id, format: 'canonical' }).expect(200);
    expect(got.body.context.contextActivities.other).toHaveLength(70_000);
  });

  it('answers HEAD like GET, without a body', async () => {
    const lrs = await xapiClient(t);
    await lrs.post([statement()]).expect(200);
    const response = await t
      .http()
      .head('/xapi/statements')
      .set('authorization', lrs.auth)
      .set('x-experience-api-version', '2.0.0')
      .expect(200);
    expect(response.headers['x-experience-api-consistent-through']).toBeDefined();
    expect(response.text ?? '').toBe('');
  });

  it('serves the alternate request syntax under 1.0.3 and refuses it under 2.0', async () => {
    const lrs = await xapiClient(t, { version: '1.0.3' });
    const sent = statement();
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    await t
      .http()
      .post('/xapi/statements?method=PUT')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(
        form({
          Authorization: lrs.auth,
          'X-Experience-API-Version': '1.0.3',
          'Content-Type': 'application/json',
          statementId: sent.id,
          content: JSON.stringify(sent),
        }),
      )
      .expect(204);
    const got = await t
      .http()
      .post('/xapi/statements?method=GET')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(
        form({
          Authorization: lrs.auth,
          'X-Experience-API-Version': '1.0.3',
          statementId: sent.id,
        }),
      )
      .expect(200);
    expect(got.body.id).toBe(sent.id);
    await t
      .http()
      .post('/xapi/statements?method=GET')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(
        form({
          Authorization: lrs.auth,
          'X-Experience-API-Version': '2.0.0',
          statementId: sent.id,
        }),
      )
      .expect(400);
    await t
      .http()
      .post('/xapi/statements?method=GET')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(form({ 'X-Experience-API-Version': '1.0.3', statementId: sent.id }))
      .expect(401);
  });
});
