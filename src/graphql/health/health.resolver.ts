// `health`: public, for frontends and probes that speak only GraphQL.
import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { jejakVersion } from '../../lib/version.js';
import { Health, HealthStatus } from './health.type.js';

@Resolver()
export class HealthResolver {
  @Query(() => Health)
  async health(@Ctx() context: GraphQLContext): Promise<Health> {
    const databaseReachable = await context.services.database.ping().then(
      () => true,
      () => false,
    );
    return {
      status: databaseReachable ? HealthStatus.OK : HealthStatus.DEGRADED,
      databaseReachable,
      version: jejakVersion,
    };
  }
}
