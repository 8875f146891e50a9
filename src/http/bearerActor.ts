// The caller of a plain HTTP route that takes the GraphQL API's bearer JWT (e.g. a CSV
// download): the same verifier and tenant lookup as the GraphQL context, as a domain actor.
import type { FastifyRequest } from 'fastify';
import type { AppServices } from '../appServices.js';
import type { Actor } from '../domain/access/actor.js';
import { UnauthenticatedError } from '../lib/errors.js';

export async function bearerActor(services: AppServices, request: FastifyRequest): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match === null)
    throw new UnauthenticatedError('this route needs "Authorization: Bearer <JWT>"');
  const claims = await services.tokenVerifier.verify(match[1]!);
  const tenant = await services.tenantDirectory.find(claims.tenant);
  if (tenant === undefined) {
    throw new UnauthenticatedError(`the token's tenant "${claims.tenant}" does not exist`);
  }
  return { tenantId: tenant.id, subject: claims.subject, roles: claims.roles };
}
