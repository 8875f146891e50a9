// A tenant's certificates as its callers see them: as they see the enrollments (ADMIN and
// ANALYST all, a facilitator their cohorts', a mentor their mentees', a learner their own). ADMIN issues one on demand, revokes, and sets how a programme
// numbers and signs its certificates, and can see the completions still waiting for theirs.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  certificateQueue,
  certificates,
  certificateTemplates,
  programs,
  type CertificateQueueRow,
  type CertificateRow,
  type CertificateTemplateRow,
  type QualificationBand,
} from '../../db/schema/index.js';
import {
  idKey,
  keysetAfter,
  keysetOrder,
  keysetOrderBy,
  keysetPageOf,
  timestampKey,
  type KeysetPage,
  type PageRequest,
} from '../../db/keyset.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { hasRole, requireRole, type Actor } from '../access/actor.js';
import type { ProgramRepository } from '../programs/programRepository.js';
import { defaultNumberPattern, numberPatternProblem } from './certificateNumber.js';
import { issueCertificate, type IssuingContext } from './issueCertificate.js';

export type Certificate = CertificateRow;
export type CertificateTemplate = CertificateTemplateRow;
export type QueuedCertificate = CertificateQueueRow;

const certificateOrder = keysetOrder<Certificate>('certificates', 'ISSUED_AT', 'DESC', [
  timestampKey(certificates.issuedAt, (row) => row.issuedAt),
  idKey(certificates.id, (row) => row.id),
]);

const queueOrder = keysetOrder<QueuedCertificate>('certificateQueue', 'QUEUED_AT', 'ASC', [
  timestampKey(certificateQueue.queuedAt, (row) => row.queuedAt),
  idKey(certificateQueue.enrollmentId, (row) => row.enrollmentId),
]);

export interface CertificateTemplateInput {
  numberPattern?: string | undefined;
  institution?: string | null | undefined;
  signatoryName?: string | null | undefined;
  signatoryTitle?: string | null | undefined;
  signatoryNip?: string | null | undefined;
  signedAt?: string | null | undefined;
  qualificationBands?: QualificationBand[] | null | undefined;
}

export function createCertificateRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
  issuing: IssuingContext,
) {
  const t = actor.tenantId;
  /** A certificate is seen by whoever sees its enrollment (its cohort's staff, the learner). */
  const visible = and(
    eq(certificates.tenantId, t),
    hasRole(actor, 'ADMIN', 'ANALYST')
      ? undefined
      : sql`${certificates.enrollmentId} in ${programsOfActor.visibleEnrollmentIds}`,
  );

  return {
    async list(
      filter: { programId?: string; personId?: string },
      page: PageRequest,
    ): Promise<KeysetPage<Certificate>> {
      const rows = await db
        .select()
        .from(certificates)
        .where(
          and(
            visible,
            filter.programId === undefined
              ? undefined
              : eq(certificates.programId, requireUuid(filter.programId, 'programId')),
            filter.personId === undefined
              ? undefined
              : eq(certificates.personId, requireUuid(filter.personId, 'personId')),
            keysetAfter(certificateOrder, page.after),
          ),
        )
        .orderBy(...keysetOrderBy(certificateOrder))
        .limit(page.first + 1);
      return keysetPageOf(certificateOrder, rows, page.first);
    },

    async byNumber(number: string): Promise<Certificate> {
      const [row] = await db
        .select()
        .from(certificates)
        .where(and(visible, eq(certificates.number, number)));
      if (row === undefined) throw new NotFoundError(`no certificate ${number}`);
      return row;
    },

    /** The certificates, revoked ones too, of these enrollments the caller may see. */
    ofEnrollments(enrollmentIds: readonly string[]): Promise<Certificate[]> {
      if (enrollmentIds.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(certificates)
        .where(and(visible, inArray(certificates.enrollmentId, [...enrollmentIds])));
    },

    async issue(enrollmentId: string): Promise<Certificate> {
      requireRole(actor, 'issuing a certificate', 'ADMIN');
      const certificate = await issueCertificate(
        db,
        issuing,
        t,
        requireUuid(enrollmentId, 'enrollmentId'),
      );
      if (certificate === null) {
        throw new BadUserInputError(
          'enrollmentId: the enrollment is not COMPLETED; certificates are for completed enrollments',
        );
      }
      return certificate;
    },

    async revoke(number: string, reason: string): Promise<Certificate> {
      requireRole(actor, 'revoking a certificate', 'ADMIN');
      const why = reason.trim();
      if (why.length === 0 || why.length > 500)
        throw new BadUserInputError('reason: say why, in 1 to 500 characters');
      const [row] = await db
        .update(certificates)
        .set({ revokedAt: new Date(), revocationReason: why, revokedBy: actor.subject })
        .where(
          and(
            eq(certificates.tenantId, t),
            eq(certificates.number, number),
            isNull(certificates.revokedAt),
          ),
        )
        .returning();
      if (row !== undefined) return row;
      const existing = await this.byNumber(number);
      throw new BadUserInputError(
        `number: certificate ${existing.number} was already revoked on ${existing.revokedAt!.toISOString()}`,
      );
    },

    async setTemplate(
      programId: string,
      input: CertificateTemplateInput,
    ): Promise<CertificateTemplate> {
      requireRole(actor, 'setting certificate templates', 'ADMIN');
      const id = requireUuid(programId, 'programId');
      if (input.numberPattern !== undefined) {
        const problem = numberPatternProblem(input.numberPattern);
        if (problem !== undefined) throw new BadUserInputError(`numberPattern: ${problem}`);
      }
      if (input.qualificationBands != null) bandsProblem(input.qualificationBands);
      const [program] = await db
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.tenantId, t), eq(programs.id, id)));
      if (program === undefined) throw new NotFoundError(`no programme ${programId}`);
      const changes = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      ) as Partial<CertificateTemplate>;
      const [row] = await db
        .insert(certificateTemplates)
        .values({ numberPattern: defaultNumberPattern, ...changes, programId: id, tenantId: t })
        .onConflictDoUpdate({
          target: certificateTemplates.programId,
          set: changes,
          setWhere: eq(certificateTemplates.tenantId, t),
        })
        .returning();
      return row!;
    },

    async templateOf(programId: string): Promise<CertificateTemplate | undefined> {
      const [row] = await db
        .select()
        .from(certificateTemplates)
        .where(
          and(
            eq(certificateTemplates.tenantId, t),
            eq(certificateTemplates.programId, requireUuid(programId, 'programId')),
          ),
        );
      return row;
    },

    /** Completed enrollments still waiting for a certificate, with the last error if any. */
    async queue(page: PageRequest): Promise<KeysetPage<QueuedCertificate>> {
      requireRole(actor, 'reading the certificate queue', 'ADMIN');
      const rows = await db
        .select()
        .from(certificateQueue)
        .where(and(eq(certificateQueue.tenantId, t), keysetAfter(queueOrder, page.after)))
        .orderBy(...keysetOrderBy(queueOrder))
        .limit(page.first + 1);
      return keysetPageOf(queueOrder, rows, page.first);
    },
  };
}

function bandsProblem(bands: QualificationBand[]): void {
  if (bands.length === 0 || bands.length > 10)
    throw new BadUserInputError('qualificationBands: give 1 to 10 bands');
  bands.forEach((band, index) => {
    if (!(band.minScaledScore >= 0 && band.minScaledScore <= 1))
      throw new BadUserInputError(
        `qualificationBands[${index}].minScaledScore: must be within 0..1`,
      );
    if (band.label.trim().length === 0 || band.label.length > 100)
      throw new BadUserInputError(
        `qualificationBands[${index}].label: must be 1 to 100 characters`,
      );
  });
  if (!bands.some((band) => band.minScaledScore === 0))
    throw new BadUserInputError(
      'qualificationBands: one band must start at 0, so every score has a label',
    );
}

export type CertificateRepository = ReturnType<typeof createCertificateRepository>;
