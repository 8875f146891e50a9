// The server as an operator runs it (`npm start`): first start, restart on the same data,
// graceful shutdown, and refusing to start on bad configuration or an unreachable database.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerToExit, startServer, type ServerProcess } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/testDatabase.js';

const basic = (key: string, secret: string) =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** Written by the first start, read back after a restart. */
const survivingStatement = {
  id: '5a3c1f0e-8a1b-4c7d-9e2f-000000000001',
  actor: {
    objectType: 'Agent',
    account: { homePage: 'https://lms.example.go.id', name: '199001012015011001' },
  },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'id-ID': 'menyelesaikan' } },
  object: { id: 'https://lms.example.go.id/mod/quiz/view.php?id=7' },
};

describe('the server process', () => {
  let testDatabase: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'jejak-server-test-'));
    env =
      testDatabase.config.kind === 'postgres'
        ? { DATABASE_URL: testDatabase.config.url, LOG_LEVEL: 'debug' }
        : { JEJAK_DATA_DIR: dataDir, LOG_LEVEL: 'debug' };
  });
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await testDatabase?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let firstCredential: { xapiKey: string; xapiSecret: string };

  it('starts on an empty database, prints a first credential once, and serves every surface', async () => {
    const server = await startServer(env);
    running.push(server);
    const announced = server.lines.filter((line) => line.firstStartCredential !== undefined);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.msg).toMatch(/FIRST START/);
    firstCredential = announced[0]!.firstStartCredential as typeof firstCredential;

    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.baseUrl}/readyz`)).json()).toMatchObject({
      status: 'ready',
    });
    expect(await (await fetch(`${server.baseUrl}/xapi/about`)).json()).toEqual({
      version: ['1.0.3', '2.0.0'],
      extensions: {},
    });
    const graphql = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { status } }' }),
    });
    expect(await graphql.json()).toEqual({ data: { health: { status: 'OK' } } });
    const posted = await fetch(`${server.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: basic(firstCredential.xapiKey, firstCredential.xapiSecret),
        'x-experience-api-version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify([survivingStatement]),
    });
    expect(posted.status).toBe(200);
    // A certificate's verification code opens its learner's details: kept out of the log.
    const checked = await fetch(`${server.baseUrl}/certificates/NO-SUCH/verify?code=K3QDM-9X2AB`);
    expect(checked.status).toBe(404);

    const stopped = await server.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(server.lines.at(-1)?.msg).toBe('stopped');

    // (Read after the exit, when every line has arrived.) Every request's log line carries
    // its request id; the secret appears only in the announcement.
    const requestLines = server.lines.filter((line) => line.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThanOrEqual(5);
    for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
    const everything = JSON.stringify(server.lines) + server.stderr();
    expect(everything.split(firstCredential.xapiSecret)).toHaveLength(2);
    expect(everything).not.toContain('K3QDM-9X2AB');
    expect(requestLines.map((line) => line.url)).toContain(
      '/certificates/NO-SUCH/verify?code=[redacted]',
    );
  });

  it('keeps its data across a restart', async () => {
    const server = await startServer(env);
    running.push(server);
    expect(server.lines.some((line) => line.firstStartCredential !== undefined)).toBe(false);
    const response = await fetch(
      `${server.baseUrl}/xapi/statements?statementId=${survivingStatement.id}`,
      {
        headers: {
          authorization: basic(firstCredential.xapiKey, firstCredential.xapiSecret),
          'x-experience-api-version': '2.0.0',
        },
      },
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { verb: unknown }).verb).toEqual(survivingStatement.verb);
    expect((await server.stop('SIGINT')).code).toBe(0);
  });

  it('finishes a request in flight before it stops', async () => {
    const server = await startServer(env);
    running.push(server);
    const { hostname, port } = new URL(server.baseUrl);
    const body = JSON.stringify({ query: '{ health { status databaseReachable } }' });
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const closed = new Promise<void>((resolve) => socket.once('close', resolve));
    // Headers and half the body now; SIGTERM; then the rest.
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = server.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"databaseReachable":true');
    expect((await stopping).code).toBe(0);
  });

  it.runIf(process.env.DATABASE_URL === undefined)(
    'refuses a second process on the same embedded data folder',
    async () => {
      const server = await startServer(env);
      running.push(server);
      const second = await runServerToExit(env);
      expect(second.code).toBe(1);
      expect(second.stdout).toMatch(/is in use by process/);
      expect((await server.stop()).code).toBe(0);
    },
  );

  it.runIf(process.env.DATABASE_URL !== undefined)(
    'runs several instances on one PostgreSQL database',
    async () => {
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      running.push(a!, b!);
      for (const server of [a!, b!]) {
        const response = await fetch(`${server.baseUrl}/xapi/statements?limit=1`, {
          headers: {
            authorization: basic(firstCredential.xapiKey, firstCredential.xapiSecret),
            'x-experience-api-version': '2.0.0',
          },
        });
        expect(response.status).toBe(200);
        expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
      }
      expect((await a!.stop()).code).toBe(0);
      expect((await b!.stop()).code).toBe(0);
    },
  );
});

describe('starting with a bad environment', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/jejak' }, 'DATABASE_URL'],
    [{ JEJAK_BOOTSTRAP_KEY: 'moodle' }, 'JEJAK_BOOTSTRAP_SECRET'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
  ])('stops with one line naming the variable: %o', async (env, variable) => {
    const result = await runServerToExit(env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^jejak: configuration error: ${variable}: `));
  });

  it('retries an unreachable database with backoff, then exits non-zero', async () => {
    const result = await runServerToExit({
      DATABASE_URL: 'postgres://jejak:do-not-log-me@127.0.0.1:1/jejak',
      JEJAK_DATABASE_WAIT_SECONDS: '2',
    });
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; attempt?: number });
    const tries = lines.filter((line) => line.msg.startsWith('database unreachable'));
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries.map((line) => line.attempt)).toEqual(tries.map((_, i) => i + 1));
    expect(tries.at(-1)!.msg).toBe('database unreachable, giving up');
    expect(lines.at(-1)!.msg).toMatch(/cannot start/);
    expect(result.stdout + result.stderr).not.toContain('do-not-log-me');
  });
});
