// SIASN sync: thin adapters over the caller's SIASN repository and loaders.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { siasnBody, siasnProblems } from '../../domain/siasn/siasnBody.js';
import type { SiasnRecord } from '../../domain/siasn/siasnRepository.js';
import { formOfRecord } from '../../domain/siasn/sendSiasnRecords.js';
import { presentOnly } from '../../lib/definedOnly.js';
import type { GraphQLContext } from '../context.js';
import { EnrollmentType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import { ConfigureSiasnInput } from './siasn.input.js';
import {
  SiasnAttemptType,
  SiasnConnectionType,
  SiasnRecordConnection,
  SiasnRecordsArgs,
  SiasnRecordType,
} from './siasn.type.js';

export function toSiasnRecordType(row: SiasnRecord): SiasnRecordType {
  const form = formOfRecord(row);
  return {
    ...(row as unknown as SiasnRecordType),
    problems: siasnProblems(form),
    body: siasnBody(form, row.siasnRecordId),
  };
}

@Resolver(() => SiasnRecordType)
export class SiasnRecordResolver {
  @Authorized('ADMIN')
  @Query(() => SiasnConnectionType, {
    nullable: true,
    description: "The tenant's SIASN connection; null until configureSiasn.",
  })
  async siasnConnection(@Ctx() context: GraphQLContext) {
    return (await context.domain().siasn.connection()) ?? null;
  }

  @Authorized('ADMIN', 'ANALYST')
  @Query(() => SiasnRecordConnection, {
    description: 'Completed enrollments queued for SIASN, newest first.',
  })
  async siasnRecords(
    @Args(() => SiasnRecordsArgs) args: SiasnRecordsArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .siasn.list(presentOnly({ status: args.status }), pageOf(args as PageArgs));
    return toConnection(page, toSiasnRecordType);
  }

  @Authorized('ADMIN')
  @Mutation(() => SiasnConnectionType, {
    description:
      "Sets the tenant's SIASN base URL and tokens (stored encrypted; needs JEJAK_SECRETS_KEY). Records waiting go out at once.",
  })
  configureSiasn(
    @Arg('input', () => ConfigureSiasnInput) input: ConfigureSiasnInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().siasn.configure(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => SiasnRecordType, {
    description:
      'Builds the SIASN record of a COMPLETED enrollment again from the database and queues it; once SIASN has it, the send is an update.',
  })
  async syncEnrollmentToSiasn(
    @Arg('enrollmentId', () => ID) enrollmentId: string,
    @Ctx() context: GraphQLContext,
  ) {
    return toSiasnRecordType(await context.domain().siasn.sync(enrollmentId));
  }

  @Authorized('ADMIN')
  @Mutation(() => SiasnRecordType, {
    description: 'Queues a PENDING or FAILED record again, now, its attempts reset.',
  })
  async retrySiasnRecord(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return toSiasnRecordType(await context.domain().siasn.retry(id));
  }

  @FieldResolver(() => [SiasnAttemptType], {
    description: 'The latest calls (20 at most), oldest first.',
  })
  attemptLog(@Root() record: SiasnRecordType, @Ctx() context: GraphQLContext) {
    return context.loaders.siasnAttemptsByRecordId.load(record.id);
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentSiasnResolver {
  @FieldResolver(() => SiasnRecordType, {
    nullable: true,
    description: 'Its SIASN record, if queued (ADMIN and ANALYST; null for others).',
  })
  async siasnRecord(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    const row = await context.loaders.siasnRecordByEnrollmentId.load(enrollment.id);
    return row ? toSiasnRecordType(row) : null;
  }
}
