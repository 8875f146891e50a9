// The learner a mutation records something about: a person enrolled in the cohort, with
// their enrollment (for progress) and their person row (for the statement's actor).
import { and, eq } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { enrollments, people, type PersonRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';

export async function enrolledLearner(
  tx: JejakTransaction,
  tenantId: string,
  cohortId: string,
  personId: string,
  notEnrolled = 'personId: not enrolled in that cohort',
): Promise<{ person: PersonRow; enrollmentId: string }> {
  const [learner] = await tx
    .select({ person: people, enrollmentId: enrollments.id })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(
      and(
        eq(enrollments.tenantId, tenantId),
        eq(enrollments.cohortId, cohortId),
        eq(enrollments.personId, personId),
      ),
    );
  if (learner === undefined) throw new NotFoundError(notEnrolled);
  return learner;
}
