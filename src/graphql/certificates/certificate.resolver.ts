// Certificates through GraphQL: thin adapters over the caller's certificate repository.
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
import type { CertificateContent } from '../../domain/certificates/certificateContent.js';
import type { Certificate } from '../../domain/certificates/certificateRepository.js';
import { certificateUrls } from '../../domain/certificates/certificateUrls.js';
import { certificateStatus } from '../../domain/certificates/verifyCertificate.js';
import { presentOnly } from '../../lib/definedOnly.js';
import type { GraphQLContext } from '../context.js';
import { EnrollmentType } from '../programs/program.type.js';
import { PageArgs, pageOf, toConnection } from '../relay.js';
import {
  CertificateConnection,
  CertificatesArgs,
  CertificateStatusEnum,
  CertificateTemplateInput,
  CertificateTemplateType,
  CertificateType,
  QueuedCertificateConnection,
} from './certificate.type.js';

function toCertificateType(row: Certificate, publicUrl: string): CertificateType {
  const content = row.payload as CertificateContent;
  return {
    ...row,
    status: CertificateStatusEnum[certificateStatus(row.revokedAt)],
    qualification: content.qualification,
    content: content as unknown as Record<string, unknown>,
    ...certificateUrls(publicUrl, row.number, row.verificationCode),
  };
}

const publicUrlOf = (context: GraphQLContext) => context.services.config.certificates.publicUrl;

@Resolver(() => CertificateType)
export class CertificateResolver {
  @Authorized()
  @Query(() => CertificateConnection, {
    description: "Newest first: staff see the tenant's, anyone else their own.",
  })
  async certificates(
    @Args(() => CertificatesArgs) args: CertificatesArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context
      .domain()
      .certificates.list(
        presentOnly({ programId: args.programId, personId: args.personId }),
        pageOf(args),
      );
    return toConnection(page, (row) => toCertificateType(row, publicUrlOf(context)));
  }

  @Authorized()
  @Query(() => CertificateType)
  async certificate(@Arg('number', () => String) number: string, @Ctx() context: GraphQLContext) {
    return toCertificateType(
      await context.domain().certificates.byNumber(number),
      publicUrlOf(context),
    );
  }

  @Authorized('ADMIN')
  @Query(() => QueuedCertificateConnection, {
    description: 'Completed enrollments still waiting for their certificate, oldest first.',
  })
  async certificateQueue(@Args(() => PageArgs) args: PageArgs, @Ctx() context: GraphQLContext) {
    return toConnection(await context.domain().certificates.queue(pageOf(args)), (row) => row);
  }

  @Authorized('ADMIN')
  @Query(() => CertificateTemplateType, {
    nullable: true,
    description: "The programme's certificate settings; null while it uses the defaults.",
  })
  certificateTemplate(
    @Arg('programId', () => ID) programId: string,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().certificates.templateOf(programId);
  }

  @Authorized('ADMIN')
  @Mutation(() => CertificateType, {
    description:
      'Issues the certificate of a completed enrollment now (the worker does it on its own), or returns the one it has.',
  })
  async issueCertificate(
    @Arg('enrollmentId', () => ID) enrollmentId: string,
    @Ctx() context: GraphQLContext,
  ) {
    return toCertificateType(
      await context.domain().certificates.issue(enrollmentId),
      publicUrlOf(context),
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => CertificateType, { description: 'Verification reports it REVOKED from now.' })
  async revokeCertificate(
    @Arg('number', () => String) number: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: GraphQLContext,
  ) {
    return toCertificateType(
      await context.domain().certificates.revoke(number, reason),
      publicUrlOf(context),
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => CertificateTemplateType)
  setCertificateTemplate(
    @Arg('programId', () => ID) programId: string,
    @Arg('input', () => CertificateTemplateInput) input: CertificateTemplateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.domain().certificates.setTemplate(programId, input);
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentCertificateResolver {
  @FieldResolver(() => CertificateType, { nullable: true })
  async certificate(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    const row = await context.loaders.certificateByEnrollmentId.load(enrollment.id);
    return row === undefined ? null : toCertificateType(row, publicUrlOf(context));
  }
}
