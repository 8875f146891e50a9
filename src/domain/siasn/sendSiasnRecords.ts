// The SIASN worker: claims due records of tenants that configured SIASN (FOR UPDATE SKIP
// LOCKED, so instances never send one record twice at once), posts each to
// `<baseUrl>/kursus/save` or `/diklat/save` with the agency's two tokens, records the call,
// and keeps the id SIASN answers with. Server errors, timeouts and `success: false` are
// retried with backoff until the tenant's attempts run out (FAILED); 401/403 and unreadable
// tokens wait for fresh tokens without ever giving up; a record SIASN cannot take as it is
// (missing SIASN ids, another 4xx) fails at once, its reason visible.
import { and, eq, exists, inArray, lte, sql } from 'drizzle-orm';
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
  readSiasnAnswer,
  siasnBody,
  siasnPath,
  siasnProblems,
  type SiasnForm,
} from './siasnBody.js';

export interface SiasnSendOptions {
  /** JEJAK_SECRETS_KEY: the tokens are sealed with it. */
  secretsKey: string | undefined;
  /** Retryable failures after which a record is given up. */
  maxAttempts: number;
  now?: Date;
  /** Records claimed per run. */
  limit?: number;
  timeoutMs?: number;
  logger?: Logger;
}

/** Purpose of the sealed tokens (see lib/secretBox.ts); the owner is the tenant id. */
export const siasnTokenPurpose = 'siasn-tokens';

/** How long a claimed record stays claimed if its instance dies mid-call. */
const claimMs = 120_000;

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

/** Sends the records due now. */
export async function sendDueSiasnRecords(
  db: JejakDb,
  options: SiasnSendOptions,
): Promise<SiasnSendRun> {
  const now = options.now ?? new Date();
  const r = siasnRecords;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: r.id })
      .from(r)
      .where(
        and(
          eq(r.status, 'PENDING'),
          lte(r.nextAttemptAt, now),
          exists(
            tx
              .select({ one: sql`1` })
              .from(siasnSettings)
              .where(eq(siasnSettings.tenantId, r.tenantId)),
          ),
        ),
      )
      .orderBy(r.nextAttemptAt)
      .limit(options.limit ?? 50)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const until = new Date(now.getTime() + claimMs);
    return tx
      .update(r)
      .set({ nextAttemptAt: until, claimedUntil: until })
      .where(
        inArray(
          r.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });

  const settingsOf = new Map<string, SiasnSettingsRow | undefined>();
  /** Tenants whose tokens SIASN refused in this run: their other records wait, uncalled. */
  const refused = new Map<string, Date>();
  let sent = 0;
  for (const record of claimed) {
    const waitUntil = refused.get(record.tenantId);
    if (waitUntil !== undefined) {
      await db
        .update(r)
        .set({ nextAttemptAt: waitUntil, claimedUntil: null })
        .where(and(eq(r.id, record.id), eq(r.version, record.version)));
      continue;
    }
    if (!settingsOf.has(record.tenantId)) {
      const [row] = await db
        .select()
        .from(siasnSettings)
        .where(eq(siasnSettings.tenantId, record.tenantId));
      settingsOf.set(record.tenantId, row);
    }
    const outcome = await send(record, settingsOf.get(record.tenantId), options);
    if (outcome.verdict === 'SENT') sent += 1;
    const nextAttemptAt = await settle(db, record, outcome, now, options.maxAttempts);
    if (outcome.verdict === 'AUTH' && nextAttemptAt !== undefined)
      refused.set(record.tenantId, nextAttemptAt);
    if (outcome.verdict !== 'SENT') {
      options.logger?.warn(
        {
          siasnRecordId: record.id,
          enrollmentId: record.enrollmentId,
          attempt: record.attempts + 1,
          status: outcome.statusCode,
          error: outcome.error,
        },
        'SIASN sync failed',
      );
    }
  }
  return { claimed: claimed.length, sent };
}

/** Records the attempt and the record's next state; the next attempt's time if any. */
async function settle(
  db: JejakDb,
  record: SiasnRecordRow,
  outcome: Outcome,
  now: Date,
  maxAttempts: number,
): Promise<Date | undefined> {
  const r = siasnRecords;
  const attempts = record.attempts + 1;
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
  let nextAttemptAt: Date | undefined;
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
    change = { status: 'FAILED', lastError: outcome.error };
  } else {
    nextAttemptAt = retryAt;
    change = { nextAttemptAt: retryAt, lastError: outcome.error };
  }
  await db.transaction(async (tx) => {
    await tx.insert(siasnAttempts).values({
      tenantId: record.tenantId,
      recordId: record.id,
      attempt: attempts,
      endpoint: outcome.endpoint,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: outcome.durationMs,
      at: now,
    });
    const updated = await tx
      .update(r)
      .set({ ...change, attempts, claimedUntil: null })
      .where(and(eq(r.id, record.id), eq(r.version, record.version)))
      .returning({ id: r.id });
    if (updated.length === 0) {
      // Queued again while this call ran: its new state stands, but an id SIASN just gave
      // is kept, so the next send updates that record instead of creating another.
      const id = outcome.verdict === 'SENT' ? outcome.siasnRecordId : null;
      await tx
        .update(r)
        .set({
          claimedUntil: null,
          ...(id ? { siasnRecordId: sql`coalesce(${r.siasnRecordId}, ${id})` } : {}),
        })
        .where(eq(r.id, record.id));
    }
  });
  return nextAttemptAt;
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
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${settings.baseUrl}${endpoint}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        // As SIASN's observed clients send them: the OAuth client token, the operator's SSO token.
        auth: `bearer ${tokens.client}`,
        authorization: `Bearer ${tokens.sso}`,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      verdict: 'RETRY',
      endpoint,
      statusCode: null,
      error: timedOut
        ? `SIASN did not answer within ${timeoutMs} ms`
        : `SIASN could not be reached: ${clip(causeOf(error), 300)}`,
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
    if (typeof parsed?.message === 'string') return clip(parsed.message, 300);
  } catch {
    // Not JSON: a gateway's page.
  }
  return clip(text.trim(), 200);
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error as Error).message;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
