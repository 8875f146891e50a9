// POST /integrations/zoom/webhook/:tenantSlug: Zoom's event notifications for one tenant,
// signed with that tenant's secret token. The route is open to anyone, so before the body is
// read a request without a signature or with a stale timestamp is refused (401), and a body
// over 64 KiB is a 413. The raw body is kept (the signature is over its exact bytes); a bad
// signature is a 401 and nothing is stored. Participant joins
// and leaves are stored once each (Zoom retries) and answered at once: the worker turns them
// into attendance (see domain/meetings/processMeetingEvents.ts).
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppServices } from '../appServices.js';
import { meetingEvents, zoomSettings } from '../db/schema/index.js';
import { zoomTokenPurpose } from '../domain/meetings/meetingRepository.js';
import {
  isZoomParticipantEvent,
  zoomHeaderProblem,
  zoomParticipantEvent,
  zoomSignatureProblem,
  zoomUrlValidation,
} from '../domain/meetings/zoomWebhook.js';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../lib/errors.js';
import { openSecret, SecretBoxError } from '../lib/secretBox.js';

/** Zoom's participant events are a few KiB; the app's global limit is far larger. */
export const zoomWebhookBodyLimit = 64 * 1024;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

export async function zoomWebhookRoutes(app: FastifyInstance, services: AppServices) {
  const db = services.database.db;

  // In this scope only: JSON bodies stay the string they arrived as.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) =>
    done(null, text),
  );

  app.post<{ Params: { tenantSlug: string } }>(
    '/integrations/zoom/webhook/:tenantSlug',
    {
      bodyLimit: zoomWebhookBodyLimit,
      // Before the body is read: no signature, or a stale or missing timestamp, is refused.
      onRequest: async (request) => {
        const problem = zoomHeaderProblem({
          timestamp: header(request, 'x-zm-request-timestamp'),
          signature: header(request, 'x-zm-signature'),
          now: new Date(),
        });
        if (problem !== null) throw new UnauthenticatedError(problem);
      },
    },
    async (request, reply) => {
      const notConfigured = new NotFoundError('no Zoom webhook is configured here');
      const tenant = await services.tenantDirectory.find(request.params.tenantSlug);
      if (tenant === undefined || services.config.secretsKey === undefined) throw notConfigured;
      const [settings] = await db
        .select()
        .from(zoomSettings)
        .where(eq(zoomSettings.tenantId, tenant.id));
      if (settings === undefined) throw notConfigured;
      let secretToken: string;
      try {
        secretToken = openSecret(
          services.config.secretsKey,
          zoomTokenPurpose,
          tenant.id,
          settings.secretTokenSealed,
        );
      } catch (error) {
        if (!(error instanceof SecretBoxError)) throw error;
        request.log.warn({ tenant: tenant.slug }, 'the Zoom secret token cannot be opened');
        throw notConfigured;
      }
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const problem = zoomSignatureProblem({
        secretToken,
        timestamp: header(request, 'x-zm-request-timestamp'),
        signature: header(request, 'x-zm-signature'),
        rawBody,
        now: new Date(),
      });
      if (problem !== null) throw new UnauthenticatedError(problem);

      let body: { event?: unknown; payload?: unknown };
      try {
        body = JSON.parse(rawBody) as typeof body;
      } catch {
        throw new BadUserInputError('the body is not JSON');
      }
      if (typeof body !== 'object' || body === null || typeof body.event !== 'string')
        throw new BadUserInputError('event: missing');

      if (body.event === 'endpoint.url_validation') {
        const plainToken = (body.payload as { plainToken?: unknown } | null)?.plainToken;
        if (typeof plainToken !== 'string' || plainToken === '')
          throw new BadUserInputError('payload.plainToken: missing');
        return zoomUrlValidation(secretToken, plainToken);
      }
      if (!isZoomParticipantEvent(body.event)) {
        // Other events the app may be subscribed to: acknowledged, not kept.
        return reply.status(204).send();
      }
      const event = zoomParticipantEvent(body as { event: string; payload?: unknown });
      await db
        .insert(meetingEvents)
        .values({ tenantId: tenant.id, provider: 'ZOOM', ...event })
        .onConflictDoNothing();
      return reply.status(204).send();
    },
  );
}
