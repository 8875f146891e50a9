// Certificates (STTP), their programme templates and the issuing queue as GraphQL types.
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import {
  ArgsType,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from 'type-graphql';
import { connectionType, PageArgs } from '../relay.js';

export enum CertificateStatusEnum {
  VALID = 'VALID',
  REVOKED = 'REVOKED',
}
registerEnumType(CertificateStatusEnum, { name: 'CertificateStatus' });

@ObjectType('Certificate', {
  description:
    'A certificate (STTP) of a completed enrollment, signed as a compact JWS (EdDSA) that verifies against /.well-known/jwks.json.',
})
export class CertificateType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => CertificateStatusEnum)
  status!: CertificateStatusEnum;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  programId!: string;

  @Field(() => Float)
  jp!: number;

  @Field(() => String)
  qualification!: string;

  @Field(() => GraphQLDateTime)
  issuedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revocationReason!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'What the certificate says: the JWS payload.' })
  content!: Record<string, unknown>;

  @Field(() => String, { description: 'Compact JWS over the content.' })
  jws!: string;

  @Field(() => String, { description: 'Open to anyone; the QR code on the printed page.' })
  verifyUrl!: string;

  @Field(() => String, { description: 'The page to print (needs a bearer token).' })
  printUrl!: string;
}

@ObjectType('QualificationBand')
export class QualificationBandType {
  @Field(() => Float, { description: 'Lowest mean best scaled score (0..1) of the band.' })
  minScaledScore!: number;

  @Field(() => String)
  label!: string;
}

@ObjectType('CertificateTemplate', { description: "How a programme's certificates are made." })
export class CertificateTemplateType {
  @Field(() => ID)
  programId!: string;

  @Field(() => String, {
    description: 'Placeholders: {seq} or {seq:N}, {year}, {month}, {tenant}.',
  })
  numberPattern!: string;

  @Field(() => Int)
  nextSequence!: number;

  @Field(() => String, { nullable: true })
  institution!: string | null;

  @Field(() => String, { nullable: true })
  signatoryName!: string | null;

  @Field(() => String, { nullable: true })
  signatoryTitle!: string | null;

  @Field(() => String, { nullable: true })
  signatoryNip!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is signed.' })
  signedAt!: string | null;

  @Field(() => [QualificationBandType], {
    nullable: true,
    description: 'Null: Sangat Memuaskan > 0.90, Memuaskan > 0.80, Cukup Memuaskan > 0.70.',
  })
  qualificationBands!: QualificationBandType[] | null;
}

@ObjectType('QueuedCertificate', {
  description: 'A completed enrollment waiting for its certificate.',
})
export class QueuedCertificateType {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => GraphQLDateTime)
  queuedAt!: Date;

  @Field(() => Int)
  attempts!: number;

  @Field(() => GraphQLDateTime)
  nextAttemptAt!: Date;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}

@InputType()
export class QualificationBandInput {
  @Field(() => Float)
  minScaledScore!: number;

  @Field(() => String)
  label!: string;
}

@InputType({ description: 'Fields left out keep their value.' })
export class CertificateTemplateInput {
  @Field(() => String, { nullable: true })
  numberPattern?: string;

  @Field(() => String, { nullable: true })
  institution?: string | null;

  @Field(() => String, { nullable: true })
  signatoryName?: string | null;

  @Field(() => String, { nullable: true })
  signatoryTitle?: string | null;

  @Field(() => String, { nullable: true })
  signatoryNip?: string | null;

  @Field(() => String, { nullable: true })
  signedAt?: string | null;

  @Field(() => [QualificationBandInput], { nullable: true })
  qualificationBands?: QualificationBandInput[] | null;
}

@ArgsType()
export class CertificatesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  programId?: string;

  @Field(() => ID, { nullable: true })
  personId?: string;
}

export const CertificateConnection = connectionType(CertificateType, 'Certificate');
export const QueuedCertificateConnection = connectionType(
  QueuedCertificateType,
  'QueuedCertificate',
);
