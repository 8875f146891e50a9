// The document resources of the LRS (state, activity profile, agent profile): opaque
// documents stored byte for byte with their content type and an ETag, keyed as each
// resource names them. Fields a resource does not use hold '' so the key stays unique.
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from '../columns.js';
import { tenantIdColumn } from './tenants.js';
import { bytea } from './xapiStatements.js';

export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    tenantId: tenantIdColumn(),
    /** `state`, `activity_profile` or `agent_profile`. */
    kind: text('kind').notNull(),
    /** The activity of a state or activity profile; '' for agent profiles. */
    activityIri: text('activity_iri').notNull(),
    /** The agent key (see agentKey.ts) of a state or agent profile; '' for activity profiles. */
    agentKey: text('agent_key').notNull(),
    /** A state's registration, lower-case; '' when none. */
    registration: text('registration').notNull(),
    /** The stateId or profileId. */
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    /** SHA-1 of the content, hex: the ETag, quoted in headers. */
    sha1: text('sha1').notNull(),
    updated: timestamptz('updated').notNull(),
  },
  (table) => [
    // Also serves the lists and deletions of one activity + agent (+ registration).
    primaryKey({
      name: 'xapi_documents_pk',
      columns: [
        table.tenantId,
        table.kind,
        table.activityIri,
        table.agentKey,
        table.registration,
        table.documentId,
      ],
    }),
  ],
);

export type XapiDocumentRow = typeof xapiDocuments.$inferSelect;
