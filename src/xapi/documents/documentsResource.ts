// /activities/state, /activities/profile and /agents/profile over HTTP: one table of what
// each resource takes, one set of handlers. Bodies are kept as bytes, whatever their type.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../appServices.js';
import type { XapiScope } from '../../auth/scopes.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { isAlternateRequest, parseFormBody } from '../alternateSyntax.js';
import { requireScope, versionOf } from '../xapiRequest.js';
import {
  parseDocumentParams,
  requireParams,
  type DocumentParam,
  type DocumentParams,
} from './documentParams.js';
import { etagOf, sha1Of, type Preconditions } from './documentRules.js';
import {
  createDocumentStore,
  type DocumentKey,
  type DocumentKind,
  type DocumentScope,
} from './documentStore.js';

interface DocumentResource {
  path: string;
  kind: DocumentKind;
  scope: XapiScope;
  idParam: 'stateId' | 'profileId';
  params: readonly DocumentParam[];
  /** Parameters every request needs, besides the document id. */
  required: (keyof DocumentParams)[];
  /** DELETE without an id deletes every document of the scope (the state resource). */
  deletesAll: boolean;
}

const resources: DocumentResource[] = [
  {
    path: '/activities/state',
    kind: 'state',
    scope: 'state',
    idParam: 'stateId',
    params: ['activityId', 'agent', 'registration', 'stateId', 'since'],
    required: ['activityId', 'agent'],
    deletesAll: true,
  },
  {
    path: '/activities/profile',
    kind: 'activity_profile',
    scope: 'profile',
    idParam: 'profileId',
    params: ['activityId', 'profileId', 'since'],
    required: ['activityId'],
    deletesAll: false,
  },
  {
    path: '/agents/profile',
    kind: 'agent_profile',
    scope: 'profile',
    idParam: 'profileId',
    params: ['agent', 'profileId', 'since'],
    required: ['agent'],
    deletesAll: false,
  },
];

const parameterNames: Record<string, string> = { activityId: 'activityId', agent: 'agent' };

export async function documentsResource(app: FastifyInstance, services: AppServices) {
  // Documents are stored byte for byte: no body is parsed, except the form of the 1.0.3
  // alternate syntax (whose content field then holds the document).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, payload, done) => {
    if (isAlternateRequest(request))
      done(null, parseFormBody((payload as Buffer).toString('utf8')));
    else done(null, payload);
  });

  for (const resource of resources) {
    const scopeOf = (request: FastifyRequest, withId: boolean) => {
      const params = parseDocumentParams(
        request.query as Record<string, unknown>,
        resource.params,
        versionOf(request),
        resource.path,
      );
      requireParams(params, resource.required, parameterNames);
      if (params.since !== undefined && withId) {
        throw new BadUserInputError(`since cannot be combined with ${resource.idParam}`);
      }
      const scope: DocumentScope = {
        kind: resource.kind,
        activityIri: params.activityId ?? '',
        agentKey: params.agentKey ?? '',
        registration: params.registration ?? '',
      };
      return { params, scope };
    };
    const keyOf = (request: FastifyRequest): DocumentKey => {
      const { params, scope } = scopeOf(request, true);
      if (params.documentId === undefined) {
        throw new BadUserInputError(`the ${resource.idParam} query parameter is required`);
      }
      return { ...scope, documentId: params.documentId };
    };
    const storeFor = (request: FastifyRequest, ...scopes: XapiScope[]) =>
      createDocumentStore(services.database.db, requireScope(request, ...scopes).tenantId);

    const get = async (request: FastifyRequest, reply: FastifyReply, withBody = true) => {
      const store = storeFor(request, resource.scope, 'all/read');
      const withId = Object.hasOwn(request.query as object, resource.idParam);
      if (!withId) {
        const { params, scope } = scopeOf(request, false);
        const { ids, latest } = await store.listIds(scope, params.since);
        const list = JSON.stringify(ids);
        // A list is a representation too: its ETag is its own hash, and it was last
        // modified when its newest document was (or is as of now, when empty).
        reply
          .type('application/json; charset=utf-8')
          .header('etag', etagOf(sha1Of(Buffer.from(list))))
          .header('last-modified', (latest ?? new Date()).toUTCString());
        return withBody ? reply.send(list) : reply.send();
      }
      const document = await store.find(keyOf(request));
      if (document === undefined) throw new NotFoundError(`no such document at ${resource.path}`);
      reply
        .type(document.contentType)
        .header('etag', etagOf(document.sha1))
        .header('last-modified', document.updated.toUTCString());
      return withBody ? reply.send(document.content) : reply.send();
    };

    const write = async (request: FastifyRequest, reply: FastifyReply, method: 'PUT' | 'POST') => {
      const store = storeFor(request, resource.scope);
      const key = keyOf(request);
      const body = request.body;
      const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      const input = {
        contentType: storableContentType(request.headers['content-type']),
        content,
        preconditions: preconditionsOf(request),
        // xAPI 2.0 asks it of every document; 1.0.3 of the profile resources only, and
        // 1.0.3 also wants a profile created with If-None-Match: *.
        requirePrecondition:
          method === 'PUT' && (versionOf(request) === '2.0.0' || resource.kind !== 'state'),
        requirePreconditionToCreate:
          method === 'PUT' && versionOf(request) === '1.0.3' && resource.kind !== 'state',
      };
      if (method === 'PUT') await store.put(key, input);
      else await store.post(key, input);
      return reply.status(204).send();
    };

    const remove = async (request: FastifyRequest, reply: FastifyReply) => {
      const store = storeFor(request, resource.scope);
      const withId = Object.hasOwn(request.query as object, resource.idParam);
      if (!withId && resource.deletesAll) {
        const { params, scope } = scopeOf(request, false);
        // since filters lists only: a DELETE that named it would delete far more than asked.
        if (params.since !== undefined) {
          throw new BadUserInputError('since is not a parameter of DELETE');
        }
        await store.deleteAll(scope);
      } else {
        await store.delete(keyOf(request), preconditionsOf(request));
      }
      return reply.status(204).send();
    };

    app.get(resource.path, (request, reply) => get(request, reply));
    app.put(resource.path, (request, reply) => write(request, reply, 'PUT'));
    app.delete(resource.path, remove);
    app.post(resource.path, async (request, reply) => {
      switch (request.xapiMethod) {
        case null:
        case 'POST':
          return write(request, reply, 'POST');
        case 'PUT':
          return write(request, reply, 'PUT');
        case 'GET':
          return get(request, reply);
        case 'HEAD':
          return get(request, reply, false);
        case 'DELETE':
          return remove(request, reply);
      }
    });
  }
}

/** `type/subtype` and parameters, in characters an HTTP header can carry back. */
const contentTypePattern =
  /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*;[\t\x20-\x7e]*)?$/;

/** The Content-Type to store with a document, which is served back as is. */
function storableContentType(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return 'application/octet-stream';
  const value = header.trim();
  if (!contentTypePattern.test(value)) {
    throw new BadUserInputError(`Content-Type ${JSON.stringify(value)} is not a media type`);
  }
  return value;
}

function preconditionsOf(request: FastifyRequest): Preconditions {
  const preconditions: Preconditions = {};
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifMatch === 'string') preconditions.ifMatch = ifMatch;
  if (typeof ifNoneMatch === 'string') preconditions.ifNoneMatch = ifNoneMatch;
  return preconditions;
}
