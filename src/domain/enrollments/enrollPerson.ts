// Enrolling a person in a cohort (ADMIN): the enrollment row and its xAPI statement
// ("registered" in the cohort, with the cohort's registration and the programme as parent)
// in one transaction, so the LRS holds the enrolment too.
import { and, count, eq } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { cohorts, enrollments, people } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../db/constraintViolations.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { requireRole, type Actor } from '../access/actor.js';
import { cohortActivity, jejakVerbs, programActivity } from '../learningRecords/jejakVocabulary.js';
import { attachEnrollments } from '../learningRecords/projectLearning.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { Enrollment, ProgramRepository } from '../programs/programRepository.js';

export async function enrollPerson(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
  input: { cohortId: string; personId: string },
): Promise<Enrollment> {
  requireRole(actor, 'enrolling a person', 'ADMIN');
  const [cohort] = await programsOfActor.cohortsByIds([requireUuid(input.cohortId, 'cohortId')]);
  if (cohort === undefined) throw new NotFoundError(`cohortId: no cohort ${input.cohortId}`);
  const [program] = await programsOfActor.programsByIds([cohort.programId]);
  const personId = requireUuid(input.personId, 'personId');
  try {
    return await db.transaction(async (tx) => {
      const [person] = await tx
        .select()
        .from(people)
        .where(and(eq(people.tenantId, actor.tenantId), eq(people.id, personId)));
      if (person === undefined) throw new NotFoundError(`personId: no person ${input.personId}`);
      // The cohort row is locked so enrolments (and capacity changes) count one at a time.
      const [locked] = await tx
        .select({ capacity: cohorts.capacity })
        .from(cohorts)
        .where(and(eq(cohorts.tenantId, actor.tenantId), eq(cohorts.id, cohort.id)))
        .for('no key update');
      if (locked === undefined) throw new NotFoundError(`cohortId: no cohort ${input.cohortId}`);
      const capacity = locked.capacity;
      if (capacity !== null) {
        const [row] = await tx
          .select({ n: count() })
          .from(enrollments)
          .where(
            and(eq(enrollments.tenantId, actor.tenantId), eq(enrollments.cohortId, cohort.id)),
          );
        if (row!.n >= capacity) {
          throw new ConflictError(`the cohort is full (capacity ${capacity})`);
        }
      }
      const [enrollment] = await tx
        .insert(enrollments)
        .values({ tenantId: actor.tenantId, cohortId: cohort.id, personId, status: 'ACTIVE' })
        .returning();
      await recordStatements(tx, actor.tenantId, [
        {
          actor: await agentOfPerson(tx, actor.tenantId, person),
          verb: jejakVerbs.registered,
          object: cohortActivity(cohort),
          context: {
            registration: cohort.registration,
            platform: 'Jejak',
            contextActivities: { parent: [programActivity(program!)] },
          },
          timestamp: enrollment!.enrolledAt.toISOString(),
        },
      ]);
      // What the learner did before being enrolled (in Moodle, say) now counts here.
      await attachEnrollments(tx, actor.tenantId, [personId]);
      return enrollment!;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('the person is already enrolled in this cohort');
    throw error;
  }
}
