// Mounts Apollo Server at /graphql on the Fastify app.
import { ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import { unwrapResolverError } from '@apollo/server/errors';
import type { AppServices } from '../appServices.js';
import { JejakError } from '../lib/errors.js';
import { jejakSchema } from './buildSchema.js';
import { buildGraphQLContext, type GraphQLContext } from './context.js';
import { formatGraphQLError } from './formatError.js';
import { queryLimitRule } from './queryLimits.js';
import { storableInputPlugin } from './storableInput.js';

export async function graphqlRoutes(app: FastifyInstance, services: AppServices) {
  const apollo = new ApolloServer<GraphQLContext>({
    schema: await jejakSchema(),
    introspection: services.config.graphql.introspection,
    validationRules: [queryLimitRule(services.config.graphql)],
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (src/main.ts): Fastify finishes in-flight requests, then onClose
    // stops Apollo. Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      storableInputPlugin(),
      {
        // Errors that are not the client's fault are logged with the request's id.
        async requestDidStart() {
          return {
            async didEncounterErrors({ contextValue, errors }) {
              for (const error of errors) {
                const original = unwrapResolverError(error);
                const code = error.extensions?.code;
                if (original instanceof JejakError || (code && code !== 'INTERNAL_SERVER_ERROR')) {
                  continue;
                }
                contextValue.logger.error({ err: original, path: error.path }, 'GraphQL error');
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => buildGraphQLContext(services, request),
  });
}
