// The HTTP surface every deployment relies on: liveness, readiness, metrics, request ids,
// 404 and 413 answers, and /xapi/about.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/rawRows.js';
import { startTestApp, type TestApp } from './support/testApp.js';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ maxBodyBytes: 4096 });
  });
  afterAll(async () => t?.close());

  it('answers /healthz', async () => {
    const response = await t.http().get('/healthz').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready once migrations are applied', async () => {
    const response = await t.http().get('/readyz').expect(200);
    expect(response.body).toMatchObject({ status: 'ready', database: t.database.kind });
    expect(response.body.migrations).toBeGreaterThan(0);
  });

  it('gives every response a request id, keeping a sane one the caller sent', async () => {
    const own = await t.http().get('/healthz').set('x-request-id', 'moodle-retry-42').expect(200);
    expect(own.headers['x-request-id']).toBe('moodle-retry-42');
    const generated = await t.http().get('/healthz').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await t.http().get('/no/such/route').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toMatchObject({
      error: 'NOT_FOUND',
      message: 'no route GET /no/such/route',
    });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('rejects a body over the configured limit with 413', async () => {
    const big = JSON.stringify({ query: `{ health { status } }`, padding: 'x'.repeat(5000) });
    const response = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(big)
      .expect(413);
    expect(response.body.error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ')
      .expect(400);
    expect(response.body).toMatchObject({ error: 'BAD_REQUEST', requestId: expect.any(String) });
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/x-unknown')
      .send('whatever')
      .expect(415);
    expect(response.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('serves /xapi/about without credentials, with the version header', async () => {
    const response = await t.http().get('/xapi/about').expect(200);
    expect(response.body).toEqual({ version: ['1.0.3', '2.0.0'], extensions: {} });
    expect(response.headers['x-experience-api-version']).toBe('2.0.0');
    const old = await t.http().get('/xapi/about').set('X-Experience-API-Version', '1.0.1');
    expect(old.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('exposes Prometheus metrics per route', async () => {
    await t.http().get('/xapi/about').expect(200);
    const response = await t.http().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /jejak_http_requests_total\{method="GET",route="\/xapi\/about",status="200"\} \d+/,
    );
    expect(response.text).toContain('jejak_http_request_duration_seconds_bucket');
    expect(response.text).toMatch(
      /jejak_http_requests_total\{method="GET",route="unmatched",status="404"\}/,
    );
    expect(response.text).toContain('# TYPE jejak_xapi_statements_stored_total counter');
  });

  it('is not ready while a migration of this build is missing', async () => {
    // Pretend the newest migration was never applied: move its mark past this build's.
    const [latest] = await rawRows<{ id: number }>(
      t.database.db,
      sql`select id from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const shift = (by: number) =>
      t.database.db.execute(
        sql`update drizzle.__drizzle_migrations set created_at = created_at + ${by} where id = ${latest!.id}`,
      );
    await shift(1e12);
    try {
      const response = await t.http().get('/readyz').expect(503);
      expect(response.body.status).toBe('migrations-pending');
    } finally {
      await shift(-1e12);
    }
    await t.http().get('/readyz').expect(200);
  });

  it('is not ready when the database is gone', async () => {
    // PostgreSQL: the database is dropped under the open pool. PGlite: the embedded
    // database is shut down under the running app.
    if (t.database.kind === 'postgres') await t.testDatabase.destroy();
    else await t.database.close();
    const response = await t.http().get('/readyz').expect(503);
    expect(response.body.status).toBe('database-unreachable');
    // Liveness does not depend on the database: the process itself is fine.
    await t.http().get('/healthz').expect(200);
  });
});
