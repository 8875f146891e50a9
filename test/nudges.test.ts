// Nudges through the outbox: the rule writes a reminder for each learner at risk (once a
// day), and the worker delivers it to the webhook, signed, retrying after the receiver
// first fails, every attempt recorded.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueMessages } from '../src/domain/outbox/deliverOutbox.js';
import { verifySignature } from '../src/domain/outbox/webhookSigning.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { setup, type Setup } from './support/programmeFixture.js';
import { startTestApp, testConfig, type TestApp } from './support/testApp.js';

const serverKey = 'webhook-key-for-tests-0123456789abcdef';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('nudges', () => {
  let t: TestApp;
  let s: Setup;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];

  beforeAll(async () => {
    t = await startTestApp({ outbox: { ...testConfig().outbox, webhookKey: serverKey } });
    s = await setup(t, 2);
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        // The receiver is down the first time.
        response.statusCode = received.length === 1 ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/jejak`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.close();
  });

  it('reminds each learner at risk once a day, and delivers after the receiver first fails', async () => {
    const facilitator = graphqlAs(t, await tokenFor(s.tenant, ['FACILITATOR'], 'sso-facilitator'));
    const read = dataOf(
      await s.admin(
        `query ($c: ID!, $p: ID!) { cohort(id: $c) { enrollments { nodes { id } } } program(id: $p) { modules { id } } }`,
        { c: s.cohortId, p: s.programId },
      ),
    );
    const modules = read.program.modules as { id: string }[];
    // Learner 0 completes every module now: active and on track. Learner 1 never starts.
    for (const module of modules) {
      dataOf(
        await facilitator(
          `mutation ($e: ID!, $m: ID!) { completeModule(input: { enrollmentId: $e, moduleId: $m }) { status } }`,
          { e: read.cohort.enrollments.nodes[0].id, m: module.id },
        ),
      );
    }
    dataOf(
      await s.admin(
        `mutation ($m: ID!) { updateModule(input: { id: $m, dueOffsetDays: 7 }) { id } }`,
        {
          m: modules[0]!.id,
        },
      ),
    );
    expect(
      codeOf(
        await s.admin(
          `mutation { createWebhook(input: { url: "ftp://x", topics: ["nudge.at_risk"] }) { secret } }`,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await s.admin(
          `mutation ($u: String!) { createWebhook(input: { url: $u, topics: ["other"] }) { secret } }`,
          { u: url },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const created = dataOf(
      await s.admin(
        `mutation ($u: String!) { createWebhook(input: { url: $u, topics: ["nudge.at_risk"] }) { secret webhook { id url topics } } }`,
        { u: url },
      ),
    ).createWebhook;
    expect(created.webhook).toMatchObject({ url, topics: ['nudge.at_risk'] });

    const run = `mutation ($c: ID) { runNudges(cohortId: $c) { nudged } }`;
    expect(dataOf(await facilitator(run, { c: s.cohortId })).runNudges).toEqual({ nudged: 1 });
    expect(dataOf(await facilitator(run, { c: s.cohortId })).runNudges).toEqual({ nudged: 0 });
    expect(codeOf(await facilitator(run, {}))).toBe('FORBIDDEN');

    const outbox = `{ outboxMessages { nodes { id topic status attempts payload deliveries { attempt statusCode error } } } }`;
    const [message] = dataOf(await s.admin(outbox)).outboxMessages.nodes;
    expect(message).toMatchObject({
      topic: 'nudge.at_risk',
      status: 'PENDING',
      attempts: 0,
      deliveries: [],
    });
    expect(message.payload).toMatchObject({
      id: message.id,
      topic: 'nudge.at_risk',
      learner: { name: 'Peserta 01' },
      cohort: { id: s.cohortId, name: 'Angkatan I' },
      reasons: [{ kind: 'BEHIND_ON_DUE_MODULES' }, { kind: 'INACTIVE', lastActivityAt: null }],
    });
    expect(message.payload.message).toContain('Halo Peserta 01');

    const now = new Date();
    expect(await deliverDueMessages(t.database.db, { serverKey, now })).toBe(0);
    expect(received).toHaveLength(1);
    const first = received[0]!;
    expect(first.headers['x-jejak-delivery']).toBe(message.id);
    expect(first.headers['x-jejak-topic']).toBe('nudge.at_risk');
    expect(
      verifySignature(
        created.secret,
        first.body,
        String(first.headers['x-jejak-signature']),
        new Date(),
      ),
    ).toBe(true);
    expect(JSON.parse(first.body)).toEqual(message.payload);

    // Not due again before its backoff (30 s) has passed.
    expect(
      await deliverDueMessages(t.database.db, { serverKey, now: new Date(now.getTime() + 10_000) }),
    ).toBe(0);
    expect(received).toHaveLength(1);
    expect(
      await deliverDueMessages(t.database.db, { serverKey, now: new Date(now.getTime() + 31_000) }),
    ).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['x-jejak-delivery']).toBe(message.id);
    expect(received[1]!.body).toBe(first.body);

    const [after] = dataOf(await s.admin(outbox)).outboxMessages.nodes;
    expect(after).toMatchObject({
      status: 'DELIVERED',
      attempts: 2,
      deliveries: [
        { attempt: 1, statusCode: 500, error: 'HTTP 500' },
        { attempt: 2, statusCode: 204, error: null },
      ],
    });
    // Delivered: nothing more goes out.
    expect(
      await deliverDueMessages(t.database.db, {
        serverKey,
        now: new Date(now.getTime() + 3600_000),
      }),
    ).toBe(0);
    expect(received).toHaveLength(2);
  });
});
