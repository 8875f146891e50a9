// Pure: the `ids` and `canonical` formats of GET /statements (xAPI Communication 2.1.3).
// `exact` serves the stored JSON untouched and never comes here.
import { agentIdsOnly } from './agentKey.js';
import { isObject, type AgentJson, type JsonObject, type StatementJson } from './xapiJson.js';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

/** Agents, groups, activities and verbs reduced to what identifies them. */
export function idsFormat(statement: StatementJson): StatementJson {
  const out: StatementJson = { ...statement };
  out.actor = agentIdsOnly(statement.actor);
  out.verb = { id: statement.verb.id };
  out.object = objectIds(statement.object);
  if (statement.authority) out.authority = agentIdsOnly(statement.authority);
  if (statement.context) out.context = contextIds(statement.context);
  return out;
}

function objectIds(object: JsonObject & { objectType?: string }): JsonObject {
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return activityIds(object);
  if (type === 'Agent' || type === 'Group') return agentIdsOnly(object as AgentJson);
  if (type === 'SubStatement') return idsFormat(object as unknown as StatementJson);
  return object;
}

/** Just the id: Activity is the default objectType, so it identifies the object alone. */
function activityIds(activity: JsonObject): JsonObject {
  return { id: activity.id };
}

function contextIds(context: JsonObject): JsonObject {
  const out: JsonObject = { ...context };
  if (isObject(context.instructor)) out.instructor = agentIdsOnly(context.instructor as AgentJson);
  if (isObject(context.team)) out.team = agentIdsOnly(context.team as AgentJson);
  if (isObject(context.contextActivities)) {
    const activities: JsonObject = {};
    for (const [kind, list] of Object.entries(context.contextActivities)) {
      activities[kind] = (list as JsonObject[]).map(activityIds);
    }
    out.contextActivities = activities;
  }
  if (Array.isArray(context.contextAgents)) {
    out.contextAgents = (context.contextAgents as JsonObject[]).map((entry) => ({
      ...entry,
      agent: agentIdsOnly(entry.agent as AgentJson),
    }));
  }
  if (Array.isArray(context.contextGroups)) {
    out.contextGroups = (context.contextGroups as JsonObject[]).map((entry) => ({
      ...entry,
      group: agentIdsOnly(entry.group as AgentJson),
    }));
  }
  return out;
}

/** Every activity id a statement mentions, for loading canonical definitions. */
export function activityIdsOf(statement: StatementJson): string[] {
  const ids: string[] = [];
  const visit = (part: StatementJson) => {
    const object = part.object;
    if ((object.objectType ?? 'Activity') === 'Activity') ids.push(object.id as string);
    if (object.objectType === 'SubStatement') visit(object as unknown as StatementJson);
    for (const list of Object.values(part.context?.contextActivities ?? {})) {
      for (const activity of Array.isArray(list) ? list : [list]) ids.push(activity.id);
    }
  };
  visit(statement);
  return ids;
}

/**
 * Activities carry the LRS's canonical definition and every language map (activity
 * definitions and verb displays) keeps only the language the client prefers.
 */
export function canonicalFormat(
  statement: StatementJson,
  definitions: Map<string, JsonObject>,
  languages: string[],
): StatementJson {
  const activity = (value: JsonObject): JsonObject => {
    const definition = definitions.get(value.id as string) ?? (value.definition as JsonObject);
    if (definition === undefined) return value;
    return { ...value, definition: definitionInLanguage(definition, languages) };
  };
  const visit = (part: StatementJson): StatementJson => {
    const out: StatementJson = { ...part };
    if (part.verb.display) {
      out.verb = { ...part.verb, display: pickLanguage(part.verb.display, languages) };
    }
    const type = part.object.objectType ?? 'Activity';
    if (type === 'Activity') out.object = activity(part.object);
    if (type === 'SubStatement') {
      out.object = visit(part.object as unknown as StatementJson) as unknown as JsonObject;
    }
    if (part.context?.contextActivities) {
      const contextActivities: Record<string, JsonObject[]> = {};
      for (const [kind, list] of Object.entries(part.context.contextActivities)) {
        contextActivities[kind] = (Array.isArray(list) ? list : [list]).map(activity);
      }
      out.context = { ...part.context, contextActivities } as StatementJson['context'];
    }
    return out;
  };
  return visit(statement);
}

function definitionInLanguage(definition: JsonObject, languages: string[]): JsonObject {
  const out: JsonObject = { ...definition };
  for (const key of ['name', 'description']) {
    if (isObject(definition[key])) {
      out[key] = pickLanguage(definition[key] as Record<string, string>, languages);
    }
  }
  for (const key of ['choices', 'scale', 'source', 'target', 'steps']) {
    if (Array.isArray(definition[key])) {
      out[key] = (definition[key] as JsonObject[]).map((component) =>
        isObject(component.description)
          ? {
              ...component,
              description: pickLanguage(component.description as Record<string, string>, languages),
            }
          : component,
      );
    }
  }
  return out;
}

/** The one entry of a language map that best fits the preferred languages (or the first). */
export function pickLanguage(
  map: Record<string, string>,
  languages: string[],
): Record<string, string> {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  for (const wanted of languages) {
    const lower = wanted.toLowerCase();
    const exact = keys.find((key) => key.toLowerCase() === lower);
    if (exact !== undefined) return { [exact]: map[exact]! };
    const prefix = keys.find((key) => key.toLowerCase().split('-')[0] === lower.split('-')[0]);
    if (prefix !== undefined) return { [prefix]: map[prefix]! };
  }
  const fallback = keys.find((key) => key.toLowerCase() === 'und') ?? keys[0]!;
  return { [fallback]: map[fallback]! };
}

/** `Accept-Language: id-ID, en;q=0.8` → ['id-ID', 'en'], by descending quality. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)/i.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
