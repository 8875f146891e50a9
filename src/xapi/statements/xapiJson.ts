// Loose shapes of xAPI JSON as the rest of the LRS reads it, after validation has vouched
// for it: only the properties Jejak looks at are typed.

export type JsonObject = { [key: string]: unknown };

export interface Account {
  homePage: string;
  name: string;
}

export interface AgentJson extends JsonObject {
  objectType?: 'Agent' | 'Group';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: Account;
  member?: AgentJson[];
}

export interface ActivityJson extends JsonObject {
  objectType?: 'Activity';
  id: string;
  definition?: JsonObject;
}

export interface ContextJson extends JsonObject {
  registration?: string;
  instructor?: AgentJson;
  team?: AgentJson;
  contextActivities?: Record<string, ActivityJson | ActivityJson[]>;
  contextAgents?: { agent: AgentJson }[];
  contextGroups?: { group: AgentJson }[];
}

export interface StatementJson extends JsonObject {
  id?: string;
  actor: AgentJson;
  verb: { id: string; display?: Record<string, string> };
  object: JsonObject & { objectType?: string; id?: string };
  context?: ContextJson;
  result?: JsonObject;
  timestamp?: string;
  stored?: string;
  authority?: AgentJson;
  version?: string;
  attachments?: AttachmentJson[];
}

export interface AttachmentJson extends JsonObject {
  usageType: string;
  contentType: string;
  length: number;
  sha2: string;
  fileUrl?: string;
}

export const voidedVerb = 'http://adlnet.gov/expapi/verbs/voided';
export const signatureUsageType = 'http://adlnet.gov/expapi/attachments/signature';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
