// Changing an enrollment's status (ADMIN, or a facilitator of the cohort). Completing,
// failing or withdrawing also stores an xAPI statement about the cohort (completed, failed,
// abandoned) in the same transaction; INVITED and ACTIVE are bookkeeping only.
import { and, eq } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { enrollments, people } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { type Actor } from '../access/actor.js';
import { cohortActivity, jejakVerbs, programActivity } from '../learningRecords/jejakVocabulary.js';
import { agentOfPerson, recordStatements } from '../learningRecords/recordStatements.js';
import type { Enrollment, ProgramRepository } from '../programs/programRepository.js';

export const enrollmentStatuses = [
  'INVITED',
  'ACTIVE',
  'COMPLETED',
  'WITHDRAWN',
  'FAILED',
] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

const verbOf: Partial<Record<EnrollmentStatus, { id: string; display: Record<string, string> }>> = {
  COMPLETED: jejakVerbs.completed,
  FAILED: jejakVerbs.failed,
  WITHDRAWN: jejakVerbs.abandoned,
};

export async function updateEnrollmentStatus(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
  input: { enrollmentId: string; status: EnrollmentStatus },
): Promise<Enrollment> {
  const t = actor.tenantId;
  const [current] = await db
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.tenantId, t),
        eq(enrollments.id, requireUuid(input.enrollmentId, 'enrollmentId')),
      ),
    );
  const [cohort] = current ? await programsOfActor.cohortsByIds([current.cohortId]) : [];
  if (current === undefined || cohort === undefined) {
    throw new NotFoundError(`no enrollment ${input.enrollmentId}`);
  }
  await programsOfActor.requireAdminOrFacilitator(
    cohort.id,
    'only an ADMIN or a facilitator of the cohort changes an enrollment',
  );
  const [program] = await programsOfActor.programsByIds([cohort.programId]);
  return db.transaction(async (tx) => {
    const finished = input.status === 'COMPLETED' || input.status === 'FAILED';
    const [row] = await tx
      .update(enrollments)
      .set({ status: input.status, completedAt: finished ? new Date() : null })
      .where(and(eq(enrollments.tenantId, t), eq(enrollments.id, current.id)))
      .returning();
    const verb = verbOf[input.status];
    if (verb !== undefined && current.status !== input.status) {
      const [learner] = await tx
        .select()
        .from(people)
        .where(and(eq(people.tenantId, t), eq(people.id, current.personId)));
      await recordStatements(tx, t, [
        {
          actor: await agentOfPerson(tx, t, learner!),
          verb,
          object: cohortActivity(cohort),
          ...(finished
            ? { result: { completion: true, success: input.status === 'COMPLETED' } }
            : {}),
          context: {
            registration: cohort.registration,
            platform: 'Jejak',
            contextActivities: { parent: [programActivity(program!)] },
          },
        },
      ]);
    }
    return row!;
  });
}
