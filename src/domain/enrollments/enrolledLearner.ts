// The learners a mutation records something about: people enrolled in the cohort, with
// their enrollment (for progress) and their person row (for the statement's actor).
import { and, eq, inArray } from 'drizzle-orm';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { enrollments, people, type PersonRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';

export interface EnrolledLearner {
  person: PersonRow;
  enrollmentId: string;
}

/** Each person enrolled in the cohort, by person id; a NOT_FOUND naming one who is not. */
export async function enrolledLearners(
  tx: JejakTransaction,
  tenantId: string,
  cohortId: string,
  personIds: string[],
  notEnrolled = 'personId: not enrolled in that cohort',
): Promise<Map<string, EnrolledLearner>> {
  const rows =
    personIds.length === 0
      ? []
      : await tx
          .select({ person: people, enrollmentId: enrollments.id })
          .from(enrollments)
          .innerJoin(people, eq(people.id, enrollments.personId))
          .where(
            and(
              eq(enrollments.tenantId, tenantId),
              eq(enrollments.cohortId, cohortId),
              inArray(enrollments.personId, personIds),
            ),
          );
  const found = new Map(rows.map((row) => [row.person.id, row]));
  const missing = personIds.find((id) => !found.has(id));
  if (missing !== undefined) throw new NotFoundError(`${notEnrolled} (${missing})`);
  return found;
}

export async function enrolledLearner(
  tx: JejakTransaction,
  tenantId: string,
  cohortId: string,
  personId: string,
  notEnrolled?: string,
): Promise<EnrolledLearner> {
  return (await enrolledLearners(tx, tenantId, cohortId, [personId], notEnrolled)).get(personId)!;
}
