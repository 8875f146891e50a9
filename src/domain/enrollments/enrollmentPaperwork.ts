// What the paperwork of an enrollment is made of — its certificate and its SIASN record —
// read in one query: the enrollment, its cohort and programme, the person with their OPD and
// agency, the programme's certificate template, and the enrollment's certificate if one is
// issued and not revoked. Both documents read it, so both say the same thing.
import { and, eq, isNull } from 'drizzle-orm';
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
  tenants,
} from '../../db/schema/index.js';

export async function enrollmentPaperwork(
  tx: JejakDb | JejakTransaction,
  tenantId: string,
  enrollmentId: string,
) {
  const [row] = await tx
    .select({
      status: enrollments.status,
      personId: enrollments.personId,
      programId: programs.id,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      program: {
        title: programs.title,
        organiser: programs.organiser,
        learningKind: programs.learningKind,
        siasnJenisDiklatId: programs.siasnJenisDiklatId,
        totalJp: programs.totalJp,
      },
      cohort: {
        startDate: cohorts.startDate,
        endDate: cohorts.endDate,
        location: cohorts.location,
      },
      person: {
        name: people.name,
        nip: people.nip,
        employmentType: people.employmentType,
        birthPlace: people.birthPlace,
        birthDate: people.birthDate,
        rank: people.rank,
        position: people.position,
        siasnId: people.siasnId,
        agency: agencies.name,
        agencySiasnId: agencies.siasnId,
        orgUnit: orgUnits.name,
      },
      template: {
        numberPattern: certificateTemplates.numberPattern,
        institution: certificateTemplates.institution,
        signatoryName: certificateTemplates.signatoryName,
        signatoryTitle: certificateTemplates.signatoryTitle,
        signatoryNip: certificateTemplates.signatoryNip,
        signedAt: certificateTemplates.signedAt,
        qualificationBands: certificateTemplates.qualificationBands,
      },
      certificate: { number: certificates.number, jp: certificates.jp },
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
    .where(and(eq(enrollments.tenantId, tenantId), eq(enrollments.id, enrollmentId)));
  return row;
}

export type EnrollmentPaperwork = NonNullable<Awaited<ReturnType<typeof enrollmentPaperwork>>>;
