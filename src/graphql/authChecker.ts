// type-graphql's @Authorized(): no viewer → UNAUTHENTICATED, a viewer without any of the
// listed roles → FORBIDDEN.
import type { AuthChecker } from 'type-graphql';
import type { Role } from '../auth/roles.js';
import { ForbiddenError, UnauthenticatedError } from '../lib/errors.js';
import type { GraphQLContext } from './context.js';

export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, allowed) => {
  if (context.viewer === null) {
    throw new UnauthenticatedError('this field needs "Authorization: Bearer <JWT>"');
  }
  if (allowed.length > 0 && !allowed.some((role) => context.viewer!.roles.includes(role))) {
    throw new ForbiddenError(`this field needs one of the roles ${allowed.join(', ')}`);
  }
  return true;
};
