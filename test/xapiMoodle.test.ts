// Moodle's logstore_xapi as a client: every sample statement of the plugin's own tests,
// posted as the plugin posts them (1.0.3, a JSON array, no ids), must be stored with 200.
// The samples live outside this repository (GPL data of the plugin): the test runs when
// JEJAK_MOODLE_FIXTURES or ../shared/fixtures/moodle holds them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/testApp.js';
import { xapiClient } from './support/xapiClient.js';

const fixtures =
  process.env.JEJAK_MOODLE_FIXTURES ?? path.resolve(process.cwd(), '../shared/fixtures/moodle');

function statementFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return statementFiles(full);
    return name === 'statements.json' ? [full] : [];
  });
}

/** The plugin's tests deep-merge each expected statement over common/statement.json. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) merged[key] = deepMerge(merged[key], value);
  return merged;
}

describe.runIf(existsSync(fixtures))('Moodle logstore_xapi samples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('stores every sample batch with 200 and finds it again by actor and activity', async () => {
    const lrs = await xapiClient(t, { version: '1.0.3' });
    const common = JSON.parse(readFileSync(path.join(fixtures, 'common/statement.json'), 'utf8'));
    const files = statementFiles(fixtures);
    expect(files.length).toBeGreaterThan(100);
    // Several sample cases repeat one event word for word (same timestamp and content):
    // those are one statement, with one id.
    const distinctIds = new Set<string>();
    for (const file of files) {
      const batch = (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).map((s) =>
        deepMerge(common, s),
      );
      const response = await lrs.post(batch, '1.0.3');
      expect(response.status, `${path.relative(fixtures, file)}: ${response.text}`).toBe(200);
      expect(response.body).toHaveLength(batch.length);
      for (const id of response.body as string[]) distinctIds.add(id);
    }
    const all = await lrs.get({ limit: '0' }, '1.0.3').expect(200);
    expect(distinctIds.size).toBeGreaterThan(100);
    expect(all.body.statements.length).toBe(Math.min(distinctIds.size, 500));
    for (const statement of all.body.statements) expect(distinctIds.has(statement.id)).toBe(true);
    const first = all.body.statements[0];
    const byActor = await lrs.get(
      { agent: JSON.stringify(first.actor), activity: first.object.id },
      '1.0.3',
    );
    expect(byActor.body.statements.map((s: { id: string }) => s.id)).toContain(first.id);
  });
});
