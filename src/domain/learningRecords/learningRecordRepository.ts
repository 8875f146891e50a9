// Reading the learning records kept from statements, for one actor: the activity counters
// of enrollments (seen with the enrollment), and the actors of stored statements that no
// person has yet (ADMIN and ANALYST: an admin then adds the identity to the right person,
// and the statements become theirs).
import { and, count, eq, gt, inArray, isNull, max, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import {
  enrollmentActivity,
  learningEvents,
  type EnrollmentActivityRow,
} from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { BadUserInputError } from '../../lib/errors.js';
import type { KeysetPage, PageRequest } from '../../db/keyset.js';
import { requireRole, type Actor } from '../access/actor.js';
import type { ProgramRepository } from '../programs/programRepository.js';

export type EnrollmentActivity = EnrollmentActivityRow;

export interface UnknownActor {
  /** The agent's identifier as the statements gave it. */
  kind: 'account' | 'mbox' | 'mbox_sha1sum' | 'openid';
  homePage: string | null;
  name: string;
  statements: number;
  lastSeenAt: Date;
}

/** The identifier an agent key stands for (see xapi/statements/agentKey.ts). */
export function identifierOfAgentKey(
  key: string,
): Pick<UnknownActor, 'kind' | 'homePage' | 'name'> {
  if (key.startsWith('account:')) {
    const [homePage, name] = JSON.parse(key.slice('account:'.length)) as [string, string];
    return { kind: 'account', homePage, name };
  }
  const [prefix, ...rest] = key.split(':');
  const name = rest.join(':');
  if (prefix === 'mbox') return { kind: 'mbox', homePage: null, name };
  if (prefix === 'sha1') return { kind: 'mbox_sha1sum', homePage: null, name };
  return { kind: 'openid', homePage: null, name };
}

export function createLearningRecordRepository(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

  return {
    /** The counters of several enrollments the actor may see (one query). */
    async activityOfEnrollments(enrollmentIds: readonly string[]): Promise<EnrollmentActivity[]> {
      if (enrollmentIds.length === 0) return [];
      return db
        .select()
        .from(enrollmentActivity)
        .where(
          and(
            eq(enrollmentActivity.tenantId, t),
            inArray(enrollmentActivity.enrollmentId, [...enrollmentIds]),
            sql`${enrollmentActivity.enrollmentId} in ${programsOfActor.visibleEnrollmentIds}`,
          ),
        );
    },

    /** Actors of statements that no person has, by agent key (a keyset on it). */
    async unknownActors(page: PageRequest): Promise<KeysetPage<UnknownActor>> {
      requireRole(actor, 'listing unknown actors', 'ADMIN', 'ANALYST');
      let after: string | undefined;
      if (page.after !== undefined) {
        const [name, key] = decodeCursor(page.after, ['string', 'string']);
        if (name !== 'unknownActors') {
          throw new BadUserInputError('the cursor belongs to another list than unknownActors');
        }
        after = key as string;
      }
      const rows = await db
        .select({
          key: learningEvents.agentKey,
          statements: count(),
          lastSeenAt: max(learningEvents.occurredAt),
        })
        .from(learningEvents)
        .where(
          and(
            eq(learningEvents.tenantId, t),
            isNull(learningEvents.personId),
            after === undefined ? undefined : gt(learningEvents.agentKey, after),
          ),
        )
        .groupBy(learningEvents.agentKey)
        .orderBy(learningEvents.agentKey)
        .limit(page.first + 1);
      const items = rows.slice(0, page.first);
      return {
        items: items.map((row) => ({
          ...identifierOfAgentKey(row.key),
          statements: row.statements,
          lastSeenAt: row.lastSeenAt!,
        })),
        cursors: items.map((row) => encodeCursor(['unknownActors', row.key])),
        hasNextPage: rows.length > page.first,
      };
    },
  };
}

export type LearningRecordRepository = ReturnType<typeof createLearningRecordRepository>;
