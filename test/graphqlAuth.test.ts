// GraphQL authentication: tokens verified with jose (HS256 secret and a JWKS served over
// HTTP), their claims turned into the viewer, and every failure an UNAUTHENTICATED error.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../src/domain/tenants/tenantDirectory.js';
import { createTestTenant, startTestApp, testJwtSecret, type TestApp } from './support/testApp.js';

const issuer = 'https://sso.bpsdm.example.go.id';
const audience = 'jejak';

describe('GraphQL authentication', () => {
  let t: TestApp;
  let tenant: Tenant;
  let jwksServer: Server;
  let idpKey: CryptoKey;
  let strangerKey: CryptoKey;

  beforeAll(async () => {
    // An identity provider publishing its RS256 public key as a JWKS.
    const idp = await generateKeyPair('RS256');
    idpKey = idp.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwks = {
      keys: [{ ...(await exportJWK(idp.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }],
    };
    jwksServer = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    t = await startTestApp({
      jwt: {
        secret: testJwtSecret,
        jwksUrl: new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`),
        issuer,
        audience,
      },
    });
    tenant = await createTestTenant(t.database);
  });
  afterAll(async () => {
    await t?.close();
    jwksServer?.close();
  });

  const hs256 = (claims: JWTPayload, options: { exp?: string | null; secret?: string } = {}) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt();
    if (options.exp !== null) jwt = jwt.setExpirationTime(options.exp ?? '10m');
    return jwt.sign(new TextEncoder().encode(options.secret ?? testJwtSecret));
  };

  const viewerQuery = { query: '{ viewer { subject roles tenant { id slug name } } }' };
  const post = (body: object, authorization?: string) => {
    const request = t.http().post('/graphql').set('content-type', 'application/json');
    if (authorization !== undefined) request.set('authorization', authorization);
    return request.send(body);
  };

  it('answers the public health query without a token', async () => {
    const response = await post({
      query: '{ health { status databaseReachable version } }',
    }).expect(200);
    expect(response.body.data.health).toMatchObject({ status: 'OK', databaseReachable: true });
  });

  it('answers viewer without a token with UNAUTHENTICATED, not a 500', async () => {
    const response = await post(viewerQuery).expect(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('accepts an HS256 token naming the tenant by slug or by id', async () => {
    for (const tenantClaim of [tenant.slug, tenant.id]) {
      const token = await hs256({
        sub: '198609262015051001',
        tenant: tenantClaim,
        roles: ['FACILITATOR', 'MENTOR'],
      });
      const response = await post(viewerQuery, `Bearer ${token}`).expect(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.viewer).toEqual({
        subject: '198609262015051001',
        roles: ['FACILITATOR', 'MENTOR'],
        tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      });
    }
  });

  it('ignores roles it does not know', async () => {
    const token = await hs256({
      sub: 'u1',
      tenant: tenant.slug,
      roles: ['LEARNER', 'offline_access'],
    });
    const response = await post(viewerQuery, `Bearer ${token}`).expect(200);
    expect(response.body.data.viewer.roles).toEqual(['LEARNER']);
  });

  it('accepts an RS256 token signed by the key in the JWKS', async () => {
    const token = await new SignJWT({ tenant: tenant.slug, roles: ['ANALYST'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setSubject('analyst-7')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(idpKey);
    const response = await post(viewerQuery, `Bearer ${token}`).expect(200);
    expect(response.body.data.viewer).toMatchObject({ subject: 'analyst-7', roles: ['ANALYST'] });
  });

  const rejected: [string, () => Promise<string>][] = [
    [
      'an expired token',
      async () => `Bearer ${await hs256({ sub: 'u', tenant: 'x' }, { exp: '-1m' })}`,
    ],
    [
      'a token without exp',
      async () => `Bearer ${await hs256({ sub: 'u', tenant: 'x' }, { exp: null })}`,
    ],
    [
      'a token signed with another secret',
      async () => `Bearer ${await hs256({ sub: 'u', tenant: 'x' }, { secret: 'x'.repeat(40) })}`,
    ],
    ['a token without sub', async () => `Bearer ${await hs256({ tenant: 'x' })}`],
    ['a token without tenant', async () => `Bearer ${await hs256({ sub: 'u' })}`],
    [
      'a token whose roles are not an array',
      async () => `Bearer ${await hs256({ sub: 'u', tenant: 'x', roles: 'ADMIN' })}`,
    ],
    [
      'a token for an unknown tenant',
      async () => `Bearer ${await hs256({ sub: 'u', tenant: 'no-such-agency' })}`,
    ],
    [
      'a token for another audience',
      async () =>
        `Bearer ${await new SignJWT({ tenant: 'x' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(issuer).setAudience('other-app').setExpirationTime('5m').sign(new TextEncoder().encode(testJwtSecret))}`,
    ],
    [
      'a token from another issuer',
      async () =>
        `Bearer ${await new SignJWT({ tenant: 'x' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('https://evil.example').setAudience(audience).setExpirationTime('5m').sign(new TextEncoder().encode(testJwtSecret))}`,
    ],
    [
      'an RS256 token signed by a key outside the JWKS',
      async () =>
        `Bearer ${await new SignJWT({ tenant: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setSubject('u').setIssuer(issuer).setAudience(audience).setExpirationTime('5m').sign(strangerKey)}`,
    ],
    [
      'an unsigned token (alg none)',
      async () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `Bearer ${part({ alg: 'none' })}.${part({ sub: 'u', tenant: 'x', exp: 9999999999 })}.`;
      },
    ],
    ['a value that is not a JWT', async () => 'Bearer not-a-jwt'],
    ['a Basic credential', async () => `Basic ${Buffer.from('key:secret').toString('base64')}`],
  ];

  for (const [what, authorization] of rejected) {
    it(`rejects ${what} with 401 UNAUTHENTICATED`, async () => {
      const response = await post(viewerQuery, await authorization());
      expect(response.status).toBe(401);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(response.body.errors[0].message).not.toMatch(/internal/i);
    });
  }

  it('answers a query that does not parse with a 400, not a 500', async () => {
    const response = await post({ query: '{ viewer { ' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a query for an unknown field with a validation error', async () => {
    const response = await post({ query: '{ nothingHere }' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
