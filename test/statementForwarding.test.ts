// Statement forwarding: statements posted to the LRS reach the tenant's webhooks of the
// xapi.statement topic whose filter they match (verb, activity IRI prefix, actor), signed,
// with their id in the body and in X-Jejak-Statement-Id, and again after a receiver fails.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueMessages } from '../src/domain/outbox/deliverOutbox.js';
import { verifySignature } from '../src/domain/outbox/webhookSigning.js';
import { codeOf, dataOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { createTestTenant, startTestApp, testConfig, type TestApp } from './support/testApp.js';
import {
  activity,
  learner,
  statement,
  verbs,
  xapiClient,
  type XapiClient,
} from './support/xapiClient.js';

const serverKey = 'webhook-key-for-tests-0123456789abcdef';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: { id: string; topic: string; statementId: string; statement: Record<string, unknown> };
}

describe('statement forwarding', () => {
  let t: TestApp;
  let lrs: XapiClient;
  let admin: ReturnType<typeof graphqlAs>;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Paths whose receiver answers 500 for now. */
  const down = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp({ outbox: { ...testConfig().outbox, webhookKey: serverKey } });
    const tenant = await createTestTenant(t.database);
    lrs = await xapiClient(t, { tenant });
    admin = graphqlAs(t, await tokenFor(tenant, ['ADMIN']));
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const path = request.url ?? '';
        received.push({ path, headers: request.headers, body, json: JSON.parse(body) });
        response.statusCode = down.has(path) ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.close();
  });

  const createWebhook = (path: string, topics: string[], statementFilter?: unknown) =>
    admin(
      `mutation ($input: CreateWebhookInput!) {
        createWebhook(input: $input) { secret webhook { id topics statementFilter { verb activityIriPrefix actorKey } } } }`,
      { input: { url: `${base}${path}`, topics, statementFilter } },
    );
  const arrivedAt = (path: string) =>
    received.filter((entry) => entry.path === path).map((entry) => entry.json.statementId);

  it('refuses a filter it cannot use, with a clear message', async () => {
    const bad = await createWebhook('/bad', ['xapi.statement'], { verb: 'completed' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/^statementFilter.verb: must be an IRI/);
    const empty = await createWebhook('/bad', ['xapi.statement'], {});
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0]!.message).toMatch(/name at least one of verb, activityIriPrefix/);
    const actor = await createWebhook('/bad', ['xapi.statement'], { actor: 'somebody' });
    expect(codeOf(actor)).toBe('BAD_USER_INPUT');
    expect(actor.errors![0]!.message).toMatch(/^statementFilter.actor: must be an Agent as JSON/);
    const wrongTopic = await createWebhook('/bad', ['nudge.at_risk'], { verb: verbs.completed });
    expect(codeOf(wrongTopic)).toBe('BAD_USER_INPUT');
    expect(wrongTopic.errors![0]!.message).toMatch(/only a webhook of the xapi.statement topic/);
    expect(dataOf(await admin(`{ webhooks { nodes { id } } }`)).webhooks.nodes).toEqual([]);
  });

  it('delivers each stored statement to the webhooks it matches, at least once', async () => {
    const ani = learner('199001012015011001');
    const budi = learner('199202022016021002');
    const quizPrefix = 'https://lms.bpsdm.example.go.id/mod/quiz/';
    const byVerb = dataOf(
      await createWebhook('/verb', ['xapi.statement'], { verb: verbs.completed }),
    ).createWebhook;
    expect(byVerb.webhook.statementFilter).toEqual({
      verb: verbs.completed,
      activityIriPrefix: null,
      actorKey: null,
    });
    dataOf(await createWebhook('/activity', ['xapi.statement'], { activityIriPrefix: quizPrefix }));
    const byActor = dataOf(
      await createWebhook('/actor', ['xapi.statement'], { actor: JSON.stringify(ani) }),
    ).createWebhook;
    expect(byActor.webhook.statementFilter.actorKey).toBe(
      `account:${JSON.stringify([ani.account.homePage, ani.account.name])}`,
    );
    // The same actor named by its agent key, together with a verb.
    dataOf(
      await createWebhook('/actor-key-verb', ['xapi.statement'], {
        actor: `account:${JSON.stringify([budi.account.homePage, budi.account.name])}`,
        verb: verbs.completed,
      }),
    );
    const all = dataOf(await createWebhook('/all', ['xapi.statement'])).createWebhook;
    expect(all.webhook.statementFilter).toBeNull();
    dataOf(await createWebhook('/nudges', ['nudge.at_risk']));
    const disabled = dataOf(await createWebhook('/disabled', ['xapi.statement'])).createWebhook;
    dataOf(
      await admin(`mutation ($id: ID!) { disableWebhook(id: $id) { disabledAt } }`, {
        id: disabled.webhook.id,
      }),
    );

    const aniQuiz = statement({ actor: ani, object: activity('/mod/quiz/view.php?id=7') });
    const aniPage = statement({
      actor: ani,
      verb: { id: verbs.viewed },
      object: activity('/mod/page/view.php?id=1'),
      context: { contextActivities: { parent: [activity('/mod/quiz/view.php?id=7')] } },
    });
    const budiQuiz = statement({
      actor: budi,
      verb: { id: verbs.attempted },
      object: activity('/mod/quiz/view.php?id=8'),
    });
    const budiPage = statement({ actor: budi, object: activity('/mod/page/view.php?id=2') });
    expect((await lrs.post([aniQuiz, aniPage, budiQuiz, budiPage])).status).toBe(200);
    // A voiding statement is a statement too: forwarded where it matches by itself.
    const voiding = {
      id: randomUUID(),
      actor: { mbox: 'mailto:admin@bpsdm.example.go.id' },
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: budiQuiz.id },
    };
    expect((await lrs.post(voiding)).status).toBe(200);
    // Sent again: stored once, so forwarded once.
    expect((await lrs.post([aniQuiz])).status).toBe(200);

    const outbox = dataOf(await admin(`{ outboxMessages(first: 100) { nodes { topic } } }`));
    expect(outbox.outboxMessages.nodes).toHaveLength(2 + 2 + 2 + 1 + 5);

    down.add('/all');
    const now = new Date();
    expect(await deliverDueMessages(t.database.db, { serverKey, now })).toBe(7);
    expect(arrivedAt('/verb').sort()).toEqual([aniQuiz.id, budiPage.id].sort());
    expect(arrivedAt('/activity').sort()).toEqual([aniQuiz.id, budiQuiz.id].sort());
    expect(arrivedAt('/actor').sort()).toEqual([aniQuiz.id, aniPage.id].sort());
    expect(arrivedAt('/actor-key-verb')).toEqual([budiPage.id]);
    const allIds = [aniQuiz.id, aniPage.id, budiQuiz.id, budiPage.id, voiding.id];
    expect(arrivedAt('/all').sort()).toEqual([...allIds].sort());
    expect(arrivedAt('/nudges')).toEqual([]);
    expect(arrivedAt('/disabled')).toEqual([]);

    // What arrives: the statement as stored, its id in the body and in a header, signed.
    const first = received.find((entry) => entry.path === '/verb')!;
    expect(first.headers['x-jejak-topic']).toBe('xapi.statement');
    expect(first.headers['x-jejak-statement-id']).toBe(first.json.statementId);
    expect(first.headers['x-jejak-delivery']).toBe(first.json.id);
    expect(
      verifySignature(byVerb.secret, first.body, String(first.headers['x-jejak-signature']), now),
    ).toBe(true);
    const stored = await lrs.get({ statementId: first.json.statementId, format: 'exact' });
    expect(stored.status).toBe(200);
    expect(first.json.statement).toEqual(stored.body);
    const voidingArrived = received.find((entry) => entry.json.statementId === voiding.id)!;
    expect(voidingArrived.json.statement).toMatchObject({
      verb: { id: verbs.voided },
      object: { objectType: 'StatementRef', id: budiQuiz.id },
    });

    // The receiver that failed gets every statement again, with the same ids.
    const firstRound = received.filter((entry) => entry.path === '/all');
    down.delete('/all');
    received.length = 0;
    expect(
      await deliverDueMessages(t.database.db, { serverKey, now: new Date(now.getTime() + 31_000) }),
    ).toBe(5);
    expect(received.every((entry) => entry.path === '/all')).toBe(true);
    expect(arrivedAt('/all').sort()).toEqual([...allIds].sort());
    for (const again of received) {
      const before = firstRound.find((entry) => entry.json.statementId === again.json.statementId)!;
      expect(again.headers['x-jejak-statement-id']).toBe(before.headers['x-jejak-statement-id']);
      expect(again.headers['x-jejak-delivery']).toBe(before.headers['x-jejak-delivery']);
      expect(again.body).toBe(before.body);
    }
    // Delivered: nothing more goes out.
    expect(
      await deliverDueMessages(t.database.db, {
        serverKey,
        now: new Date(now.getTime() + 3600_000),
      }),
    ).toBe(0);
  });
});
