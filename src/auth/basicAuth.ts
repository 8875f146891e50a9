// Parses an HTTP Basic `Authorization` header (RFC 7617) into the xAPI key and secret.

export interface BasicCredentials {
  key: string;
  secret: string;
}

export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null {
  if (header === undefined) return null;
  const match = /^Basic[ ]+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (match === null) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const key = decoded.slice(0, colon);
  // No key of ours holds a control character; the database cannot even compare a NUL.
  if (/[\u0000-\u001f\u007f]/.test(key)) return null;
  return { key, secret: decoded.slice(colon + 1) };
}
