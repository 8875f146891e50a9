// `npm run bench`: prints throughput figures of the paths built so far, on the embedded
// database (or on DATABASE_URL). Figures only: nothing here passes or fails.
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { createAppServices } from '../src/appServices.js';
import { mintDevelopmentToken } from '../src/auth/jwt.js';
import { hashSecret, verifySecret } from '../src/auth/secretHash.js';
import { loadConfig } from '../src/config.js';
import { inMemoryDataDir } from '../src/db/client.js';
import { bootstrapCredentials } from '../src/domain/credentials/bootstrapCredentials.js';
import { buildApp } from '../src/http/buildApp.js';
import { createLogger } from '../src/lib/logger.js';
import { openReadyDatabase } from '../src/startup.js';
import { rawRows } from '../src/db/rawRows.js';
import { sql } from 'drizzle-orm';
import { benchStatements } from './statementsBench.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const jwtSecret = 'bench-secret-0123456789abcdefghijklmnop';
const environment = loadConfig({
  ...process.env,
  JEJAK_JWT_SECRET: jwtSecret,
  JEJAK_SECRETS_KEY: 'bench-secrets-key-0123456789abcdefghij',
  LOG_LEVEL: 'silent',
});
const config = {
  ...environment,
  database: process.env.DATABASE_URL
    ? environment.database
    : { kind: 'pglite' as const, dataDir: inMemoryDataDir },
};
const logger = createLogger('silent');
const database = await openReadyDatabase(config, logger);
const credential = { key: `bench-${Date.now()}`, secret: 'bench-secret-value' };
await bootstrapCredentials(database.db, credential);
const app = await buildApp(createAppServices(config, database, logger));
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function measure(name: string, request: () => Promise<Response>, expectStatus: number) {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const response = await request();
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== expectStatus) failures += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
  console.log(
    `${name.padEnd(44)} ${(latencies.length / seconds).toFixed(0).padStart(7)} req/s  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms${failures ? `  (${failures} unexpected statuses)` : ''}`,
  );
}

console.log(
  `Jejak bench on ${database.location}: ${seconds} s per line, ${concurrency} concurrent clients\n`,
);

const stored = await hashSecret('x'.repeat(40));
let started = performance.now();
for (let i = 0; i < 20; i++) await verifySecret('x'.repeat(40), stored);
console.log(
  `scrypt verification (N=16384, r=8), one core    ${((performance.now() - started) / 20).toFixed(1)} ms each\n`,
);

await measure('GET /healthz', () => fetch(`${base}/healthz`), 200);
await measure('GET /readyz (database + migrations)', () => fetch(`${base}/readyz`), 200);
const basic = `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;
await measure(
  'xAPI Basic auth, valid credential',
  () => fetch(`${base}/xapi/no-such-resource`, { headers: { authorization: basic } }),
  404,
);
await measure(
  'xAPI Basic auth, wrong secret (scrypt each)',
  () =>
    fetch(`${base}/xapi/no-such-resource`, {
      headers: { authorization: `${basic.slice(0, -2)}AA` },
    }),
  401,
);
const token = await mintDevelopmentToken({
  secret: jwtSecret,
  subject: 'bench',
  tenant: 'default',
  roles: ['ADMIN'],
  expiresIn: '1h',
});
const viewer = JSON.stringify({ query: '{ viewer { subject roles tenant { slug } } }' });
await measure(
  'GraphQL viewer with an HS256 token',
  () =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: viewer,
    }),
  200,
);

// Zoom's webhook must be answered within 3 s: each event is signed, checked and stored, and
// processed later.
const zoomToken = 'bench-zoom-secret-token';
const configured = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({
    query: `mutation ($t: String!) { configureZoomWebhook(secretToken: $t) { path } }`,
    variables: { t: zoomToken },
  }),
}).then(
  (response) => response.json() as Promise<{ data: { configureZoomWebhook: { path: string } } }>,
);
let zoomEvents = 0;
await measure(
  'Zoom webhook, participant_joined (signed)',
  () => {
    zoomEvents += 1;
    const at = new Date(Date.UTC(2026, 2, 2, 2, 0, 0) + zoomEvents * 1000).toISOString();
    const body = JSON.stringify({
      event: 'meeting.participant_joined',
      event_ts: Date.parse(at),
      payload: {
        object: {
          id: '85746065432',
          uuid: 'bench-instance==',
          start_time: '2026-03-02T02:00:00Z',
          duration: 180,
          participant: { user_id: `u${zoomEvents % 300}`, user_name: 'Peserta', join_time: at },
        },
      },
    });
    const seconds = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', zoomToken).update(`v0:${seconds}:${body}`).digest('hex');
    return fetch(`${base}${configured.data.configureZoomWebhook.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zm-request-timestamp': seconds,
        'x-zm-signature': `v0=${signature}`,
      },
      body,
    });
  },
  204,
);

console.log('');
const [tenant] = await rawRows<{ tenant_id: string }>(
  database.db,
  sql`select tenant_id from xapi_credentials where key = ${credential.key}`,
);
await benchStatements(base, basic, database, tenant!.tenant_id, measure);

started = performance.now();
await app.close();
await database.close();
