// The SIASN worker: for each tenant that configured SIASN (its records alone, through the
// per-tenant queue index; records of tenants without a connection are never read), claims
// one due record at a time just before calling SIASN (FOR UPDATE SKIP LOCKED), for the
// call's timeout and a margin, so no other worker sends it meanwhile. Posts it to
// `<baseUrl>/kursus/save` or `/diklat/save` with the agency's two tokens, records the call,
// and keeps the id SIASN answers with. Server errors, timeouts and `success: false` are
// retried with backoff until the tenant's attempts run out (FAILED); 401/403 and unreadable
// tokens wait for fresh tokens without ever giving up; a record SIASN cannot take as it is
// (missing SIASN ids, another 4xx) fails at once, its reason visible.
import { randomUUID } from 'node:crypto';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  siasnAttempts,
  siasnRecords,
  siasnSettings,
  type SiasnRecordRow,
  type SiasnSettingsRow,
} from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';
import { openSecret } from '../../lib/secretBox.js';
import { retryDelayMs } from '../outbox/webhookSigning.js';
import {
  checkSiasnBaseUrl,
  InternalAddressError,
  resolveWithSystem,
  type ResolveHost,
} from './siasnBaseUrl.js';
import { postToSiasn, SiasnTimeoutError } from './siasnHttp.js';
import {
  clip,
  readSiasnAnswer,
  siasnBody,
  siasnExcerpt,
  siasnPath,
  siasnProblems,
  type SiasnForm,
} from './siasnBody.js';

export interface SiasnSendOptions {
  /** JEJAK_SECRETS_KEY: the tokens are sealed with it. */
  secretsKey: string | undefined;
  /** Retryable failures after which a record is given up. */
  maxAttempts: number;
  /** A fixed clock (tests); otherwise the time when each step runs. */
  now?: Date;
  /** Records claimed per run. */
  limit?: number;
  timeoutMs?: number;
  logger?: Logger;
  /** How host names are resolved as a call connects: the system's resolver unless a test's. */
  resolveHost?: ResolveHost;
}

/** How long a call to SIASN may take, unless the options say otherwise. */
const defaultTimeoutMs = 30_000;

/** Purpose of the sealed tokens (see lib/secretBox.ts); the owner is the tenant id. */
export const siasnTokenPurpose = 'siasn-tokens';

/** How long a claim outlives its call's timeout: time to read the answer and settle. */
const claimMarginMs = 60_000;

/** Bytes of SIASN's answer read at most; a longer one is cut (and is then not JSON). */
const answerBytes = 64 * 1024;

/** The longest `lastError` (and attempt error) stored. */
export const siasnErrorLength = 200;

type Verdict = 'SENT' | 'RETRY' | 'AUTH' | 'GIVE_UP';

interface Outcome {
  verdict: Verdict;
  endpoint: string | null;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  siasnRecordId?: string | null;
}

export interface SiasnSendRun {
  claimed: number;
  sent: number;
}

/**
 * Sends the records due now, a tenant's at a time in turn so one tenant's backlog does
 * not hold the others back. A record's failure to settle is logged and leaves the rest of
 * the run going (the record is tried again when its claim ends).
 */
export async function sendDueSiasnRecords(
  db: JejakDb,
  options: SiasnSendOptions,
): Promise<SiasnSendRun> {
  const clock = () => options.now ?? new Date();
  const limit = options.limit ?? 50;
  let tenants = await tenantsWithDueRecords(db, clock());
  let claimed = 0;
  let sent = 0;
  while (tenants.length > 0 && claimed < limit) {
    const again: string[] = [];
    for (const tenantId of tenants) {
      if (claimed >= limit) break;
      const record = await claimNext(db, tenantId, clock(), options.timeoutMs ?? defaultTimeoutMs);
      if (record === undefined) continue;
      claimed += 1;
      try {
        const verdict = await sendOne(db, record, clock, options);
        if (verdict === 'SENT') sent += 1;
        // Tokens refused: the tenant's other records wait, uncalled.
        if (verdict !== 'AUTH') again.push(tenantId);
      } catch (error) {
        options.logger?.error(
          { err: error, siasnRecordId: record.id, enrollmentId: record.enrollmentId },
          'SIASN record not settled: it is tried again when its claim ends',
        );
        again.push(tenantId);
      }
    }
    tenants = again;
  }
  return { claimed, sent };
}

/**
 * Tenants that configured SIASN and have records due: one index probe each, driven from
 * siasn_settings (a lateral LIMIT 1, so the planner cannot start from the records instead
 * and walk those of tenants without a connection).
 */
async function tenantsWithDueRecords(db: JejakDb, now: Date): Promise<string[]> {
  const r = siasnRecords;
  const due = db
    .select({ one: sql`1`.as('one') })
    .from(r)
    .where(
      and(
        eq(r.tenantId, siasnSettings.tenantId),
        eq(r.status, 'PENDING'),
        lte(r.nextAttemptAt, now),
      ),
    )
    .limit(1)
    .as('due');
  const rows = await db
    .select({ tenantId: siasnSettings.tenantId })
    .from(siasnSettings)
    .crossJoinLateral(due)
    .orderBy(siasnSettings.tenantId);
  return rows.map((row) => row.tenantId);
}

/**
 * Claims the tenant's next due record for one call: until the call's timeout and a margin
 * have passed, no worker takes it again and re-queueing does not make it due.
 */
async function claimNext(
  db: JejakDb,
  tenantId: string,
  now: Date,
  timeoutMs: number,
): Promise<SiasnRecordRow | undefined> {
  const r = siasnRecords;
  const until = new Date(now.getTime() + timeoutMs + claimMarginMs);
  const next = db
    .select({ id: r.id })
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.status, 'PENDING'), lte(r.nextAttemptAt, now)))
    .orderBy(r.nextAttemptAt)
    .limit(1)
    .for('update', { skipLocked: true });
  const [record] = await db
    .update(r)
    .set({ claimedUntil: until, nextAttemptAt: until, claimToken: randomUUID() })
    .where(eq(r.id, sql`(${next})`))
    .returning();
  return record;
}

/** Calls SIASN for one claimed record and settles it; the call's verdict. */
async function sendOne(
  db: JejakDb,
  record: SiasnRecordRow,
  clock: () => Date,
  options: SiasnSendOptions,
): Promise<Verdict> {
  const r = siasnRecords;
  const [settings] = await db
    .select()
    .from(siasnSettings)
    .where(eq(siasnSettings.tenantId, record.tenantId));
  const outcome = await send(record, settings, options);
  const now = clock();
  const settled = await settle(db, record, outcome, now, options.maxAttempts);
  const facts = {
    siasnRecordId: record.id,
    enrollmentId: record.enrollmentId,
    attempt: record.attempts + 1,
    status: outcome.statusCode,
    error: outcome.error,
  };
  if (settled === 'GONE') {
    options.logger?.warn(
      { ...facts, rwId: outcome.siasnRecordId ?? record.siasnRecordId },
      'SIASN record deleted while it was being sent: its call is not recorded',
    );
  } else if (settled === 'CLAIM_LOST') {
    options.logger?.warn(facts, 'SIASN record claimed by another worker before its call ended');
  }
  if (outcome.verdict === 'AUTH') {
    await db
      .update(r)
      .set({ nextAttemptAt: new Date(now.getTime() + retryDelayMs(record.attempts + 1)) })
      .where(
        and(eq(r.tenantId, record.tenantId), eq(r.status, 'PENDING'), lte(r.nextAttemptAt, now)),
      );
  }
  if (outcome.verdict !== 'SENT') options.logger?.warn(facts, 'SIASN sync failed');
  return outcome.verdict;
}

type Settled = 'SETTLED' | 'REQUEUED' | 'CLAIM_LOST' | 'GONE';

/**
 * Records the attempt and the record's next state, if the record is still there and still
 * this worker's claim. Queued again during the call, the new state stands, but an id SIASN
 * just gave is kept, so the next send updates that record instead of creating another.
 */
async function settle(
  db: JejakDb,
  record: SiasnRecordRow,
  outcome: Outcome,
  now: Date,
  maxAttempts: number,
): Promise<Settled> {
  const r = siasnRecords;
  const attempts = record.attempts + 1;
  const error = outcome.error === null ? null : clip(outcome.error, siasnErrorLength);
  let change: Partial<SiasnRecordRow>;
  if (outcome.verdict === 'SENT') {
    change = {
      status: 'SENT',
      sentAt: now,
      lastError: null,
      siasnRecordId: outcome.siasnRecordId ?? record.siasnRecordId,
    };
  } else if (
    outcome.verdict === 'GIVE_UP' ||
    (outcome.verdict === 'RETRY' && attempts >= maxAttempts)
  ) {
    change = { status: 'FAILED', lastError: error };
  } else {
    change = { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)), lastError: error };
  }
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        version: r.version,
        claimToken: r.claimToken,
        kind: r.kind,
        siasnRecordId: r.siasnRecordId,
      })
      .from(r)
      .where(eq(r.id, record.id))
      .for('update');
    // Deleted meanwhile (erasure, the enrollment removed): nothing left to record it on.
    if (current === undefined) return 'GONE';
    await tx.insert(siasnAttempts).values({
      tenantId: record.tenantId,
      recordId: record.id,
      attempt: attempts,
      endpoint: outcome.endpoint,
      statusCode: outcome.statusCode,
      error,
      durationMs: outcome.durationMs,
      at: now,
    });
    const ours = current.claimToken === record.claimToken;
    if (ours && current.version === record.version) {
      await tx
        .update(r)
        .set({ ...change, attempts, claimedUntil: null, claimToken: null })
        .where(eq(r.id, record.id));
      return 'SETTLED';
    }
    const given = outcome.verdict === 'SENT' ? (outcome.siasnRecordId ?? null) : null;
    const keep: Partial<SiasnRecordRow> = {};
    if (given !== null && current.siasnRecordId === null) {
      if (current.kind === record.kind) keep.siasnRecordId = given;
      else
        keep.lastError = `moved from ${record.kind} to ${current.kind}: SIASN record ${given} is no longer updated (remove it in SIASN)`;
    }
    // Re-queued while this claim held: due as soon as the call is over.
    const release = ours
      ? {
          claimedUntil: null,
          claimToken: null,
          nextAttemptAt: sql`least(${r.nextAttemptAt}, ${now.toISOString()}::timestamptz)`,
        }
      : {};
    if (Object.keys(keep).length + Object.keys(release).length > 0)
      await tx
        .update(r)
        .set({ ...keep, ...release })
        .where(eq(r.id, record.id));
    return ours ? 'REQUEUED' : 'CLAIM_LOST';
  });
}

async function send(
  record: SiasnRecordRow,
  settings: SiasnSettingsRow | undefined,
  options: SiasnSendOptions,
): Promise<Outcome> {
  const form = formOfRecord(record);
  const endpoint = siasnPath(form.kind);
  const problems = siasnProblems(form);
  if (problems.length > 0) {
    return {
      verdict: 'GIVE_UP',
      endpoint: null,
      statusCode: null,
      error: `not sent: ${problems.join('; ')}`,
      durationMs: 0,
    };
  }
  if (settings === undefined) {
    return {
      verdict: 'AUTH',
      endpoint: null,
      statusCode: null,
      error: 'SIASN is not configured for this tenant',
      durationMs: 0,
    };
  }
  try {
    // Stored before the rules of siasnBaseUrl.ts, it may be one they refuse.
    checkSiasnBaseUrl(settings.baseUrl);
  } catch (error) {
    return {
      verdict: 'AUTH',
      endpoint: null,
      statusCode: null,
      error: `not sent: ${(error as Error).message}; configure SIASN again`,
      durationMs: 0,
    };
  }
  let tokens: { client: string; sso: string };
  try {
    if (options.secretsKey === undefined) throw new Error('the server has no JEJAK_SECRETS_KEY');
    tokens = {
      client: openSecret(
        options.secretsKey,
        siasnTokenPurpose,
        record.tenantId,
        settings.clientTokenSealed,
      ),
      sso: openSecret(
        options.secretsKey,
        siasnTokenPurpose,
        record.tenantId,
        settings.ssoTokenSealed,
      ),
    };
  } catch (error) {
    return {
      verdict: 'AUTH',
      endpoint: null,
      statusCode: null,
      error: `cannot read the SIASN tokens (${(error as Error).message}): configure SIASN again`,
      durationMs: 0,
    };
  }
  const body = JSON.stringify(siasnBody(form, record.siasnRecordId));
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let status: number;
  let text: string;
  try {
    ({ status, text } = await postToSiasn(`${settings.baseUrl}${endpoint}`, {
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        // As SIASN's observed clients send them: the OAuth client token, the operator's SSO token.
        auth: `bearer ${tokens.client}`,
        authorization: `Bearer ${tokens.sso}`,
      },
      body,
      timeoutMs,
      answerBytes,
      resolve: options.resolveHost ?? resolveWithSystem,
    }));
  } catch (error) {
    if (error instanceof InternalAddressError) {
      return {
        verdict: 'AUTH',
        endpoint: null,
        statusCode: null,
        error: `not sent: ${error.message}; configure SIASN again`,
        durationMs: elapsed(),
      };
    }
    return {
      verdict: 'RETRY',
      endpoint,
      statusCode: null,
      error:
        error instanceof SiasnTimeoutError
          ? `SIASN did not answer within ${timeoutMs} ms`
          : `SIASN could not be reached: ${clip((error as Error).message, 120)}`,
      durationMs: elapsed(),
    };
  }
  const base = { endpoint, statusCode: status, durationMs: elapsed() };
  if (status >= 200 && status < 300) {
    const answer = readSiasnAnswer(form.kind, text);
    if (!answer.ok) return { ...base, verdict: 'RETRY', error: answer.error };
    if (answer.siasnRecordId === null && record.siasnRecordId === null) {
      return {
        ...base,
        verdict: 'GIVE_UP',
        error: `SIASN saved the record but gave no id (mapData.${form.kind === 'DIKLAT' ? 'rwDiklatId' : 'rwKursusId'}): check SIASN before sending it again, or it is saved twice`,
      };
    }
    return { ...base, verdict: 'SENT', error: null, siasnRecordId: answer.siasnRecordId };
  }
  const said = messageOf(text);
  const error = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status === 401 || status === 403) {
    return {
      ...base,
      verdict: 'AUTH',
      error: `${error} (SIASN refused the tokens: configure fresh ones with configureSiasn)`,
    };
  }
  if (status === 408 || status === 429 || status >= 500)
    return { ...base, verdict: 'RETRY', error };
  return { ...base, verdict: 'GIVE_UP', error };
}

/** A stored record as the form it was built from. */
export function formOfRecord(record: SiasnRecordRow): SiasnForm {
  return {
    kind: record.kind === 'DIKLAT' ? 'DIKLAT' : 'KURSUS',
    nip: record.nip,
    name: record.name,
    pnsOrangId: record.pnsOrangId,
    instansiId: record.instansiId,
    jenisDiklatId: record.jenisDiklatId,
    namaKursus: record.namaKursus,
    institusiPenyelenggara: record.institusiPenyelenggara,
    nomorSertipikat: record.nomorSertipikat,
    jumlahJam: record.jumlahJam,
    startDate: record.startDate,
    endDate: record.endDate,
  };
}

/** SIASN's `message`, or the start of a body that is not JSON. */
function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed?.message === 'string') return siasnExcerpt(parsed.message, 100);
  } catch {
    // Not JSON: a gateway's page.
  }
  return siasnExcerpt(text, 80);
}
