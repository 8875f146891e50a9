// The document resources through HTTP: state, activity profile and agent profile documents
// stored byte for byte, ETags and preconditions as each version asks, JSON merge, lists
// with since, deletions, /activities, /agents, scopes and tenants.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XapiScope } from '../src/auth/scopes.js';
import { createTestTenant, startTestApp, type TestApp } from './support/testApp.js';
import {
  activity,
  learner,
  rawBody,
  statement,
  xapiClient,
  type XapiClient,
} from './support/xapiClient.js';

type Version = '1.0.3' | '2.0.0';

const budi = learner('199001012015011001');
const sha1 = (content: Buffer | string) => createHash('sha1').update(content).digest('hex');

describe('xAPI document resources', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  /** Requests to one document resource, as one credential, in one version. */
  function documents(lrs: XapiClient, path: string, version: Version = '2.0.0') {
    const withHeaders = <T extends { set(name: string, value: string): T }>(request: T) =>
      request.set('authorization', lrs.auth).set('x-experience-api-version', version);
    return {
      get: (query: Record<string, string>) => withHeaders(t.http().get(path).query(query)),
      head: (query: Record<string, string>) => withHeaders(t.http().head(path).query(query)),
      put: (query: Record<string, string>, body: string | Buffer, type = 'application/json') =>
        withHeaders(t.http().put(path).query(query)).set('content-type', type).send(body),
      post: (query: Record<string, string>, body: string | Buffer, type = 'application/json') =>
        withHeaders(t.http().post(path).query(query)).set('content-type', type).send(body),
      delete: (query: Record<string, string>) => withHeaders(t.http().delete(path).query(query)),
    };
  }

  const stateQuery = (overrides: Record<string, string> = {}) => ({
    activityId: activity(`/mod/scorm/view.php?id=${randomUUID()}`).id,
    agent: JSON.stringify(budi),
    stateId: 'bookmark',
    ...overrides,
  });

  it('stores any content byte for byte and serves it with its type, ETag and Last-Modified', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const query = stateQuery();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    await state.put(query, bytes, 'image/png').expect(204);
    const got = await state.get(query).buffer(true).parse(rawBody).expect(200);
    expect((got.body as Buffer).equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers.etag).toBe(`"${sha1(bytes)}"`);
    expect(Number.isNaN(Date.parse(got.headers['last-modified']!))).toBe(false);
    const head = await state.head(query).expect(200);
    expect(head.headers.etag).toBe(got.headers.etag);
    expect(head.text ?? '').toBe('');
    await state.get({ ...query, stateId: 'missing' }).expect(404);
  });

  it('merges JSON objects on POST, and refuses to merge anything else', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const query = stateQuery();
    await state.post(query, JSON.stringify({ halaman: 3, nested: { a: 1 } })).expect(204);
    await state.post(query, JSON.stringify({ skor: 80, nested: { b: 2 } })).expect(204);
    expect((await state.get(query).expect(200)).body).toEqual({
      halaman: 3,
      skor: 80,
      nested: { b: 2 },
    });
    await state.post(query, 'not json', 'text/plain').expect(400);
    await state.post(query, '[1,2]').expect(400);
    await state.post(query, '{"broken":').expect(400);
    expect((await state.get(query)).body).toEqual({ halaman: 3, skor: 80, nested: { b: 2 } });
    const binary = stateQuery();
    await state.put(binary, 'plain text', 'text/plain').expect(204);
    await state.post(binary, '{"a":1}').expect(400);
    expect((await state.get(binary)).text).toBe('plain text');
  });

  it('merges member by member as sent: numbers keep every digit, deep values stay whole', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const query = stateQuery();
    await state.post(query, '{"nip":199001012015011001, "skor" : 1.10}').expect(204);
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await state.post(query, `{"x":1,"deep":${deep}}`).expect(204);
    await state.post(query, '{"x":2}').expect(204);
    expect((await state.get(query).expect(200)).text).toBe(
      `{"nip":199001012015011001,"skor":1.10,"x":2,"deep":${deep}}`,
    );
  });

  it('lists document ids, optionally only those updated since a time, per registration', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const { stateId: _stateId, ...scope } = stateQuery();
    const registration = randomUUID();
    await state.put({ ...scope, stateId: 'a' }, '{}').expect(204);
    await state.put({ ...scope, stateId: 'b' }, '{}').expect(204);
    await state.put({ ...scope, stateId: 'c', registration }, '{}').expect(204);
    const list = await state.get(scope).expect(200);
    expect(list.body).toEqual(['a', 'b']);
    expect(list.headers.etag).toBe(`"${sha1('["a","b"]')}"`);
    expect(Number.isNaN(Date.parse(list.headers['last-modified']!))).toBe(false);
    expect((await state.get({ ...scope, registration }).expect(200)).body).toEqual(['c']);
    const updatedB = (await state.get({ ...scope, stateId: 'b' })).headers['last-modified']!;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await state
      .put({ ...scope, stateId: 'a' }, '{"again":true}', 'application/json')
      .set('if-match', '*')
      .expect(204);
    expect(
      (await state.get({ ...scope, since: new Date(Date.parse(updatedB) + 1000).toISOString() }))
        .body,
    ).toEqual(['a']);
    await state.get({ ...scope, since: 'yesterday' }).expect(400);
  });

  it('deletes one state, or every state of an activity and agent (and registration)', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const { stateId: _stateId, ...scope } = stateQuery();
    const registration = randomUUID();
    for (const id of ['a', 'b']) await state.put({ ...scope, stateId: id }, '{}').expect(204);
    await state.put({ ...scope, stateId: 'r', registration }, '{}').expect(204);
    await state.delete({ ...scope, stateId: 'a' }).expect(204);
    expect((await state.get(scope)).body).toEqual(['b']);
    await state.delete({ ...scope, since: '2000-01-01T00:00:00Z' }).expect(400);
    expect((await state.get(scope)).body).toEqual(['b']);
    await state.delete(scope).expect(204);
    expect((await state.get(scope)).body).toEqual([]);
    expect((await state.get({ ...scope, registration })).body).toEqual(['r']);
    await state.delete({ ...scope, registration }).expect(204);
    expect((await state.get({ ...scope, registration })).body).toEqual([]);
  });

  describe('preconditions', () => {
    for (const path of [
      '/xapi/activities/state',
      '/xapi/activities/profile',
      '/xapi/agents/profile',
    ]) {
      const queryFor = (): Record<string, string> =>
        path === '/xapi/agents/profile'
          ? { agent: JSON.stringify(learner(String(Date.now()))), profileId: randomUUID() }
          : path === '/xapi/activities/profile'
            ? {
                activityId: activity(`/mod/page/view.php?id=${randomUUID()}`).id,
                profileId: randomUUID(),
              }
            : stateQuery();

      it(`${path} (2.0): If-Match, If-None-Match, and 409 for a PUT with neither on an existing document`, async () => {
        const lrs = await xapiClient(t);
        const docs = documents(lrs, path, '2.0.0');
        const query = queryFor();
        await docs.put(query, '{"v":1}').set('if-none-match', '*').expect(204);
        const etag = (await docs.get(query)).headers.etag!;
        expect(etag).toBe(`"${sha1('{"v":1}')}"`);

        await docs.put(query, '{"v":2}').set('if-none-match', '*').expect(412);
        const conflict = await docs.put(query, '{"v":2}').expect(409);
        expect(conflict.body.message).toMatch(/If-Match/);
        for (const stale of [
          docs.put(query, '{"v":2}').set('if-match', '"1234"'),
          docs.post(query, '{"w":2}').set('if-match', '"1234"'),
          docs.delete(query).set('if-match', '"1234"'),
        ]) {
          await stale.expect(412);
        }
        expect((await docs.get(query)).body).toEqual({ v: 1 });

        await docs.put(query, '{"v":2}').set('if-match', etag).expect(204);
        const second = (await docs.get(query)).headers.etag!;
        await docs.post(query, '{"w":3}').set('if-match', second).expect(204);
        expect((await docs.get(query)).body).toEqual({ v: 2, w: 3 });
        await docs
          .delete(query)
          .set('if-match', (await docs.get(query)).headers.etag!)
          .expect(204);
        await docs.get(query).expect(404);
        await docs.put(query, '{}').set('if-match', etag).expect(412);
      });
    }

    it('1.0.3: a state PUT replaces without headers; a profile PUT needs one to create or replace', async () => {
      const lrs = await xapiClient(t, { version: '1.0.3' });
      const state = documents(lrs, '/xapi/activities/state', '1.0.3');
      const query = stateQuery();
      await state.put(query, '{"v":1}').expect(204);
      await state.put(query, '{"v":2}').expect(204);
      expect((await state.get(query)).body).toEqual({ v: 2 });

      const profile = documents(lrs, '/xapi/activities/profile', '1.0.3');
      const profileQuery = {
        activityId: activity('/mod/page/view.php?id=1').id,
        profileId: randomUUID(),
      };
      await profile.put(profileQuery, '{"v":1}').expect(400);
      await profile.put(profileQuery, '{"v":1}').set('if-none-match', '*').expect(204);
      await profile.put(profileQuery, '{"v":2}').expect(409);
      expect((await profile.get(profileQuery)).body).toEqual({ v: 1 });
    });
  });

  it('answers missing or malformed parameters with 400 naming them', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const { activityId: _a, ...withoutActivity } = stateQuery();
    const cases: [Record<string, string>, RegExp][] = [
      [withoutActivity, /activityId/],
      [stateQuery({ activityId: 'not an iri' }), /activityId must be an IRI/],
      [stateQuery({ agent: 'not json' }), /^agent/],
      [stateQuery({ agent: 'true' }), /^agent/],
      [stateQuery({ agent: JSON.stringify({ name: 'tanpa IFI' }) }), /^agent/],
      [stateQuery({ registration: 'true' }), /registration must be a UUID/],
      [stateQuery({ unknown: 'x' }), /unknown query parameter unknown/],
      [stateQuery({ stateId: '' }), /stateId must not be empty/],
      [stateQuery({ stateId: randomUUID().repeat(20) }), /stateId is longer than 500 bytes/],
      [
        stateQuery({ activityId: `https://x.example/${randomUUID().repeat(30)}` }),
        /activityId is longer/,
      ],
    ];
    for (const [query, message] of cases) {
      const response = await state.get(query).expect(400);
      expect(response.body.message).toMatch(message);
    }
    const { stateId: _s, ...withoutId } = stateQuery();
    await state.put(withoutId, '{}').expect(400);
    const profile = documents(lrs, '/xapi/agents/profile');
    await profile.put({ agent: JSON.stringify(budi) }, '{}').expect(400);
  });

  it('stores only a Content-Type it can send back, also through the 1.0.3 alternate syntax', async () => {
    const lrs = await xapiClient(t, { version: '1.0.3' });
    const query = stateQuery();
    const form = (contentType: string) =>
      new URLSearchParams({
        Authorization: lrs.auth,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': contentType,
        content: 'isi',
        ...query,
      }).toString();
    for (const contentType of [
      'text/plain; x=中',
      'text/plain\u0000',
      'text/plain\r\nX-Evil: 1',
      'not a type',
    ]) {
      await t
        .http()
        .post('/xapi/activities/state?method=PUT')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(form(contentType))
        .expect(400);
    }
    await t
      .http()
      .post('/xapi/activities/state?method=PUT')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(form('text/plain; charset=utf-8'))
      .expect(204);
    const got = await documents(lrs, '/xapi/activities/state', '1.0.3').get(query).expect(200);
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.text).toBe('isi');
  });

  it('refuses a document over the maximum body size with 413, storing nothing', async () => {
    const lrs = await xapiClient(t);
    const state = documents(lrs, '/xapi/activities/state');
    const query = stateQuery();
    const tooBig = Buffer.alloc(t.services.config.maxBodyBytes + 1, 0x61);
    const response = await state.put(query, tooBig, 'application/octet-stream');
    expect(response.status).toBe(413);
    await state.get(query).expect(404);
  });

  it('keeps each credential to its scopes and each tenant to its own documents', async () => {
    const tenant = await createTestTenant(t.database);
    const client = (scopes: XapiScope[]) => xapiClient(t, { tenant, scopes });
    const stateOnly = documents(await client(['state']), '/xapi/activities/state');
    const profileOnly = await client(['profile']);
    const writer = await client(['statements/write']);
    const query = stateQuery();
    await stateOnly.put(query, '{"v":1}').expect(204);
    await documents(profileOnly, '/xapi/activities/state').get(query).expect(403);
    await documents(writer, '/xapi/activities/state').get(query).expect(403);
    await documents(await client(['all/read']), '/xapi/activities/state')
      .get(query)
      .expect(200);
    await documents(await client(['all/read']), '/xapi/activities/state')
      .put(query, '{}')
      .expect(403);
    await documents(profileOnly, '/xapi/agents/profile')
      .put({ agent: JSON.stringify(budi), profileId: 'p' }, '{}')
      .set('if-none-match', '*')
      .expect(204);

    const stranger = documents(await xapiClient(t), '/xapi/activities/state');
    await stranger.get(query).expect(404);
    const { stateId: _s, ...scope } = query;
    expect((await stranger.get(scope)).body).toEqual([]);
    await stranger.delete(scope).expect(204);
    expect((await stateOnly.get(query)).body).toEqual({ v: 1 });
  });

  it('serves the canonical Activity merged from statements, and the Person of an agent', async () => {
    const lrs = await xapiClient(t);
    const id = activity(`/mod/quiz/view.php?id=${randomUUID()}`).id;
    await lrs
      .post([statement({ object: { id, definition: { name: { 'id-ID': 'Kuis' } } } })])
      .expect(200);
    await lrs
      .post([
        statement({
          object: {
            id,
            definition: {
              name: { 'en-US': 'Quiz' },
              type: 'http://adlnet.gov/expapi/activities/assessment',
            },
          },
        }),
      ])
      .expect(200);
    const get = (path: string, query: Record<string, string>, version: Version = '2.0.0') =>
      t
        .http()
        .get(path)
        .query(query)
        .set('authorization', lrs.auth)
        .set('x-experience-api-version', version);
    expect((await get('/xapi/activities', { activityId: id }).expect(200)).body).toEqual({
      objectType: 'Activity',
      id,
      definition: {
        name: { 'id-ID': 'Kuis', 'en-US': 'Quiz' },
        type: 'http://adlnet.gov/expapi/activities/assessment',
      },
    });
    const unknown = activity(`/mod/quiz/view.php?id=${randomUUID()}`).id;
    expect((await get('/xapi/activities', { activityId: unknown }).expect(200)).body).toEqual({
      objectType: 'Activity',
      id: unknown,
    });
    await get('/xapi/activities', { activityId: unknown }, '1.0.3').expect(404);
    await get('/xapi/activities', {}).expect(400);

    const person = (
      await get('/xapi/agents', { agent: JSON.stringify({ account: budi.account }) }).expect(200)
    ).body;
    expect(person).toEqual({ objectType: 'Person', name: [budi.name], account: [budi.account] });
    await get('/xapi/agents', { agent: JSON.stringify({ name: 'tanpa IFI' }) }).expect(400);
  });
});
