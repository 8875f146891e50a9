// Liveness, readiness and metrics. /healthz says the process answers; /readyz says it can
// serve: the database answers and every migration of this build is applied.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../appServices.js';
import { migrationStatus } from '../db/migrate.js';

const readinessTimeoutMs = 2000;

export async function healthRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    if (services.lifecycle.shuttingDown) {
      return reply.status(503).send({ status: 'shutting-down' });
    }
    try {
      const status = await withTimeout(migrationStatus(services.database.db), readinessTimeoutMs);
      if (!status.current) {
        return reply.status(503).send({ status: 'migrations-pending', ...status });
      }
      return { status: 'ready', database: services.database.kind, migrations: status.applied };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'database-unreachable' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', services.metrics.registry.contentType);
    return services.metrics.registry.metrics();
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
