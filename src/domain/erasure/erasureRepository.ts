// Erasures as one ADMIN caller uses them: erasing a person (erasePerson.ts) and reading the
// tenant's erasure audit, newest first. The tenant is fixed at construction.
import { and, eq } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
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
import { erasureAudit } from '../../db/schema/index.js';
import { requireRole, type Actor } from '../access/actor.js';
import { erasePerson, type ErasureAudit, type ErasureCounts } from './erasePerson.js';

const auditOrder = keysetOrder<ErasureAudit>('erasureAudit', 'ERASED_AT', 'DESC', [
  timestampKey(erasureAudit.erasedAt, (row) => row.erasedAt),
  idKey(erasureAudit.id, (row) => row.id),
]);

export function createErasureRepository(db: JejakDb, actor: Actor) {
  return {
    erase(personId: string, confirmNip: string): Promise<ErasureAudit> {
      return erasePerson(db, actor, { personId, confirmNip });
    },

    async audit(page: PageRequest): Promise<KeysetPage<ErasureAudit>> {
      requireRole(actor, 'reading the erasure audit', 'ADMIN');
      const rows = await db
        .select()
        .from(erasureAudit)
        .where(and(eq(erasureAudit.tenantId, actor.tenantId), keysetAfter(auditOrder, page.after)))
        .orderBy(...keysetOrderBy(auditOrder))
        .limit(page.first + 1);
      return keysetPageOf(
        auditOrder,
        rows.map((row) => ({ ...row, counts: row.counts as ErasureCounts })),
        page.first,
      );
    },
  };
}

export type ErasureRepository = ReturnType<typeof createErasureRepository>;
