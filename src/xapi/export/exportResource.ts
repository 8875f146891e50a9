// /xapi/export over HTTP: the statements an export selects, streamed as NDJSON.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../appServices.js';
import { requireScope, versionOf } from '../xapiRequest.js';
import { exportScopeOf, prepareExport } from './exportStatements.js';

export async function exportResource(app: FastifyInstance, services: AppServices) {
  app.get('/export', async (request, reply) => {
    const credential = requireScope(request, 'statements/read', 'statements/read/mine');
    const pages = await prepareExport(services.database.db, {
      ...exportScopeOf(credential),
      version: versionOf(request),
      query: request.query as Record<string, unknown>,
    });
    // A failure halfway destroys the stream: the client sees a cut connection, never a
    // file that looks complete.
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="statements.ndjson"')
      .send(Readable.from(pages()));
  });
}
