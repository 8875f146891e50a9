// Enrolling people in a cohort (ADMIN), one or a list at once: the enrollment rows and
// their xAPI statements ("registered" in the cohort, with the cohort's registration and the
// programme as parent) in one transaction, all or nothing, so the LRS holds the enrolment
// too; what a learner did before being enrolled (in Moodle, say) then counts in the cohort.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { cohorts, enrollments, people } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../db/constraintViolations.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import { cohortActivity, jejakVerbs, programActivity } from '../learningRecords/jejakVocabulary.js';
import { attachEnrollments } from '../learningRecords/projectLearning.js';
import { agentsOfPeople, recordStatements } from '../learningRecords/recordStatements.js';
import type { Enrollment, ProgramRepository } from '../programs/programRepository.js';

/** The most people one call enrolls. */
export const maxEnrollmentsPerCall = 500;

export async function enrollPerson(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
  input: { cohortId: string; personId: string },
): Promise<Enrollment> {
  const [enrollment] = await enrollPeople(db, actor, programsOfActor, {
    cohortId: input.cohortId,
    personIds: [input.personId],
  });
  return enrollment!;
}

export async function enrollPeople(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
  input: { cohortId: string; personIds: string[] },
): Promise<Enrollment[]> {
  requireRole(actor, 'enrolling a person', 'ADMIN');
  const [cohort] = await programsOfActor.cohortsByIds([requireUuid(input.cohortId, 'cohortId')]);
  if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${input.cohortId}`);
  const [program] = await programsOfActor.programsByIds([cohort.programId]);
  if (input.personIds.length === 0) return [];
  if (input.personIds.length > maxEnrollmentsPerCall) {
    throw new BadUserInputError(`personIds: at most ${maxEnrollmentsPerCall} people at once`);
  }
  const personIds = input.personIds.map((id, index) => requireUuid(id, `personIds[${index}]`));
  if (new Set(personIds).size !== personIds.length) {
    throw new BadUserInputError('personIds: a person is listed twice');
  }
  const t = actor.tenantId;
  try {
    return await db.transaction(async (tx) => {
      const found = await tx
        .select()
        .from(people)
        .where(and(eq(people.tenantId, t), inArray(people.id, personIds)));
      const missing = personIds.find((id) => !found.some((person) => person.id === id));
      if (missing !== undefined) throw new NotFoundError(`personId: no person ${missing}`);
      // The cohort row is locked so enrolments (and capacity changes) count one at a time.
      const [locked] = await tx
        .select({ capacity: cohorts.capacity })
        .from(cohorts)
        .where(and(eq(cohorts.tenantId, t), eq(cohorts.id, cohort.id)))
        .for('no key update');
      if (locked === undefined) throw new NotFoundError(`cohortId: no cohort ${input.cohortId}`);
      if (locked.capacity !== null) {
        const [row] = await tx
          .select({ n: count() })
          .from(enrollments)
          .where(and(eq(enrollments.tenantId, t), eq(enrollments.cohortId, cohort.id)));
        if (row!.n + personIds.length > locked.capacity) {
          throw new ConflictError(`the cohort is full (capacity ${locked.capacity})`);
        }
      }
      const rows = await tx
        .insert(enrollments)
        .values(
          personIds.map((personId) => ({
            tenantId: t,
            cohortId: cohort.id,
            personId,
            status: 'ACTIVE',
          })),
        )
        .returning();
      const agents = await agentsOfPeople(tx, t, found);
      await recordStatements(
        tx,
        t,
        rows.map((enrollment) => ({
          actor: agents.get(enrollment.personId)!,
          verb: jejakVerbs.registered,
          object: cohortActivity(cohort),
          context: {
            registration: cohort.registration,
            platform: 'Jejak',
            contextActivities: { parent: [programActivity(program!)] },
          },
          timestamp: enrollment.enrolledAt.toISOString(),
        })),
      );
      // What the learners did before being enrolled (in Moodle, say) now counts here.
      await attachEnrollments(tx, t, personIds);
      // In the order asked.
      return personIds.map((id) => rows.find((row) => row.personId === id)!);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('a person is already enrolled in this cohort');
    throw error;
  }
}
