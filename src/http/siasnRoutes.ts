// GET /siasn/records.csv: the tenant's SIASN records in the columns of SIASN's form, for
// agencies that enter training history by hand (bearer JWT, ADMIN or ANALYST; `?status=`
// PENDING, SENT or FAILED). Streamed a keyset page at a time.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../appServices.js';
import { createSiasnRepository, siasnStatuses } from '../domain/siasn/siasnRepository.js';
import { BadUserInputError } from '../lib/errors.js';
import { requireBearerActor } from '../auth/bearerViewer.js';

export async function siasnRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/siasn/records.csv', async (request, reply) => {
    const actor = await requireBearerActor(services, request.headers.authorization, 'this route');
    const { status } = request.query as { status?: unknown };
    if (status !== undefined && !(siasnStatuses as readonly unknown[]).includes(status)) {
      throw new BadUserInputError(`status: must be one of ${siasnStatuses.join(', ')}`);
    }
    const repository = createSiasnRepository(
      services.database.db,
      actor,
      services.config.secretsKey,
    );
    const chunks = repository.csv(status === undefined ? {} : { status: status as string });
    // A failure halfway destroys the stream: the client sees a cut connection, never a
    // file that looks complete.
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="siasn-records.csv"')
      .send(Readable.from(chunks));
  });
}
