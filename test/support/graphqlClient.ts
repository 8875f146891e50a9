// Calls /graphql as a frontend would: a bearer token minted for a tenant, roles and
// subject, and the answer's data and errors.
import { mintDevelopmentToken } from '../../src/auth/jwt.js';
import type { Role } from '../../src/auth/roles.js';
import type { Tenant } from '../../src/domain/tenants/tenantDirectory.js';
import { testJwtSecret, type TestApp } from './testApp.js';

export interface GraphQLAnswer {
  status: number;
  data: Record<string, unknown> | null | undefined;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function tokenFor(tenant: Tenant, roles: Role[], subject = `user-${roles.join('-')}`) {
  return mintDevelopmentToken({
    secret: testJwtSecret,
    subject,
    tenant: tenant.slug,
    roles,
    expiresIn: '1h',
  });
}

export function graphqlAs(t: TestApp, token: string | null) {
  return async (query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> => {
    const request = t.http().post('/graphql').set('content-type', 'application/json');
    if (token !== null) request.set('authorization', `Bearer ${token}`);
    const response = await request.send(JSON.stringify({ query, variables }));
    return { status: response.status, data: response.body.data, errors: response.body.errors };
  };
}

/** The error code of the first error, or undefined when there is none. */
export function codeOf(answer: GraphQLAnswer): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}

/** The answer's data, after checking that it carries no error. */
export function dataOf<T = Record<string, any>>(answer: GraphQLAnswer): T {
  if (answer.errors !== undefined) {
    throw new Error(`unexpected GraphQL errors: ${JSON.stringify(answer.errors)}`);
  }
  return answer.data as T;
}
