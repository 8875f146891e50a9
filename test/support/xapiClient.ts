// Talks to /xapi as an LRS client would: Basic auth and the version header on every
// request, plus a factory of small valid statements.
import { randomUUID } from 'node:crypto';
import type { XapiScope } from '../../src/auth/scopes.js';
import type { Tenant } from '../../src/domain/tenants/tenantDirectory.js';
import { basicAuth, createTestCredential, createTestTenant, type TestApp } from './testApp.js';

export type Version = '1.0.3' | '2.0.0';

export interface XapiClient {
  tenant: Tenant;
  credentialId: string;
  /** The Authorization header value, for requests built by hand. */
  auth: string;
  post(body: unknown, version?: Version): ReturnType<ReturnType<TestApp['http']>['post']>;
  put(id: string, body: unknown, version?: Version): ReturnType<ReturnType<TestApp['http']>['put']>;
  get(
    query?: Record<string, string>,
    version?: Version,
  ): ReturnType<ReturnType<TestApp['http']>['get']>;
}

export async function xapiClient(
  t: TestApp,
  options: { tenant?: Tenant; scopes?: XapiScope[]; version?: Version } = {},
): Promise<XapiClient> {
  const tenant = options.tenant ?? (await createTestTenant(t.database));
  const { key, secret, credential } = await createTestCredential(
    t.database,
    tenant,
    options.scopes ?? ['all'],
  );
  const auth = basicAuth(key, secret);
  const defaultVersion = options.version ?? '2.0.0';
  return {
    tenant,
    credentialId: credential.id,
    auth,
    post: (body, version = defaultVersion) =>
      t
        .http()
        .post('/xapi/statements')
        .set('authorization', auth)
        .set('x-experience-api-version', version)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body)),
    put: (id, body, version = defaultVersion) =>
      t
        .http()
        .put('/xapi/statements')
        .query({ statementId: id })
        .set('authorization', auth)
        .set('x-experience-api-version', version)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body)),
    get: (query = {}, version = defaultVersion) =>
      t
        .http()
        .get('/xapi/statements')
        .query(query)
        .set('authorization', auth)
        .set('x-experience-api-version', version),
  };
}

export const verbs = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  viewed: 'http://id.tincanapi.com/verb/viewed',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};

export const moodleSite = 'https://lms.bpsdm.example.go.id';

/** A learner as Moodle's logstore_xapi names one: an account on the site, by NIP. */
export function learner(nip: string) {
  return { objectType: 'Agent', name: `ASN ${nip}`, account: { homePage: moodleSite, name: nip } };
}

export function activity(path: string, name?: string) {
  return {
    id: `${moodleSite}${path}`,
    objectType: 'Activity',
    ...(name === undefined ? {} : { definition: { name: { 'id-ID': name } } }),
  };
}

export function statement(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    actor: learner('199001012015011001'),
    verb: { id: verbs.completed, display: { 'en-US': 'completed' } },
    object: activity('/mod/quiz/view.php?id=7', 'Kuis Modul 1'),
    ...overrides,
  };
}

/** Reads a response body as raw bytes, whatever its type (supertest's `.parse`). */
export function rawBody(
  res: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  done: (error: Error | null, body: unknown) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
