// SIASN sync as GraphQL types: the tenant's connection (never its tokens), the records
// queued for SIASN with the form they carry, and each call made for them.
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType, PageArgs } from '../relay.js';

export enum SiasnStatusEnum {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(SiasnStatusEnum, {
  name: 'SiasnStatus',
  description: 'PENDING: to send (maybe after a backoff); SENT; FAILED: given up, see lastError.',
});

export enum SiasnKindEnum {
  KURSUS = 'KURSUS',
  DIKLAT = 'DIKLAT',
}
registerEnumType(SiasnKindEnum, {
  name: 'SiasnKind',
  description:
    'KURSUS: POST /kursus/save; DIKLAT: POST /diklat/save (structural, jenisDiklatId 1).',
});

@ObjectType('SiasnConnection', {
  description: "The tenant's SIASN connection. Its tokens are stored encrypted and never shown.",
})
export class SiasnConnectionType {
  @Field(() => String)
  baseUrl!: string;

  @Field(() => GraphQLDateTime)
  updatedAt!: Date;

  @Field(() => String, { description: 'Who configured it last (token subject).' })
  updatedBy!: string;
}

@ObjectType('SiasnAttempt', { description: 'One call to SIASN for a record.' })
export class SiasnAttemptType {
  @Field(() => Int, { description: 'The attempt number since the record was last queued.' })
  attempt!: number;

  @Field(() => String, {
    nullable: true,
    description: '/kursus/save or /diklat/save; null when no call was made.',
  })
  endpoint!: string | null;

  @Field(() => Int, { nullable: true, description: "SIASN's HTTP status, if it answered." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => GraphQLDateTime)
  at!: Date;
}

@ObjectType('SiasnRecord', {
  description: "A completed enrollment as SIASN's training-history form, and its sync state.",
})
export class SiasnRecordType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => SiasnKindEnum)
  kind!: SiasnKindEnum;

  @Field(() => SiasnStatusEnum)
  status!: SiasnStatusEnum;

  @Field(() => Int, { description: 'Calls since the record was last queued.' })
  attempts!: number;

  @Field(() => GraphQLDateTime, { description: 'When a PENDING record is sent next.' })
  nextAttemptAt!: Date;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "SIASN's id of the record (rwKursusId / rwDiklatId): updates re-send it.",
  })
  siasnRecordId!: string | null;

  @Field(() => GraphQLDateTime)
  queuedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  sentAt!: Date | null;

  @Field(() => String)
  nip!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true })
  jenisDiklatId!: number | null;

  @Field(() => String)
  namaKursus!: string;

  @Field(() => String, { nullable: true })
  institusiPenyelenggara!: string | null;

  @Field(() => String, { nullable: true })
  nomorSertipikat!: string | null;

  @Field(() => Int, { description: 'Whole JP.' })
  jumlahJam!: number;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  startDate!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  endDate!: string;

  @Field(() => [String], { description: 'Why it cannot be sent as it is (empty when it can).' })
  problems!: string[];

  @Field(() => GraphQLJSONObject, { description: 'The JSON body the next call sends.' })
  body!: Record<string, unknown>;
}

@ArgsType()
export class SiasnRecordsArgs extends PageArgs {
  @Field(() => SiasnStatusEnum, { nullable: true })
  status?: SiasnStatusEnum;
}

export const SiasnRecordConnection = connectionType(SiasnRecordType, 'SiasnRecord');
