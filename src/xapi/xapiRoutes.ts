// The LRS under /xapi: authentication, version negotiation, the version header on every
// answer, the 1.0.3 alternate request syntax, and one plugin per resource the spec names.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../appServices.js';
import { body } from '../http/errorHandler.js';
import { BadUserInputError } from '../lib/errors.js';
import { aboutResource } from './about.js';
import { isAlternateRequest, parseFormBody, unwrapAlternateRequest } from './alternateSyntax.js';
import { activitiesAndAgentsResources } from './documents/activitiesAndAgentsResources.js';
import { documentsResource } from './documents/documentsResource.js';
import { exportResource } from './export/exportResource.js';
import { statementsResource } from './statements/statementsResource.js';
import { negotiateVersion, servedVersions, type ServedVersion } from './version.js';
import { xapiAuthentication } from './xapiAuth.js';

export async function xapiRoutes(app: FastifyInstance, services: AppServices) {
  // A request that names no version (or one not served) is answered in the version its
  // client spoke last, so a 1.0.3 client such as Moodle reads a 1.0.3 error. Per process
  // and bounded: a hint, not state.
  const versionSpoken = new BoundedMap<string, ServedVersion>(10_000);

  app.decorateRequest('xapiCredential', null);
  app.decorateRequest('xapiVersion', null);
  app.decorateRequest('xapiMethod', null);

  // Attachments arrive as multipart/mixed; the alternate syntax as a form.
  app.addContentTypeParser('multipart/mixed', { parseAs: 'buffer' }, (_request, payload, done) =>
    done(null, payload),
  );
  // Anything else is kept as bytes for the resource to accept or refuse with a 400 (and
  // documents are stored byte for byte whatever their type).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) =>
    done(null, payload),
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, payload, done) => done(null, parseFormBody(payload as string)),
  );

  const authenticate = xapiAuthentication(services.credentialAuthenticator);
  app.addHook('onRequest', async (request, reply) => {
    // Alternate-syntax requests carry their Authorization in the form body: checked below.
    if (isAlternateRequest(request)) return;
    return authenticate(request, reply);
  });
  app.addHook('preValidation', async (request, reply) => {
    if (!isAlternateRequest(request) || request.xapiMethod !== null) return;
    unwrapAlternateRequest(request);
    if (negotiateVersion(header(request.headers['x-experience-api-version'])) === '2.0.0') {
      throw new BadUserInputError('xAPI 2.0 removed the alternate request syntax (?method=)');
    }
    return authenticate(request, reply);
  });
  app.addHook('preHandler', async (request) => {
    // /about answers any version; an unknown path is a 404 whatever the version.
    if (request.routeOptions.config?.public === true || request.is404) return;
    const asked = header(request.headers['x-experience-api-version']);
    const version = negotiateVersion(asked);
    if (version === undefined) {
      throw new BadUserInputError(
        asked === undefined
          ? 'the X-Experience-API-Version header is required'
          : `X-Experience-API-Version ${asked} is not served; use one of ${servedVersions.join(', ')}`,
      );
    }
    request.xapiVersion = version;
    if (request.xapiCredential) versionSpoken.set(request.xapiCredential.key, version);
  });
  app.addHook('onSend', async (request, reply) => {
    const version =
      request.xapiVersion ??
      negotiateVersion(header(request.headers['x-experience-api-version'])) ??
      (request.xapiCredential ? versionSpoken.get(request.xapiCredential.key) : undefined);
    reply.header('x-experience-api-version', version ?? '2.0.0');
  });

  await app.register(aboutResource);
  await app.register(async (scope) => statementsResource(scope, services));
  await app.register(async (scope) => documentsResource(scope, services));
  await app.register(async (scope) => activitiesAndAgentsResources(scope, services));
  await app.register(async (scope) => exportResource(scope, services));

  // The onRequest hook above runs for this handler too: unknown xAPI paths are
  // authenticated first, so probing them without credentials gives 401, not a map of
  // what exists.
  app.setNotFoundHandler(async (request, reply) =>
    reply
      .status(404)
      .send(body('NOT_FOUND', `no xAPI resource at ${request.method} ${request.url}`, request)),
  );
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A Map that forgets its oldest entry past a size, so no client can grow it without end. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}
