// Query depth and cost limits, and introspection, as configured: refused before anything
// runs, with a message that says what to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../src/domain/tenants/tenantDirectory.js';
import { graphqlAs, tokenFor } from './support/graphqlClient.js';
import { createTestTenant, startTestApp, testConfig, type TestApp } from './support/testApp.js';

describe('GraphQL query limits', () => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await startTestApp({ graphql: { introspection: false, maxDepth: 6, maxCost: 2000 } });
    tenant = await createTestTenant(t.database);
  });
  afterAll(async () => t?.close());

  it('serves queries within the limits', async () => {
    const admin = graphqlAs(t, await tokenFor(tenant, ['ADMIN']));
    const answer = await admin(`{ people(first: 100) { nodes { name nip orgUnit { name } } } }`);
    expect(answer.errors).toBeUndefined();
  });

  it('refuses a query deeper than the limit', async () => {
    const admin = graphqlAs(t, await tokenFor(tenant, ['ADMIN']));
    const answer = await admin(
      `{ cohorts { nodes { program { modules { title } } enrollments { nodes { person { orgUnit { agency { name } } } } } } } }`,
    );
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors![0]!.message).toMatch(/levels deep; at most 6/);
  });

  it('refuses a query whose pages multiply past the cost limit, fragments included', async () => {
    const admin = graphqlAs(t, await tokenFor(tenant, ['ADMIN']));
    const answer = await admin(
      `query { cohorts(first: 50) { nodes { ...C } } }
       fragment C on Cohort { enrollments(first: 50) { nodes { status } } }`,
    );
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.message).toMatch(/ask for smaller pages/);
    const variables = await admin(
      `query ($n: Int) { cohorts(first: $n) { nodes { enrollments(first: $n) { nodes { status } } } } }`,
      { n: 2 },
    );
    expect(variables.errors![0]!.message).toMatch(/smaller pages/);
  });

  it('refuses introspection when it is turned off', async () => {
    const answer = await graphqlAs(t, null)(`{ __schema { types { name } } }`);
    expect(answer.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(testConfig().graphql.introspection).toBe(true);
  });
});
