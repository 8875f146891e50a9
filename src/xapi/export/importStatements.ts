// Loads statements exported by this or another LRS (NDJSON, one statement per line, in the
// order they were stored there) into a tenant: ids kept, stored in the file's order, in
// batches that each commit whole. Voiding comes along by itself: a voiding statement voids
// its target whichever of the two comes first. `stored` and `authority` are this LRS's to
// set, as for any statement it receives. Running the same file again stores nothing twice
// (the ids are known and the statements the same), so an import that stopped can be re-run.
import type { JejakDb } from '../../db/client.js';
import { BadUserInputError } from '../../lib/errors.js';
import { planStatements } from '../statements/planStatements.js';
import { storePlannedStatements } from '../statements/storeStatements.js';
import type { XapiVersion } from '../statements/validateStatement.js';
import { validateStatements } from '../statements/validateStatements.js';
import type { AgentJson, StatementJson } from '../statements/xapiJson.js';

/** Statements per transaction. */
export const importBatchSize = 2000;

export interface ImportInput {
  tenantId: string;
  /** The credential the statements are stored as written by. */
  credentialId: string;
  authority: AgentJson;
  lines: AsyncIterable<string>;
  onProgress?: (imported: number) => void;
}

export interface ImportResult {
  /** Statements read from the file. */
  read: number;
  /** Of those, new to the tenant. */
  inserted: number;
}

export async function importStatements(db: JejakDb, input: ImportInput): Promise<ImportResult> {
  let batch: { statement: unknown; line: number; version: XapiVersion }[] = [];
  const result: ImportResult = { read: 0, inserted: 0 };
  // The batches being stored, at most two: the older one writing, the newer one sent
  // behind it to wait for the tenant's lock in PostgreSQL (so it starts the moment the older
  // one commits) and to commit only if the older one did. The next batch is read, parsed,
  // validated and planned (see planStatements) meanwhile, so Node's work on the file
  // overlaps the database's. Batches take the lock, and commit, in the file's order.
  let older: Promise<void> = Promise.resolve();
  let newer: Promise<void> = Promise.resolve();
  // Resolves once the newer batch holds the tenant's lock (or has ended): the batch after it
  // starts only then, so it cannot take the lock first, store ahead of it and wait on it.
  let newerLocked: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const { version } = batch[0]!;
    const read = result.read;
    let statements: StatementJson[];
    try {
      statements = validateStatements(
        batch.map((entry) => entry.statement),
        version,
        batch.map((entry) => `line ${entry.line}`),
      );
    } finally {
      batch = [];
    }
    const plan = planStatements(db, {
      tenantId: input.tenantId,
      credentialId: input.credentialId,
      authority: input.authority,
      version,
      statements,
    });
    // Awaited below, once the batches before are stored; their errors come first.
    plan.catch(() => undefined);
    await older;
    const previous = newer;
    const previousLocked = newerLocked;
    let lockHeld!: () => void;
    const locked = new Promise<void>((resolve) => (lockHeld = resolve));
    const storing = Promise.all([plan, previousLocked])
      .then(([planned]) =>
        storePlannedStatements(db, planned, { commitAfter: previous, onLocked: lockHeld }),
      )
      .then((stored) => {
        result.inserted += stored.inserted;
        input.onProgress?.(read);
      });
    // Seen at the next flushes or at the end; until then it must not count as unhandled.
    storing.catch(() => undefined);
    storing.finally(lockHeld).catch(() => undefined);
    older = previous;
    newer = storing;
    newerLocked = locked;
  };
  let mistake: unknown;
  try {
    let lineNumber = 0;
    for await (const text of input.lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      let statement: unknown;
      try {
        statement = JSON.parse(text);
      } catch {
        throw new BadUserInputError(`line ${lineNumber}: not JSON`);
      }
      // Each statement is checked by the rules of the version it was stored under; a batch
      // holds statements of one version.
      const version = versionOfStatement(statement);
      if (batch.length > 0 && batch[0]!.version !== version) await flush();
      batch.push({ statement, line: lineNumber, version });
      result.read += 1;
      if (batch.length >= importBatchSize) await flush();
    }
    await flush();
  } catch (error) {
    mistake = error;
  }
  // A mistake further on in the file leaves the batches before it stored, whole: the
  // import can be run again once the file is mended. Both batches end (a newer one rolls
  // back if the older failed) before the first failure in the file's order is thrown.
  const failed = (await Promise.allSettled([older, newer])).find(
    (outcome) => outcome.status === 'rejected',
  );
  if (failed !== undefined) throw failed.reason;
  if (mistake !== undefined) throw mistake;
  return result;
}

function versionOfStatement(statement: unknown): XapiVersion {
  const version = (statement as { version?: unknown } | null)?.version;
  return typeof version === 'string' && version.startsWith('1.0') ? '1.0.3' : '2.0.0';
}
