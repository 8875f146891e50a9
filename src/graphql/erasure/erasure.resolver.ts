// Erasure of a person and the erasure audit (ADMIN): thin adapters over the caller's
// erasure repository.
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import { ErasureConnection, ErasureType } from './erasure.type.js';

@Resolver(() => ErasureType)
export class ErasureResolver {
  @Authorized('ADMIN')
  @Mutation(() => ErasureType, {
    description:
      'Erases a person and everything about them (statements, documents, records), all or nothing; confirmNip must be their NIP. Returns the audit entry.',
  })
  erasePerson(
    @Arg('id', () => ID) id: string,
    @Arg('confirmNip', () => String) confirmNip: string,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().erasures.erase(id, confirmNip);
  }

  @Authorized('ADMIN')
  @Query(() => ErasureConnection, { description: 'The erasure audit, newest first.' })
  async erasureAudit(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    return toConnection(await context.domain().erasures.audit(pageOf(args)), (row) => row);
  }
}
