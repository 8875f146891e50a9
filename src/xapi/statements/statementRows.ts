// Pure: turns one prepared statement into the rows that index it (the statement's own
// columns, one link row per agent and per activity with every role it plays, and the
// activity definitions to merge), before any SQL runs. Import and export reuse it.
//
// The authority gets no link row: it is always the Agent of the credential that wrote the
// statement (see authorityOf), so the statement's `credential_id` already says who it is,
// and `related_agents` finds a credential's statements through that column's index (see
// queryStatements.ts). A link row for it cost every statement stored a row and an index
// entry, one statement in seven of the import's time.
import { agentKey } from './agentKey.js';
import {
  isObject,
  voidedVerb,
  type ActivityJson,
  type AgentJson,
  type ContextJson,
  type JsonObject,
  type StatementJson,
} from './xapiJson.js';

export interface LinkRow {
  key: string;
  /** The statement's own actor or object: what `agent=` and `activity=` match. */
  direct: boolean;
  roles: string[];
}

export interface StatementRows {
  id: string;
  verbIri: string;
  registration: string | null;
  stored: Date;
  voidsId: string | null;
  objectStatementId: string | null;
  payload: StatementJson;
  agents: LinkRow[];
  activities: LinkRow[];
  definitions: { iri: string; definition: JsonObject }[];
  /** The SHA-2 of each attachment the statement cites, once each. */
  attachmentSha2s: string[];
}

/** The statement must already carry id and stored (see prepareStatement). */
export function statementRows(statement: StatementJson): StatementRows {
  const found = new StatementParts();
  found.addParts(statement, '');
  const { agents, activities, definitions } = found;

  const objectStatementId =
    statement.object.objectType === 'StatementRef' ? (statement.object.id as string) : null;
  return {
    id: statement.id as string,
    verbIri: statement.verb.id,
    registration: statement.context?.registration?.toLowerCase() ?? null,
    stored: new Date(statement.stored as string),
    voidsId: statement.verb.id === voidedVerb ? objectStatementId : null,
    objectStatementId,
    payload: statement,
    agents: agents.rows(),
    activities: activities.rows(),
    definitions,
    attachmentSha2s: [
      ...new Set((statement.attachments ?? []).map((attachment) => attachment.sha2)),
    ],
  };
}

/**
 * The agents, activities and definitions a statement names, collected by walking it. A class
 * rather than closures made per statement: this runs for every statement stored.
 */
class StatementParts {
  readonly agents = new LinkCollector();
  readonly activities = new LinkCollector();
  readonly definitions: { iri: string; definition: JsonObject }[] = [];

  addActivity(activity: ActivityJson, role: string, direct: boolean) {
    this.activities.add(activity.id, role, direct);
    if (isObject(activity.definition)) {
      this.definitions.push({ iri: activity.id, definition: activity.definition });
    }
  }

  addAgent(agent: AgentJson, role: string, direct: boolean) {
    const key = agentKey(agent);
    if (key !== undefined) this.agents.add(key, role, direct);
    // Members are related to the statement, but the group, not each member, is its actor.
    for (const member of agent.member ?? []) {
      const memberKey = agentKey(member);
      if (memberKey !== undefined) this.agents.add(memberKey, `${role}_member`, false);
    }
  }

  addParts(part: StatementJson, prefix: string) {
    const direct = prefix === '';
    this.addAgent(part.actor, `${prefix}actor`, direct);
    const object = part.object;
    const objectType = object.objectType ?? 'Activity';
    if (objectType === 'Activity') {
      this.addActivity(object as ActivityJson, `${prefix}object`, direct);
    } else if (objectType === 'Agent' || objectType === 'Group') {
      this.addAgent(object as AgentJson, `${prefix}object`, direct);
    } else if (objectType === 'SubStatement') {
      this.addParts(object as unknown as StatementJson, 'sub_');
    }
    if (part.context !== undefined) this.addContext(part.context, prefix);
  }

  addContext(context: ContextJson, prefix: string) {
    if (context.instructor) this.addAgent(context.instructor, `${prefix}instructor`, false);
    if (context.team) this.addAgent(context.team, `${prefix}team`, false);
    for (const contextAgent of context.contextAgents ?? []) {
      this.addAgent(contextAgent.agent, `${prefix}context_agent`, false);
    }
    for (const contextGroup of context.contextGroups ?? []) {
      this.addAgent(contextGroup.group, `${prefix}context_group`, false);
    }
    for (const [kind, value] of Object.entries(context.contextActivities ?? {})) {
      for (const activity of Array.isArray(value) ? value : [value]) {
        this.addActivity(activity, `${prefix}${kind}`, false);
      }
    }
  }
}

class LinkCollector {
  private readonly byKey = new Map<string, LinkRow>();

  add(key: string, role: string, direct: boolean) {
    const row = this.byKey.get(key);
    if (row === undefined) {
      this.byKey.set(key, { key, direct, roles: [role] });
      return;
    }
    row.direct ||= direct;
    if (!row.roles.includes(role)) row.roles.push(role);
  }

  rows(): LinkRow[] {
    return [...this.byKey.values()];
  }
}
