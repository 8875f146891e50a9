// /xapi/statements over HTTP: parse the request, call one use case (store or query), shape
// the answer. Validation, storage and querying live in their own modules beside this one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../appServices.js';
import { BadUserInputError } from '../../lib/errors.js';
import { requireScope, versionOf } from '../xapiRequest.js';
import { boundaryOf, parseMultipart, type MultipartPart } from './multipart.js';
import { readStatements } from './readStatements.js';
import { writeStatements } from './writeStatements.js';
import { isObject } from './xapiJson.js';

const consistentThroughHeader = 'x-experience-api-consistent-through';

export async function statementsResource(app: FastifyInstance, services: AppServices) {
  const db = services.database.db;

  const put = async (request: FastifyRequest, reply: FastifyReply) => {
    const credential = requireScope(request, 'statements/write');
    const version = versionOf(request);
    const query = request.query as Record<string, unknown>;
    const statementId = query.statementId;
    const unknown = Object.keys(query).find((name) => name !== 'statementId');
    if (unknown !== undefined) {
      throw new BadUserInputError(`unknown query parameter ${unknown} for PUT /statements`);
    }
    if (typeof statementId !== 'string') {
      throw new BadUserInputError('PUT /statements needs the statementId query parameter');
    }
    const { statements, parts, isArray } = statementsOfBody(request);
    if (isArray || statements.length !== 1 || !isObject(statements[0])) {
      throw new BadUserInputError('PUT /statements takes exactly one statement, as a JSON object');
    }
    const statement = statements[0];
    if (statement.id !== undefined && typeof statement.id === 'string') {
      if (statement.id.toLowerCase() !== statementId.toLowerCase()) {
        throw new BadUserInputError('statement.id: differs from the statementId parameter');
      }
    }
    const result = await writeStatements(db, {
      credential,
      version,
      statements: [{ ...statement, id: statement.id ?? statementId }],
      parts,
      paths: ['statement'],
    });
    services.metrics.statementsStored.inc({ tenant: credential.tenantId }, result.inserted);
    return reply.status(204).send();
  };

  const post = async (request: FastifyRequest, reply: FastifyReply) => {
    const credential = requireScope(request, 'statements/write');
    const version = versionOf(request);
    const unknown = Object.keys(request.query as object)[0];
    if (unknown !== undefined) {
      throw new BadUserInputError(`unknown query parameter ${unknown} for POST /statements`);
    }
    const { statements, parts, isArray } = statementsOfBody(request);
    const paths = statements.map((_, index) => (isArray ? `statements[${index}]` : 'statement'));
    const result = await writeStatements(db, { credential, version, statements, parts, paths });
    services.metrics.statementsStored.inc({ tenant: credential.tenantId }, result.inserted);
    return reply.status(200).type('application/json; charset=utf-8').send(result.ids);
  };

  const get = async (request: FastifyRequest, reply: FastifyReply, withBody = true) => {
    const credential = requireScope(request, 'statements/read', 'statements/read/mine');
    const answer = await readStatements(db, {
      credential,
      version: versionOf(request),
      query: request.query as Record<string, unknown>,
      acceptLanguage: request.headers['accept-language'],
      path: `${request.routeOptions.url ?? '/xapi/statements'}`,
      onConsistentThrough: (through) =>
        reply.header(consistentThroughHeader, through.toISOString()),
    });
    reply.status(answer.status).type(answer.contentType);
    if (answer.lastModified) reply.header('last-modified', answer.lastModified.toUTCString());
    // HEAD through the alternate syntax: the headers of the GET, no body.
    return withBody ? reply.send(answer.body) : reply.send();
  };

  // Every answer to a statement read carries the consistency mark, errors included
  // (clients poll on it); when the read failed before reaching the database, it is now.
  app.addHook('onSend', async (request, reply) => {
    const reading =
      request.method === 'GET' ||
      request.method === 'HEAD' ||
      request.xapiMethod === 'GET' ||
      request.xapiMethod === 'HEAD';
    if (reading && !reply.hasHeader(consistentThroughHeader)) {
      reply.header(consistentThroughHeader, new Date().toISOString());
    }
  });

  app.put('/statements', put);
  app.get('/statements', (request, reply) => get(request, reply));
  app.post('/statements', async (request, reply) => {
    switch (request.xapiMethod) {
      case null:
      case 'POST':
        return post(request, reply);
      case 'PUT':
        return put(request, reply);
      case 'GET':
        return get(request, reply);
      case 'HEAD':
        return get(request, reply, false);
      default:
        throw new BadUserInputError(`${request.xapiMethod} is not a method of /statements`);
    }
  });
}

/** The statements of a JSON or multipart/mixed body, and the attachment parts if any. */
function statementsOfBody(request: FastifyRequest): {
  statements: unknown[];
  isArray: boolean;
  parts: MultipartPart[];
} {
  const contentType = request.headers['content-type'] ?? '';
  let json: unknown = request.body;
  let parts: MultipartPart[] = [];
  if (contentType.toLowerCase().startsWith('multipart/mixed')) {
    const all = parseMultipart(request.body as Buffer, boundaryOf(contentType));
    const [first, ...rest] = all;
    if (
      first === undefined ||
      // Media types compare without regard to case.
      !(first.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')
    ) {
      throw new BadUserInputError(
        'the first part of a multipart/mixed request must be application/json statements',
      );
    }
    try {
      json = JSON.parse(first.body.toString('utf8'));
    } catch {
      throw new BadUserInputError('the statement part is not valid JSON');
    }
    parts = rest;
  } else if (!contentType.toLowerCase().startsWith('application/json')) {
    throw new BadUserInputError(
      'statements are sent as application/json, or multipart/mixed with attachments',
    );
  } else if (Buffer.isBuffer(json)) {
    // The content field of an alternate-syntax request arrives as bytes.
    try {
      json = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BadUserInputError('the content is not valid JSON');
    }
  }
  if (json === undefined || json === null) {
    throw new BadUserInputError('the request has no statement in its body');
  }
  const isArray = Array.isArray(json);
  return { statements: isArray ? (json as unknown[]) : [json], isArray, parts };
}
