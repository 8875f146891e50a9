// The authority of a statement is the Agent that stands for the Jejak credential that wrote
// it: the LRS sets it on every statement it stores (xAPI Data 2.4.9), whatever was sent.
import type { AuthenticatedCredential } from '../../domain/credentials/authenticateCredential.js';
import type { AgentJson } from './xapiJson.js';

/** The account home page of the Agents that stand for Jejak credentials as authority. */
export const authorityHomePage = 'urn:jejak:credential';

export function authorityOf(credential: AuthenticatedCredential): AgentJson {
  return {
    objectType: 'Agent',
    name: credential.name,
    account: { homePage: authorityHomePage, name: credential.key },
  };
}

/** What every authority's agent key (see agentKey.ts) starts with, before its credential key. */
const authorityKeyPrefix = `account:${JSON.stringify([authorityHomePage]).slice(0, -1)},`;

/** The key of the credential whose authority has this agent key, or undefined. */
export function credentialKeyOfAuthority(agentKey: string): string | undefined {
  if (!agentKey.startsWith(authorityKeyPrefix)) return undefined;
  // A key from a `more` cursor is only known to be a string: it may not be JSON at all.
  let pair: unknown;
  try {
    pair = JSON.parse(agentKey.slice('account:'.length));
  } catch {
    return undefined;
  }
  const name = Array.isArray(pair) && pair.length === 2 ? (pair[1] as unknown) : undefined;
  return typeof name === 'string' ? name : undefined;
}
