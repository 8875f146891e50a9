// What every xAPI handler asks of its request: the negotiated version and a scope check.
import type { FastifyRequest } from 'fastify';
import { hasScope, type XapiScope } from '../auth/scopes.js';
import type { AuthenticatedCredential } from '../domain/credentials/authenticateCredential.js';
import { ForbiddenError, UnauthenticatedError } from '../lib/errors.js';
import type { ServedVersion } from './version.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every non-public xAPI route before its handler runs. */
    xapiVersion: ServedVersion | null;
  }
}

export function credentialOf(request: FastifyRequest): AuthenticatedCredential {
  if (request.xapiCredential === null) throw new UnauthenticatedError('not authenticated');
  return request.xapiCredential;
}

export function versionOf(request: FastifyRequest): ServedVersion {
  return request.xapiVersion ?? '2.0.0';
}

export function requireScope(
  request: FastifyRequest,
  ...anyOf: XapiScope[]
): AuthenticatedCredential {
  const credential = credentialOf(request);
  if (!anyOf.some((scope) => hasScope(credential.scopes, scope))) {
    throw new ForbiddenError(`this credential lacks the ${anyOf.join(' or ')} scope`);
  }
  return credential;
}
