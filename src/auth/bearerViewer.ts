// Who calls with "Authorization: Bearer <JWT>": the token's subject, roles and tenant. Shared
// by GraphQL and the REST routes that take the same tokens (certificates, exports).
import type { AppServices } from '../appServices.js';
import type { Actor } from '../domain/access/actor.js';
import type { Tenant } from '../domain/tenants/tenantDirectory.js';
import { UnauthenticatedError } from '../lib/errors.js';
import type { Role } from './roles.js';

export interface Viewer {
  subject: string;
  tenant: Tenant;
  roles: Role[];
}

/** The caller, null without an Authorization header; UnauthenticatedError for a bad one. */
export async function bearerViewer(
  services: AppServices,
  authorization: string | undefined,
  surface: string,
): Promise<Viewer | null> {
  if (authorization === undefined || authorization.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match === null)
    throw new UnauthenticatedError(`${surface} expects "Authorization: Bearer <JWT>"`);
  const claims = await services.tokenVerifier.verify(match[1]!);
  const tenant = await services.tenantDirectory.find(claims.tenant);
  if (tenant === undefined)
    throw new UnauthenticatedError(`the token's tenant "${claims.tenant}" does not exist`);
  return { subject: claims.subject, tenant, roles: claims.roles };
}

/** The caller of a REST route that needs a token, as a domain actor. */
export async function requireBearerActor(
  services: AppServices,
  authorization: string | undefined,
  route: string,
): Promise<Actor> {
  const viewer = await bearerViewer(services, authorization, route);
  if (viewer === null)
    throw new UnauthenticatedError(`${route} needs "Authorization: Bearer <JWT>"`);
  return { tenantId: viewer.tenant.id, subject: viewer.subject, roles: viewer.roles };
}
