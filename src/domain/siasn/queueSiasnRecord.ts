// Queues a completed enrollment for SIASN: reads what SIASN's training-history form needs
// (person, agency, programme, cohort, and the certificate if one was issued), builds the form
// (siasnBody.ts) and upserts the enrollment's one record as PENDING, in the caller's
// transaction. Re-queueing a record SIASN already has keeps its SIASN id: the next send is
// an update. Certificate issuing calls this in the transaction that issues the certificate.
import { sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import { siasnRecords, type SiasnRecordRow } from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { enrollmentPaperwork } from '../enrollments/enrollmentPaperwork.js';
import { siasnFormOf } from './siasnBody.js';

export async function queueSiasnRecord(
  tx: JejakDb | JejakTransaction,
  input: { tenantId: string; enrollmentId: string; now?: Date },
): Promise<SiasnRecordRow> {
  const now = input.now ?? new Date();
  const facts = await enrollmentPaperwork(tx, input.tenantId, input.enrollmentId);
  if (facts === undefined) throw new NotFoundError(`no enrollment ${input.enrollmentId}`);
  if (facts.status !== 'COMPLETED') {
    throw new BadUserInputError(
      `enrollmentId: only a COMPLETED enrollment goes to SIASN (this one is ${facts.status})`,
    );
  }
  const form = siasnFormOf({
    nip: facts.person.nip,
    name: facts.person.name,
    pnsOrangId: facts.person.siasnId,
    instansiId: facts.person.agencySiasnId,
    jenisDiklatId: facts.program.siasnJenisDiklatId,
    title: facts.program.title,
    institution: facts.template?.institution ?? facts.program.organiser,
    tenantName: facts.tenantName,
    certificateNumber: facts.certificate?.number ?? null,
    certificateJp: facts.certificate?.jp ?? null,
    programJp: facts.program.totalJp,
    startDate: facts.cohort.startDate,
    endDate: facts.cohort.endDate,
  });
  const values = {
    kind: form.kind,
    nip: form.nip,
    name: form.name,
    pnsOrangId: form.pnsOrangId,
    instansiId: form.instansiId,
    jenisDiklatId: form.jenisDiklatId,
    namaKursus: form.namaKursus,
    institusiPenyelenggara: form.institusiPenyelenggara,
    nomorSertipikat: form.nomorSertipikat,
    jumlahJam: form.jumlahJam,
    startDate: form.startDate,
    endDate: form.endDate,
  };
  const r = siasnRecords;
  const [row] = await tx
    .insert(r)
    .values({
      tenantId: input.tenantId,
      enrollmentId: input.enrollmentId,
      personId: facts.personId,
      ...values,
      status: 'PENDING',
      nextAttemptAt: now,
      queuedAt: now,
    })
    .onConflictDoUpdate({
      target: r.enrollmentId,
      set: {
        ...values,
        status: 'PENDING',
        attempts: 0,
        // A record being sent right now is not sent a second time alongside.
        nextAttemptAt: sql`greatest(${now.toISOString()}::timestamptz, coalesce(${r.claimedUntil}, ${now.toISOString()}::timestamptz))`,
        version: sql`${r.version} + 1`,
        queuedAt: now,
        // SIASN's id belongs to the endpoint it was saved through: a training that moved
        // between kursus and diklat is created anew there, and the old record named.
        siasnRecordId: sql`case when ${r.kind} = ${form.kind} then ${r.siasnRecordId} end`,
        lastError: sql`case when ${r.kind} <> ${form.kind} and ${r.siasnRecordId} is not null
          then 'moved from ' || ${r.kind} || ' to ' || ${form.kind} || ': SIASN record '
            || ${r.siasnRecordId} || ' is no longer updated (remove it in SIASN)' end`,
      },
    })
    .returning();
  return row!;
}
