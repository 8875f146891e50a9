// The xAPI authorization scopes (xAPI 1.0.3 §4.1.8.3 / 2.0 §4.2.4) and which grants imply
// which: `all` covers everything, `all/read` every read, `statements/read` also covers
// `statements/read/mine`.

export const xapiScopes = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'define',
  'profile',
  'all/read',
  'all',
] as const;

export type XapiScope = (typeof xapiScopes)[number];

export function isXapiScope(value: string): value is XapiScope {
  return (xapiScopes as readonly string[]).includes(value);
}

/** Grants that imply the key scope, beyond the scope itself and `all`. */
const impliedBy: Partial<Record<XapiScope, readonly XapiScope[]>> = {
  'statements/read': ['all/read'],
  'statements/read/mine': ['statements/read', 'all/read'],
};

export function hasScope(granted: readonly XapiScope[], needed: XapiScope): boolean {
  if (granted.includes('all') || granted.includes(needed)) return true;
  return (impliedBy[needed] ?? []).some((scope) => granted.includes(scope));
}

/** Parses `statements/write,statements/read/mine`; throws on an unknown or empty list. */
export function parseScopeList(text: string): XapiScope[] {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new Error('at least one scope is required');
  const unknown = parts.filter((part) => !isXapiScope(part));
  if (unknown.length > 0) {
    throw new Error(`unknown scope ${unknown.join(', ')}; known scopes: ${xapiScopes.join(', ')}`);
  }
  return [...new Set(parts as XapiScope[])];
}
