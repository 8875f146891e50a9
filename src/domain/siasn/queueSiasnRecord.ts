// Queues a completed enrollment for SIASN: reads what SIASN's training-history form needs
// (person, agency, programme, cohort, and the certificate if one was issued), builds the form
// (siasnBody.ts) and upserts the enrollment's one record as PENDING, in the caller's
// transaction. Re-queueing a record SIASN already has keeps its SIASN id: the next send is
// an update. Certificate issuing calls this in the transaction that issues the certificate.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import type { JejakDb } from '../../db/client.js';
import {
  agencies,
  certificates,
  certificateTemplates,
  cohorts,
  enrollments,
  orgUnits,
  people,
  programs,
  siasnRecords,
  tenants,
  type SiasnRecordRow,
} from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { siasnFormOf } from './siasnBody.js';

export async function queueSiasnRecord(
  tx: JejakDb | JejakTransaction,
  input: { tenantId: string; enrollmentId: string; now?: Date },
): Promise<SiasnRecordRow> {
  const now = input.now ?? new Date();
  const [facts] = await tx
    .select({
      status: enrollments.status,
      personId: people.id,
      nip: people.nip,
      name: people.name,
      pnsOrangId: people.siasnId,
      instansiId: agencies.siasnId,
      jenisDiklatId: programs.siasnJenisDiklatId,
      title: programs.title,
      organiser: programs.organiser,
      templateInstitution: certificateTemplates.institution,
      tenantName: tenants.name,
      certificateNumber: certificates.number,
      certificateJp: certificates.jp,
      programJp: programs.totalJp,
      startDate: cohorts.startDate,
      endDate: cohorts.endDate,
    })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .innerJoin(people, eq(people.id, enrollments.personId))
    .innerJoin(tenants, eq(tenants.id, enrollments.tenantId))
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .leftJoin(agencies, eq(agencies.id, orgUnits.agencyId))
    .leftJoin(certificateTemplates, eq(certificateTemplates.programId, programs.id))
    .leftJoin(
      certificates,
      and(eq(certificates.enrollmentId, enrollments.id), isNull(certificates.revokedAt)),
    )
    .where(and(eq(enrollments.tenantId, input.tenantId), eq(enrollments.id, input.enrollmentId)));
  if (facts === undefined) throw new NotFoundError(`no enrollment ${input.enrollmentId}`);
  if (facts.status !== 'COMPLETED') {
    throw new BadUserInputError(
      `enrollmentId: only a COMPLETED enrollment goes to SIASN (this one is ${facts.status})`,
    );
  }
  const form = siasnFormOf({
    ...facts,
    institution: facts.templateInstitution ?? facts.organiser,
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
