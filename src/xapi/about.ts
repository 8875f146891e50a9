// GET /xapi/about: the versions this LRS serves. Open to anyone, as the spec expects
// clients to call it before they authenticate.
import type { FastifyInstance } from 'fastify';
import { servedVersions } from './version.js';

export async function aboutResource(app: FastifyInstance) {
  app.get('/about', { config: { public: true } }, async () => ({
    version: [...servedVersions],
    extensions: {},
  }));
}
