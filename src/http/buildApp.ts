// The Fastify app: request ids and logging, metrics, errors, and the three surfaces
// (health, /xapi, /graphql, /siasn, /integrations/zoom). Building it opens nothing; main.ts decides when to listen.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppServices } from '../appServices.js';
import { graphqlRoutes } from '../graphql/graphqlRoutes.js';
import { xapiRoutes } from '../xapi/xapiRoutes.js';
import { body, httpErrorHandler } from './errorHandler.js';
import { certificateRoutes } from './certificateRoutes.js';
import { healthRoutes } from './healthRoutes.js';
import { siasnRoutes } from './siasnRoutes.js';
import { zoomWebhookRoutes } from './zoomWebhookRoutes.js';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: services.config.maxBodyBytes,
    // Keep a caller's own request id (a proxy's, Moodle's retries) when it is sane.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    // One line per request, written by the onResponse hook below with the route's figures.
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: true,
    }),
    return503OnClosing: true,
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (_request, reply) => {
    // While shutting down, a keep-alive connection would stay open after its last answer
    // and hold the shutdown until the client hangs up: ask the client to close it.
    if (services.lifecycle.shuttingDown) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    services.metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    services.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    // Probes and scrapes arrive every few seconds: keep them out of the info log.
    const level =
      route === '/healthz' || route === '/readyz' || route === '/metrics' ? 'debug' : 'info';
    request.log[level](
      {
        method: request.method,
        url: loggableUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });

  app.setErrorHandler(httpErrorHandler);
  app.setNotFoundHandler(async (request, reply) =>
    reply.status(404).send(body('NOT_FOUND', `no route ${request.method} ${request.url}`, request)),
  );

  await app.register(async (scope) => healthRoutes(scope, services));
  await app.register(async (scope) => xapiRoutes(scope, services), { prefix: '/xapi' });
  await app.register(async (scope) => graphqlRoutes(scope, services));
  await app.register(async (scope) => certificateRoutes(scope, services));
  await app.register(async (scope) => siasnRoutes(scope, services));
  await app.register(async (scope) => zoomWebhookRoutes(scope, services));
  return app;
}

/**
 * The URL as the request log keeps it: a certificate's verification code (`?code=`, which
 * opens the learner's details at the open check) is not written to logs.
 */
export function loggableUrl(url: string): string {
  return url.replace(/([?&]code=)[^&#]*/gi, '$1[redacted]');
}
