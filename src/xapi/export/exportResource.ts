// /xapi/export over HTTP: the statements an export selects, streamed as NDJSON.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../appServices.js';
import { requireScope, versionOf } from '../xapiRequest.js';
import { exportScopeOf, prepareExport } from './exportStatements.js';

export async function exportResource(app: FastifyInstance, services: AppServices) {
  app.get('/export', async (request, reply) => {
    const credential = requireScope(request, 'statements/read', 'statements/read/mine');
    // CSV when asked for by Accept (a spreadsheet's columns), else NDJSON.
    const csv = /\btext\/csv\b/.test(request.headers.accept ?? '');
    const pages = await prepareExport(services.database.db, {
      ...exportScopeOf(credential),
      version: versionOf(request),
      query: request.query as Record<string, unknown>,
      as: csv ? 'csv' : 'ndjson',
    });
    // A failure halfway destroys the stream: the client sees a cut connection, never a
    // file that looks complete.
    return reply
      .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="statements.${csv ? 'csv' : 'ndjson'}"`)
      .send(Readable.from(pages()));
  });
}
