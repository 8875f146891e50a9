// Who is acting in the domain layer: the tenant, the token's subject and roles. Built from
// the GraphQL viewer; every repository of the domain is made for one actor, and derives
// from it what the actor may read and write.
import type { Role } from '../../auth/roles.js';
import { ForbiddenError } from '../../lib/errors.js';

export interface Actor {
  tenantId: string;
  subject: string;
  roles: readonly Role[];
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function requireRole(actor: Actor, action: string, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) {
    throw new ForbiddenError(`${action} needs one of the roles ${roles.join(', ')}`);
  }
}
