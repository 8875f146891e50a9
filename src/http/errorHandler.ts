// The one place where errors become HTTP answers: client mistakes keep their 4xx status and
// message, anything unexpected is logged and answered with a 500 that reveals nothing.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { BadUserInputError, JejakError, type InputProblem } from '../lib/errors.js';

export interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  problems?: InputProblem[];
}

const clientErrorNames: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  411: 'LENGTH_REQUIRED',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

export function httpErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof JejakError) {
    const answer = body(error.code, error.message, request);
    if (error instanceof BadUserInputError && error.problems) answer.problems = error.problems;
    return reply.status(error.httpStatus).send(answer);
  }
  // Fastify's own client errors: unparsable JSON, body too large, unsupported media type.
  // Their FST_ERR_* codes are Fastify's internals; clients get stable names instead.
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return reply
      .status(status)
      .send(body(clientErrorNames[status] ?? 'BAD_REQUEST', error.message, request));
  }
  request.log.error({ err: error }, 'request failed');
  return reply
    .status(500)
    .send(
      body('INTERNAL_SERVER_ERROR', 'internal server error; the request id is in the log', request),
    );
}

export function body(error: string, message: string, request: FastifyRequest): ErrorBody {
  return { error, message, requestId: request.id };
}
