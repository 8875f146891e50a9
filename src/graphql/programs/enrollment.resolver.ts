// Enrollments: thin adapters over the enrollment use cases and the caller's loaders.
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { enrollPeople, enrollPerson } from '../../domain/enrollments/enrollPerson.js';
import { updateEnrollmentStatus } from '../../domain/enrollments/updateEnrollmentStatus.js';
import type { Enrollment } from '../../domain/programs/programRepository.js';
import type { GraphQLContext } from '../context.js';
import { PersonType } from '../people/person.type.js';
import { loadPerson } from '../people/person.resolver.js';
import { toCohortType } from './cohort.resolver.js';
import {
  EnrollPeopleInput,
  EnrollPersonInput,
  UpdateEnrollmentStatusInput,
} from './program.input.js';
import { CohortType, EnrollmentType } from './program.type.js';

export const toEnrollmentType = (enrollment: Enrollment) => enrollment as unknown as EnrollmentType;

@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  @FieldResolver(() => PersonType, {
    nullable: true,
    description: 'Null when the caller may not see the person.',
  })
  async person(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    return loadPerson(context, enrollment.personId);
  }

  @FieldResolver(() => CohortType, { nullable: true })
  async cohort(@Root() enrollment: EnrollmentType, @Ctx() context: GraphQLContext) {
    const cohort = await context.loaders.cohortById.load(enrollment.cohortId);
    return cohort ? toCohortType(cohort) : null;
  }

  @Authorized('ADMIN')
  @Mutation(() => EnrollmentType, { description: 'Also records a "registered" xAPI statement.' })
  async enrollPerson(
    @Arg('input', () => EnrollPersonInput) input: EnrollPersonInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, programs } = context.domain();
    return toEnrollmentType(await enrollPerson(db, actor, programs, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => [EnrollmentType], {
    description:
      'Enrolls a list of people at once (at most 500), all or nothing; each also records a "registered" statement.',
  })
  async enrollPeople(
    @Arg('input', () => EnrollPeopleInput) input: EnrollPeopleInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, programs } = context.domain();
    return (await enrollPeople(db, actor, programs, input)).map(toEnrollmentType);
  }

  @Authorized('ADMIN', 'FACILITATOR')
  @Mutation(() => EnrollmentType, {
    description: 'COMPLETED, FAILED and WITHDRAWN also record an xAPI statement.',
  })
  async updateEnrollmentStatus(
    @Arg('input', () => UpdateEnrollmentStatusInput) input: UpdateEnrollmentStatusInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { db, actor, programs } = context.domain();
    return toEnrollmentType(await updateEnrollmentStatus(db, actor, programs, input));
  }
}
