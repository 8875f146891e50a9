// The `health` query's answer.
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum HealthStatus {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
}
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  valuesConfig: {
    OK: { description: 'The database answers.' },
    DEGRADED: { description: 'The process runs but the database does not answer.' },
  },
});

@ObjectType({ description: 'Whether this Jejak instance can serve requests.' })
export class Health {
  @Field(() => HealthStatus)
  status!: HealthStatus;

  @Field(() => Boolean)
  databaseReachable!: boolean;

  @Field(() => String, { description: 'The version of Jejak answering.' })
  version!: string;
}
