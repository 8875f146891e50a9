// `npm run bench:exchange`: bulk exchange of learning records. Export: a tenant of
// BENCH_STATEMENTS statements (1,000,000 on PostgreSQL, 100,000 on PGlite), grown in SQL,
// streamed over HTTP by GET /xapi/export, with the process's memory watched while it
// streams. Import: BENCH_IMPORT statements of that export (100,000 on PostgreSQL, 20,000 on
// PGlite) loaded into an empty tenant by importStatements, as `jejak import` does. Figures
// only: nothing here passes or fails.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createInterface } from 'node:readline';
import { importBatchSize, importStatements } from '../src/xapi/export/importStatements.js';
import { authorityOf } from '../src/xapi/statements/authority.js';
import { newBenchTenant, onPostgres, say, startBenchServer } from './benchServer.js';
import { bulkLoad } from './statementsBench.js';

const exportCount = Number(process.env.BENCH_STATEMENTS ?? (onPostgres ? 1_000_000 : 100_000));
const importCount = Number(process.env.BENCH_IMPORT ?? (onPostgres ? 100_000 : 20_000));
const { database, baseUrl, close } = await startBenchServer('exchange');

// Export.
const source = await newBenchTenant(database, 'export');
const loadStarted = performance.now();
await bulkLoad(database, source.tenant.id, exportCount);
say(
  `grew a tenant to ${exportCount.toLocaleString('en')} statements in SQL (${((performance.now() - loadStarted) / 1000).toFixed(0)} s)`,
);
const folder = mkdtempSync(path.join(tmpdir(), 'jejak-exchange-'));
const file = path.join(folder, 'statements.ndjson');
const out = createWriteStream(file);
global.gc?.();
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const started = performance.now();
const response = await fetch(`${baseUrl}/xapi/export`, {
  headers: {
    authorization: source.basic,
    'x-experience-api-version': '1.0.3',
  },
});
let lines = 0;
let bytes = 0;
for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
  bytes += chunk.length;
  const linesBefore = lines;
  for (const byte of chunk) if (byte === 10) lines += 1;
  // Keep only the first statements on disk (whole chunks until the import has its lines,
  // complete): enough to import, without timing the disk.
  if (linesBefore < importCount && !out.write(chunk)) {
    await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, memory.rss);
  peakHeap = Math.max(peakHeap, memory.heapUsed);
}
const exportSeconds = (performance.now() - started) / 1000;
await new Promise<void>((resolve) => out.end(() => resolve()));
say(
  `export: ${lines.toLocaleString('en')} statements (${(bytes / 1e6).toFixed(0)} MB) in ${exportSeconds.toFixed(1)} s: ` +
    `${(lines / exportSeconds).toFixed(0)} statements/s over HTTP; memory during it: heap ` +
    `${(baseline.heapUsed / 1e6).toFixed(0)} → peak ${(peakHeap / 1e6).toFixed(0)} MB, RSS ` +
    `${(baseline.rss / 1e6).toFixed(0)} → peak ${(peakRss / 1e6).toFixed(0)} MB (server and reader in one process)`,
);

// Import.
// Each run's import starts from a checkpoint, rather than during one the growth's writes
// started, or not, depending on how far it had got.
await database.db.execute(sql`checkpoint`);
const target = await newBenchTenant(database, 'import');
const importStarted = performance.now();
const importCpu = process.cpuUsage();
let taken = 0;
async function* firstLines() {
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (taken >= importCount) return;
    if (line === '') continue;
    taken += 1;
    yield line;
  }
}
const result = await importStatements(database.db, {
  tenantId: target.tenant.id,
  credentialId: target.credential.id,
  authority: authorityOf({ ...target.credential, tenantId: target.tenant.id }),
  lines: firstLines(),
});
const importSeconds = (performance.now() - importStarted) / 1000;
const { user, system } = process.cpuUsage(importCpu);
say(
  `import: ${result.inserted.toLocaleString('en')} statements into an empty tenant in ${importSeconds.toFixed(1)} s: ` +
    `${(result.inserted / importSeconds).toFixed(0)} statements/s (batches of ${importBatchSize}, learning projection on); ` +
    `Node's own CPU during it ${((user + system) / 1e6).toFixed(1)} s`,
);
rmSync(folder, { recursive: true, force: true });
await close();
