// Parses the query parameters of the document resources (and /activities, /agents): each
// resource names which it takes; anything else, or a malformed value, is a 400 that says so.
import { BadUserInputError } from '../../lib/errors.js';
import { agentKey } from '../statements/agentKey.js';
import { queryableInstant } from '../statements/prepareStatement.js';
import { fitsIndex, isStorableText, maxIndexedBytes } from '../statements/storableJson.js';
import {
  agentProblems,
  isValidIri,
  isValidTimestamp,
  isValidUuid,
  type XapiVersion,
} from '../statements/validateStatement.js';
import type { AgentJson } from '../statements/xapiJson.js';

export type DocumentParam =
  'activityId' | 'agent' | 'registration' | 'stateId' | 'profileId' | 'since';

export interface DocumentParams {
  activityId?: string;
  agent?: AgentJson;
  agentKey?: string;
  registration?: string;
  documentId?: string;
  since?: Date;
}

export function parseDocumentParams(
  query: Record<string, unknown>,
  allowed: readonly DocumentParam[],
  version: XapiVersion,
  resource: string,
): DocumentParams {
  const params: DocumentParams = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw new BadUserInputError(`unknown query parameter ${name} for ${resource}`);
    }
    if (typeof value !== 'string') {
      throw new BadUserInputError(`query parameter ${name} may be given only once`);
    }
    if (!isStorableText(value)) {
      throw new BadUserInputError(
        `query parameter ${name} contains a NUL or an unpaired surrogate`,
      );
    }
    switch (name as DocumentParam) {
      case 'activityId':
        if (!isValidIri(value)) throw new BadUserInputError('activityId must be an IRI');
        if (!fitsIndex(value)) throw tooLong('activityId', maxIndexedBytes);
        params.activityId = value;
        break;
      case 'agent':
        params.agent = parseAgent(value, version);
        params.agentKey = agentKey(params.agent);
        if (!fitsIndex(params.agentKey!)) throw tooLong("agent's identifier", maxIndexedBytes);
        break;
      case 'registration':
        if (!isValidUuid(value)) throw new BadUserInputError('registration must be a UUID');
        params.registration = value.toLowerCase();
        break;
      case 'stateId':
      case 'profileId':
        if (value === '') throw new BadUserInputError(`${name} must not be empty`);
        if (!fitsIndex(value, maxDocumentIdBytes)) throw tooLong(name, maxDocumentIdBytes);
        params.documentId = value;
        break;
      case 'since': {
        const utc = isValidTimestamp(value, version) ? queryableInstant(value) : undefined;
        if (utc === undefined) {
          throw new BadUserInputError('since must be an ISO 8601 timestamp');
        }
        params.since = new Date(utc);
        break;
      }
    }
  }
  return params;
}

/** Ids of documents, whose key also holds an activity IRI and an agent (see fitsIndex). */
const maxDocumentIdBytes = 500;

function tooLong(what: string, limit: number): BadUserInputError {
  return new BadUserInputError(`${what} is longer than ${limit} bytes, the most Jejak indexes`);
}

function parseAgent(text: string, version: XapiVersion): AgentJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadUserInputError(
      'agent must be an Agent as JSON, e.g. {"mbox":"mailto:budi@example.go.id"}',
    );
  }
  const problems = agentProblems(value, 'agent', version);
  if (problems.length > 0)
    throw new BadUserInputError(`${problems[0]!.path}: ${problems[0]!.rule}`);
  if (agentKey(value as AgentJson) === undefined) {
    throw new BadUserInputError(
      'agent: an anonymous Group has no identifier to store documents under',
    );
  }
  return value as AgentJson;
}

/** The named parameters must be present. */
export function requireParams(
  params: DocumentParams,
  names: (keyof DocumentParams)[],
  what: Record<string, string>,
) {
  for (const name of names) {
    if (params[name] === undefined) {
      throw new BadUserInputError(`the ${what[name] ?? name} query parameter is required`);
    }
  }
}
