// The caller as its token describes it, and the tenant it acts in.
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { roles, type Role } from '../../auth/roles.js';

export const RoleEnum = Object.fromEntries(roles.map((role) => [role, role])) as {
  [R in Role]: R;
};
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a caller may do, from the `roles` claim of its token.',
});

@ObjectType('Tenant', {
  description: 'A training agency (BPSDM, Pusdiklat) that owns its learning records.',
})
export class TenantType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}

@ObjectType('Viewer', { description: 'The authenticated caller.' })
export class ViewerType {
  @Field(() => String, { description: 'The `sub` claim: a person or user id.' })
  subject!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  /** Resolved by ViewerResolver through the tenant loader. */
  tenantId!: string;
}
