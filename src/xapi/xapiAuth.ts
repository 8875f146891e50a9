// HTTP Basic authentication of xAPI requests against the stored credentials. Missing,
// wrong and revoked credentials all get the same 401, so a caller learns nothing by trying.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseBasicAuthorization } from '../auth/basicAuth.js';
import type {
  AuthenticatedCredential,
  CredentialAuthenticator,
} from '../domain/credentials/authenticateCredential.js';
import { body } from '../http/errorHandler.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The credential of an authenticated xAPI request; null elsewhere. */
    xapiCredential: AuthenticatedCredential | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without credentials (the spec's /about). */
    public?: boolean;
  }
}

export const wwwAuthenticate = 'Basic realm="Jejak xAPI", charset="UTF-8"';

export function xapiAuthentication(authenticator: CredentialAuthenticator) {
  return async function authenticateXapiRequest(request: FastifyRequest, reply: FastifyReply) {
    if (request.routeOptions.config?.public === true) return;
    const presented = parseBasicAuthorization(request.headers.authorization);
    const credential =
      presented === null ? null : await authenticator.authenticate(presented.key, presented.secret);
    if (credential === null) {
      return reply
        .status(401)
        .header('www-authenticate', wwwAuthenticate)
        .send(
          body(
            'UNAUTHENTICATED',
            presented === null
              ? 'xAPI requests need HTTP Basic authentication with a Jejak credential'
              : 'the credential is unknown, revoked, or its secret is wrong',
            request,
          ),
        );
    }
    request.xapiCredential = credential;
  };
}
