// The LRS under /xapi: authentication, the version header on every answer, and one plugin
// per resource the spec names. Later resources (statements, documents) register here.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../appServices.js';
import { body } from '../http/errorHandler.js';
import { aboutResource } from './about.js';
import { negotiateVersion } from './version.js';
import { xapiAuthentication } from './xapiAuth.js';

export async function xapiRoutes(app: FastifyInstance, services: AppServices) {
  app.decorateRequest('xapiCredential', null);
  app.addHook('onRequest', xapiAuthentication(services.credentialAuthenticator));
  app.addHook('onSend', async (request, reply) => {
    const version = negotiateVersion(
      request.headers['x-experience-api-version'] as string | undefined,
    );
    reply.header('x-experience-api-version', version ?? '2.0.0');
  });

  await app.register(aboutResource);

  // The onRequest hook above runs for this handler too: unknown xAPI paths are
  // authenticated first, so probing them without credentials gives 401, not a map of
  // what exists.
  app.setNotFoundHandler(async (request, reply) =>
    reply
      .status(404)
      .send(body('NOT_FOUND', `no xAPI resource at ${request.method} ${request.url}`, request)),
  );
}
