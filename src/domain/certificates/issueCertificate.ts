// Issuing: the worker that turns queued completions into certificates, and the one-off issue
// an admin asks for. One certificate per enrollment, in one transaction: take the programme's
// next number, gather what the certificate shows, sign it, store it, take the enrollment off
// the queue, and queue its SIASN record. A failure (the learner's data cannot make a
// certificate, a number taken by another tenant's pattern) is recorded on the queue row and
// retried with backoff.
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  certificateQueue,
  certificates,
  certificateTemplates,
  moduleProgress,
  type CertificateRow,
} from '../../db/schema/index.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { enrollmentPaperwork } from '../enrollments/enrollmentPaperwork.js';
import { queueSiasnRecord } from '../siasn/queueSiasnRecord.js';
import { retryDelayMs } from '../outbox/webhookSigning.js';
import { certificateContent } from './certificateContent.js';
import { certificateUrls } from './certificateUrls.js';
import { newVerificationCode } from './verificationCode.js';
import {
  defaultNumberPattern,
  formatCertificateNumber,
  type NumberParts,
} from './certificateNumber.js';
import type { CertificateSigner } from './certificateSigner.js';

export interface IssuingContext {
  signer: CertificateSigner;
  /** The origin of verification URLs. */
  publicUrl: string;
  logger?: Logger;
}

/** How long a claimed queue row stays claimed if its instance dies mid-issue. */
const claimMs = 120_000;

/** Issues the certificates due now; returns how many were issued. */
export async function issueDueCertificates(
  db: JejakDb,
  context: IssuingContext,
  options: { now?: Date; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ enrollmentId: certificateQueue.enrollmentId })
      .from(certificateQueue)
      .where(lte(certificateQueue.nextAttemptAt, now))
      .orderBy(asc(certificateQueue.nextAttemptAt))
      .limit(options.limit ?? 50)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(certificateQueue)
      .set({
        attempts: sql`${certificateQueue.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + claimMs),
      })
      .where(
        inArray(
          certificateQueue.enrollmentId,
          due.map((row) => row.enrollmentId),
        ),
      )
      .returning();
  });
  let issued = 0;
  for (const entry of claimed) {
    try {
      if ((await issueCertificate(db, context, entry.tenantId, entry.enrollmentId, now)) !== null)
        issued += 1;
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      context.logger?.warn(
        { enrollmentId: entry.enrollmentId, attempt: entry.attempts, error: message },
        'certificate not issued',
      );
      await db
        .update(certificateQueue)
        .set({
          lastError: message,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(entry.attempts)),
        })
        .where(eq(certificateQueue.enrollmentId, entry.enrollmentId));
    }
  }
  return issued;
}

/**
 * Issues the certificate of one completed enrollment of the tenant, or returns the one it
 * has. Returns null (and unqueues it) when the enrollment is no longer completed.
 */
export async function issueCertificate(
  db: JejakDb,
  context: IssuingContext,
  tenantId: string,
  enrollmentId: string,
  now = new Date(),
): Promise<CertificateRow | null> {
  await context.signer.publish(db);
  try {
    return await db.transaction(async (tx) => {
      // A revoked certificate does not count: the enrollment gets a new one, numbered anew.
      const [existing] = await tx
        .select()
        .from(certificates)
        .where(and(eq(certificates.enrollmentId, enrollmentId), isNull(certificates.revokedAt)));
      const sources = existing ? undefined : await enrollmentPaperwork(tx, tenantId, enrollmentId);
      const unqueue = () =>
        tx.delete(certificateQueue).where(eq(certificateQueue.enrollmentId, enrollmentId));
      if (existing !== undefined) {
        await unqueue();
        return existing.tenantId === tenantId ? existing : null;
      }
      if (sources === undefined) throw new NotFoundError(`no enrollment ${enrollmentId}`);
      if (sources.status !== 'COMPLETED') {
        await unqueue();
        return null;
      }
      const number = await nextFreeNumber(
        tx,
        tenantId,
        sources.programId,
        sources.template?.numberPattern ?? defaultNumberPattern,
        { issuedAt: now, tenantSlug: sources.tenantSlug },
      );
      const scores = await tx
        .select({ score: moduleProgress.bestScaledScore })
        .from(moduleProgress)
        .where(
          and(
            eq(moduleProgress.tenantId, tenantId),
            eq(moduleProgress.enrollmentId, enrollmentId),
            sql`${moduleProgress.bestScaledScore} is not null`,
          ),
        );
      const verificationCode = newVerificationCode();
      const content = certificateContent({
        number,
        issuedAt: now,
        verifyUrl: certificateUrls(context.publicUrl, number, verificationCode).verifyUrl,
        verificationCode,
        program: sources.program,
        cohort: sources.cohort,
        person: sources.person,
        template: sources.template ?? noTemplate,
        moduleScores: scores.map((row) => row.score!),
        tenantName: sources.tenantName,
      });
      const [certificate] = await tx
        .insert(certificates)
        .values({
          tenantId,
          number,
          enrollmentId,
          personId: sources.personId,
          programId: sources.programId,
          payload: content,
          jws: await context.signer.sign(content),
          keyId: context.signer.keyId,
          jp: content.jp,
          verificationCode,
          issuedAt: now,
        })
        .returning();
      await unqueue();
      // The training record for SIASN follows the certificate (its number is part of it),
      // queued in the same transaction.
      await queueSiasnRecord(tx, { tenantId, enrollmentId, now });
      return certificate!;
    });
  } catch (error) {
    throw conflictFrom(error, {
      unique:
        "the certificate's number is taken (give the programme's pattern a part of its own, such as {tenant}), or the enrollment was just issued one",
    });
  }
}

const noTemplate = {
  institution: null,
  signatoryName: null,
  signatoryTitle: null,
  signatoryNip: null,
  signedAt: null,
  qualificationBands: null,
};

/**
 * The programme's next number no certificate has yet. Sequences are per programme, numbers
 * unique everywhere: two programmes of a pattern without a part of their own (the default
 * has none) share one series, each taking the next free number.
 */
async function nextFreeNumber(
  tx: JejakDb,
  tenantId: string,
  programId: string,
  pattern: string,
  parts: Omit<NumberParts, 'sequence'>,
): Promise<string> {
  for (let tries = 0; tries < 1000; tries += 1) {
    const number = formatCertificateNumber(pattern, {
      ...parts,
      sequence: await nextSequence(tx, tenantId, programId),
    });
    const [taken] = await tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.number, number));
    if (taken === undefined) return number;
  }
  throw new ConflictError(
    "the programme's certificate number pattern gives only numbers that are taken: give it a part of its own",
  );
}

/** Takes the programme's next sequence number (the row lock orders concurrent issues). */
async function nextSequence(tx: JejakDb, tenantId: string, programId: string): Promise<number> {
  const [row] = await tx
    .insert(certificateTemplates)
    .values({ programId, tenantId, numberPattern: defaultNumberPattern, nextSequence: 2 })
    .onConflictDoUpdate({
      target: certificateTemplates.programId,
      set: { nextSequence: sql`${certificateTemplates.nextSequence} + 1` },
    })
    .returning({ used: sql<number>`${certificateTemplates.nextSequence} - 1` });
  return Number(row!.used);
}
