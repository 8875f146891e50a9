// The per-request GraphQL context: who is calling (from the bearer token), the request's
// logger, and fresh DataLoaders. Built by Apollo for every request, never shared.
import { GraphQLError } from 'graphql';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { AppServices } from '../appServices.js';
import { bearerViewer, type Viewer } from '../auth/bearerViewer.js';
import { JejakError } from '../lib/errors.js';
import { domainForViewer, type Domain } from './domainForViewer.js';
import { createLoaders, type Loaders } from './loaders.js';

export type { Viewer } from '../auth/bearerViewer.js';

export interface GraphQLContext {
  requestId: string;
  /** The request's child logger: every line carries the request id. */
  logger: FastifyBaseLogger;
  services: AppServices;
  /** Null for a request without a token: only public fields answer it. */
  viewer: Viewer | null;
  /** The domain as this caller may use it; throws UNAUTHENTICATED without a viewer. */
  domain: () => Domain;
  loaders: Loaders;
}

export async function buildGraphQLContext(
  services: AppServices,
  request: FastifyRequest,
): Promise<GraphQLContext> {
  const viewer = await viewerOf(services, request.headers.authorization);
  const domain = domainForViewer(services, viewer);
  return {
    requestId: request.id,
    logger: request.log,
    services,
    viewer,
    domain,
    loaders: createLoaders(services, domain),
  };
}

async function viewerOf(services: AppServices, authorization: string | undefined) {
  try {
    return await bearerViewer(services, authorization, 'GraphQL');
  } catch (error) {
    if (!(error instanceof JejakError)) throw error;
    // A bad token fails the whole request with 401: answering it as anonymous would hide
    // the caller's mistake behind "not authenticated" errors on each field.
    throw new GraphQLError(error.message, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
}
