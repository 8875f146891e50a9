// The one string that identifies an Agent or identified Group: its inverse functional
// identifier. Link rows and the `agent` filter compare these keys, so two spellings of the
// same agent (extra name, objectType omitted) meet in one index entry.
import type { AgentJson } from './xapiJson.js';

/** The key of an agent's IFI, or undefined for an anonymous Group. */
export function agentKey(agent: AgentJson): string | undefined {
  if (agent.mbox !== undefined) return `mbox:${agent.mbox}`;
  if (agent.mbox_sha1sum !== undefined) return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid !== undefined) return `openid:${agent.openid}`;
  if (agent.account !== undefined) {
    // JSON keeps homePage and name apart whatever characters they contain.
    const { homePage, name } = agent.account;
    // What JSON.stringify would write, without building an array to write it: it runs for
    // every agent of every statement stored, and most names need no escaping.
    if (writtenAsIs(homePage) && writtenAsIs(name)) return `account:["${homePage}","${name}"]`;
    return `account:${JSON.stringify([homePage, name])}`;
  }
  return undefined;
}

/**
 * A string JSON writes between its quotes unchanged: no quote, backslash, control character
 * or surrogate (a lone one is escaped).
 */
function writtenAsIs(text: unknown): text is string {
  return typeof text === 'string' && !needsJsonEscape.test(text);
}

const needsJsonEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The agent reduced to its identifying properties, as the `ids` format serves it. */
export function agentIdsOnly(agent: AgentJson): AgentJson {
  const reduced: AgentJson = {};
  if (agent.objectType !== undefined) reduced.objectType = agent.objectType;
  if (agent.mbox !== undefined) reduced.mbox = agent.mbox;
  else if (agent.mbox_sha1sum !== undefined) reduced.mbox_sha1sum = agent.mbox_sha1sum;
  else if (agent.openid !== undefined) reduced.openid = agent.openid;
  else if (agent.account !== undefined) reduced.account = agent.account;
  if (agent.objectType === 'Group' && agent.member !== undefined && agentKey(agent) === undefined) {
    reduced.member = agent.member.map(agentIdsOnly);
  }
  return reduced;
}
