// `viewer`: who the token says is calling. A request without a token gets UNAUTHENTICATED.
import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { NotFoundError } from '../../lib/errors.js';
import { TenantType, ViewerType } from './viewer.type.js';

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Authorized()
  @Query(() => ViewerType)
  viewer(@Ctx() context: GraphQLContext): ViewerType {
    const viewer = context.viewer!;
    return { subject: viewer.subject, roles: viewer.roles, tenantId: viewer.tenant.id };
  }

  @FieldResolver(() => TenantType)
  async tenant(@Root() viewer: ViewerType, @Ctx() context: GraphQLContext): Promise<TenantType> {
    const tenant = await context.loaders.tenantById.load(viewer.tenantId);
    if (tenant === undefined) throw new NotFoundError('the tenant no longer exists');
    return tenant;
  }
}
