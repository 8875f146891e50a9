// The documents of one tenant: the tenant is fixed when the store is made, so no caller
// can forget it. Each write runs in a transaction under a lock on its document key, so
// the precondition check and the write see the same document.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import type { JejakTransaction } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
import { BadUserInputError } from '../../lib/errors.js';
import { xapiDocuments } from '../../db/schema/index.js';
import {
  checkPreconditions,
  isJsonContentType,
  mergeJsonDocuments,
  sha1Of,
  type Preconditions,
} from './documentRules.js';

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Which documents: all fields but the id, '' where the resource has no such field. */
export interface DocumentScope {
  kind: DocumentKind;
  activityIri: string;
  agentKey: string;
  registration: string;
}

export interface DocumentKey extends DocumentScope {
  documentId: string;
}

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  sha1: string;
  updated: Date;
}

export interface DocumentWrite {
  contentType: string;
  content: Buffer;
  preconditions: Preconditions;
  /** A write to an existing document without If-Match/If-None-Match is a 409. */
  requirePrecondition: boolean;
  /** A write creating a document without If-Match/If-None-Match is a 400 (1.0.3 profiles). */
  requirePreconditionToCreate?: boolean;
}

/** Lock key space for document writes, with a hash of the document key as second key. */
const documentWriteLock = 7_401_004;

export function createDocumentStore(db: JejakDb, tenantId: string) {
  const scopeCondition = (scope: DocumentScope) =>
    and(
      eq(xapiDocuments.tenantId, tenantId),
      eq(xapiDocuments.kind, scope.kind),
      eq(xapiDocuments.activityIri, scope.activityIri),
      eq(xapiDocuments.agentKey, scope.agentKey),
      eq(xapiDocuments.registration, scope.registration),
    );
  const keyCondition = (key: DocumentKey) =>
    and(scopeCondition(key), eq(xapiDocuments.documentId, key.documentId));
  const lockText = (key: DocumentKey) =>
    JSON.stringify([
      tenantId,
      key.kind,
      key.activityIri,
      key.agentKey,
      key.registration,
      key.documentId,
    ]);

  async function lockedCurrent(tx: JejakTransaction, key: DocumentKey) {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${documentWriteLock}, hashtext(${lockText(key)}))`,
    );
    const [row] = await tx
      .select({
        content: xapiDocuments.content,
        contentType: xapiDocuments.contentType,
        sha1: xapiDocuments.sha1,
      })
      .from(xapiDocuments)
      .where(keyCondition(key))
      // The row lock makes a concurrent DELETE of the whole scope wait for this write.
      .for('update');
    return row;
  }

  async function save(
    tx: JejakTransaction,
    key: DocumentKey,
    contentType: string,
    content: Buffer,
  ) {
    // Never earlier than now on the database clock, so `since` compares one clock.
    const [now] = await rawRows<{ now: string | Date }>(tx, sql`select clock_timestamp() as now`);
    const row = {
      tenantId,
      ...key,
      contentType,
      content,
      sha1: sha1Of(content),
      updated: new Date(now!.now),
    };
    await tx
      .insert(xapiDocuments)
      .values(row)
      .onConflictDoUpdate({
        target: [
          xapiDocuments.tenantId,
          xapiDocuments.kind,
          xapiDocuments.activityIri,
          xapiDocuments.agentKey,
          xapiDocuments.registration,
          xapiDocuments.documentId,
        ],
        set: { contentType, content, sha1: row.sha1, updated: row.updated },
      });
  }

  return {
    async find(key: DocumentKey): Promise<StoredDocument | undefined> {
      const [row] = await db
        .select({
          contentType: xapiDocuments.contentType,
          content: xapiDocuments.content,
          sha1: xapiDocuments.sha1,
          updated: xapiDocuments.updated,
        })
        .from(xapiDocuments)
        .where(keyCondition(key));
      return row === undefined ? undefined : { ...row, content: Buffer.from(row.content) };
    },

    /** The ids of the scope's documents, updated after `since` when given. */
    async listIds(scope: DocumentScope, since?: Date): Promise<{ ids: string[]; latest?: Date }> {
      const rows = await db
        .select({ documentId: xapiDocuments.documentId, updated: xapiDocuments.updated })
        .from(xapiDocuments)
        .where(
          since === undefined
            ? scopeCondition(scope)
            : and(scopeCondition(scope), gt(xapiDocuments.updated, since)),
        )
        .orderBy(xapiDocuments.documentId);
      const latest = rows.reduce<Date | undefined>(
        (max, row) => (max === undefined || row.updated > max ? row.updated : max),
        undefined,
      );
      return { ids: rows.map((row) => row.documentId), ...(latest ? { latest } : {}) };
    },

    /** PUT: replaces the document (or creates it). */
    async put(key: DocumentKey, write: DocumentWrite): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await lockedCurrent(tx, key);
        checkPreconditions(
          current?.sha1,
          write.preconditions,
          write.requirePrecondition,
          write.requirePreconditionToCreate ?? false,
        );
        await save(tx, key, write.contentType, write.content);
      });
    },

    /** POST: merges JSON objects into the stored one (or creates it). */
    async post(key: DocumentKey, write: DocumentWrite): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await lockedCurrent(tx, key);
        checkPreconditions(current?.sha1, write.preconditions, false);
        if (current !== undefined && !isJsonContentType(current.contentType)) {
          throw new BadDocumentMerge(
            'the stored document is not application/json: POST cannot merge into it',
          );
        }
        if (!isJsonContentType(write.contentType)) {
          throw new BadDocumentMerge(
            'POST merges application/json documents only; use PUT for other types',
          );
        }
        const merged = mergeJsonDocuments(
          current === undefined ? undefined : Buffer.from(current.content),
          write.content,
        );
        await save(tx, key, 'application/json', merged);
      });
    },

    async delete(key: DocumentKey, preconditions: Preconditions): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await lockedCurrent(tx, key);
        checkPreconditions(current?.sha1, preconditions, false);
        await tx.delete(xapiDocuments).where(keyCondition(key));
      });
    },

    async deleteAll(scope: DocumentScope): Promise<void> {
      await db.delete(xapiDocuments).where(scopeCondition(scope));
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

class BadDocumentMerge extends BadUserInputError {}
