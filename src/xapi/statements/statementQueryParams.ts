// Parses the query string of GET /statements into a typed request, rejecting unknown
// parameters and malformed values with a 400 that names the parameter. The `more` token is
// the whole query frozen at its last stored sequence, so any instance can continue it.
import { BadUserInputError } from '../../lib/errors.js';
import { agentKey } from './agentKey.js';
import type { StatementFormat } from './formatStatements.js';
import { queryableInstant } from './prepareStatement.js';
import { isStorableText } from './storableJson.js';
import type { StatementFilter } from './queryStatements.js';
import {
  agentProblems,
  isValidIri,
  isValidTimestamp,
  isValidUuid,
  type XapiVersion,
} from './validateStatement.js';
import type { AgentJson } from './xapiJson.js';

export const maxPageSize = 500;

export interface ResponseShape {
  format: StatementFormat;
  attachments: boolean;
}

export type StatementGet =
  | ({ kind: 'single'; id: string; voided: boolean } & ResponseShape)
  | ({ kind: 'page'; ascending: boolean; limit: number; afterSeq?: number } & StatementFilter &
      ResponseShape);

const knownParameters = new Set([
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'more',
]);

/** With statementId or voidedStatementId only these may accompany it (Communication 2.1.3). */
const allowedWithId = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);

export function parseStatementGet(
  query: Record<string, unknown>,
  version: XapiVersion,
): StatementGet {
  for (const [name, value] of Object.entries(query)) {
    if (!knownParameters.has(name)) {
      throw new BadUserInputError(`unknown query parameter ${name} for GET /statements`);
    }
    if (typeof value !== 'string') {
      throw new BadUserInputError(`query parameter ${name} may be given only once`);
    }
    if (!isStorableText(value)) {
      throw new BadUserInputError(
        `query parameter ${name} contains a NUL or an unpaired surrogate`,
      );
    }
  }
  const params = query as Record<string, string>;
  if (params.more !== undefined) return decodeMore(params.more);
  const shape: ResponseShape = {
    format: parseFormat(params.format),
    attachments: parseBoolean(params, 'attachments'),
  };

  const id = params.statementId ?? params.voidedStatementId;
  if (id !== undefined) {
    const name = params.statementId !== undefined ? 'statementId' : 'voidedStatementId';
    if (params.statementId !== undefined && params.voidedStatementId !== undefined) {
      throw new BadUserInputError('give statementId or voidedStatementId, not both');
    }
    const extra = Object.keys(params).find((key) => !allowedWithId.has(key));
    if (extra !== undefined) {
      throw new BadUserInputError(`${extra} cannot be combined with ${name}`);
    }
    if (!isValidUuid(id)) throw new BadUserInputError(`${name} must be a UUID`);
    return { kind: 'single', id: id.toLowerCase(), voided: name === 'voidedStatementId', ...shape };
  }

  const page: StatementGet = {
    kind: 'page',
    ...shape,
    relatedAgents: parseBoolean(params, 'related_agents'),
    relatedActivities: parseBoolean(params, 'related_activities'),
    ascending: parseBoolean(params, 'ascending'),
    limit: parseLimit(params.limit),
  };
  if (params.agent !== undefined) page.agentKey = parseAgent(params.agent, version);
  if (params.verb !== undefined) page.verbIri = parseIri(params.verb, 'verb');
  if (params.activity !== undefined) page.activityIri = parseIri(params.activity, 'activity');
  if (params.registration !== undefined) {
    if (!isValidUuid(params.registration)) {
      throw new BadUserInputError('registration must be a UUID');
    }
    page.registration = params.registration.toLowerCase();
  }
  for (const name of ['since', 'until'] as const) {
    const value = params[name];
    if (value === undefined) continue;
    // A 1.0.3 timestamp may omit its zone: it means UTC here, never the server's zone.
    const utc = isValidTimestamp(value, version) ? queryableInstant(value) : undefined;
    if (utc === undefined) {
      throw new BadUserInputError(`${name} must be an ISO 8601 timestamp`);
    }
    page[name] = utc;
  }
  return page;
}

function parseAgent(text: string, version: XapiVersion): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadUserInputError('agent must be an Agent or identified Group as JSON');
  }
  const problems = agentProblems(value, 'agent', version);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new BadUserInputError(`${first.path}: ${first.rule}`);
  }
  const key = agentKey(value as AgentJson);
  if (key === undefined) {
    throw new BadUserInputError('agent: an anonymous Group cannot be used as a filter');
  }
  return key;
}

function parseIri(value: string, name: string): string {
  if (!isValidIri(value)) throw new BadUserInputError(`${name} must be an IRI`);
  return value;
}

function parseBoolean(params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new BadUserInputError(`${name} must be true or false`);
}

function parseFormat(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  if (value === 'exact' || value === 'ids' || value === 'canonical') return value;
  throw new BadUserInputError('format must be ids, exact or canonical');
}

/** 0 or absent: the server's maximum page, as the spec allows. */
function parseLimit(value: string | undefined): number {
  if (value === undefined) return maxPageSize;
  if (!/^\d+$/.test(value)) throw new BadUserInputError('limit must be a non-negative integer');
  const limit = Number(value);
  return limit === 0 ? maxPageSize : Math.min(limit, maxPageSize);
}

type PageGet = Extract<StatementGet, { kind: 'page' }>;

export function encodeMore(page: PageGet, lastSeq: number): string {
  const { kind: _kind, afterSeq: _afterSeq, ...rest } = page;
  return Buffer.from(JSON.stringify({ v: 1, q: rest, after: lastSeq })).toString('base64url');
}

function decodeMore(token: string): PageGet {
  let decoded: { v?: unknown; q?: Record<string, unknown>; after?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    throw new BadUserInputError('more is not a token this LRS issued');
  }
  const q = decoded.q;
  if (decoded.v !== 1 || !Number.isSafeInteger(decoded.after) || !isMoreQuery(q)) {
    throw new BadUserInputError('more is not a token this LRS issued');
  }
  const limit = Math.min(Math.max(Number(q.limit) || maxPageSize, 1), maxPageSize);
  return {
    ...(q as Omit<PageGet, 'kind'>),
    limit,
    kind: 'page',
    afterSeq: decoded.after as number,
  };
}

/** A UTC instant PostgreSQL's timestamptz can hold (years 0001–9999). */
function isQueryableInstant(utc: string): boolean {
  const year = Number(utc.slice(0, 4));
  return year >= 1 && year <= 9999 && !Number.isNaN(Date.parse(utc));
}

/** A token is only base64: check every field a client could have forged before SQL sees it. */
function isMoreQuery(q: unknown): q is Record<string, unknown> {
  if (typeof q !== 'object' || q === null || Array.isArray(q)) return false;
  const fields = q as Record<string, unknown>;
  const optionalString = (name: string) =>
    fields[name] === undefined ||
    (typeof fields[name] === 'string' && isStorableText(fields[name]));
  const isInstant = (name: string) =>
    fields[name] === undefined ||
    (typeof fields[name] === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(fields[name]) &&
      isQueryableInstant(fields[name]));
  return (
    ['agentKey', 'verbIri', 'activityIri'].every(optionalString) &&
    (fields.registration === undefined ||
      (typeof fields.registration === 'string' && isValidUuid(fields.registration))) &&
    isInstant('since') &&
    isInstant('until') &&
    ['relatedAgents', 'relatedActivities', 'ascending', 'attachments'].every(
      (name) => typeof fields[name] === 'boolean',
    ) &&
    ['exact', 'ids', 'canonical'].includes(fields.format as string) &&
    Number.isSafeInteger(fields.limit)
  );
}
