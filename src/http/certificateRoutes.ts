// Certificates over HTTP. Open to anyone: the JWKS (/.well-known/jwks.json) and the checks
// (by number, as JSON or as the page a QR code opens; or of a JWS someone holds). With a
// bearer token of the tenant (staff, or the learner it belongs to): the certificate with its
// JWS, and the page to print.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppServices } from '../appServices.js';
import { requireBearerActor } from '../auth/bearerViewer.js';
import { createCertificateRepository } from '../domain/certificates/certificateRepository.js';
import { createProgramRepository } from '../domain/programs/programRepository.js';
import type { CertificateContent } from '../domain/certificates/certificateContent.js';
import {
  certificateCheckPage,
  certificatePrintPage,
} from '../domain/certificates/certificatePage.js';
import { certificateUrls } from '../domain/certificates/certificateUrls.js';
import {
  certificateKeySet,
  certificateStatus,
  checkCertificate,
  checkCertificateJws,
} from '../domain/certificates/verifyCertificate.js';
import { BadUserInputError } from '../lib/errors.js';

interface NumberParams {
  number: string;
}

export async function certificateRoutes(app: FastifyInstance, services: AppServices) {
  const db = services.database.db;
  const publicUrl = services.config.certificates.publicUrl;

  app.addContentTypeParser(
    ['application/jose', 'application/jwt'],
    { parseAs: 'string' },
    (_request, text, done) => done(null, text),
  );

  const repositoryFor = async (request: FastifyRequest) => {
    const actor = await requireBearerActor(
      services,
      request.headers.authorization,
      'a certificate (its /verify is open)',
    );
    return createCertificateRepository(
      db,
      actor,
      createProgramRepository(db, actor),
      services.certificateIssuing,
    );
  };

  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return certificateKeySet(db);
  });

  app.get<{ Params: NumberParams }>('/certificates/:number', async (request) => {
    const certificate = await (await repositoryFor(request)).byNumber(request.params.number);
    return {
      number: certificate.number,
      status: certificateStatus(certificate.revokedAt),
      issuedAt: certificate.issuedAt.toISOString(),
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      revocationReason: certificate.revocationReason,
      certificate: certificate.payload,
      jws: certificate.jws,
      ...certificateUrls(publicUrl, certificate.number, certificate.verificationCode),
      jwksUrl: `${publicUrl}/.well-known/jwks.json`,
    };
  });

  app.get<{ Params: NumberParams }>('/certificates/:number/print', async (request, reply) => {
    const certificate = await (await repositoryFor(request)).byNumber(request.params.number);
    reply.type('text/html; charset=utf-8');
    return certificatePrintPage(certificate.payload as CertificateContent, certificate.revokedAt);
  });

  app.get<{ Params: NumberParams; Querystring: { code?: unknown } }>(
    '/certificates/:number/verify',
    async (request, reply) => {
      const code = request.query.code;
      const check = await checkCertificate(
        db,
        request.params.number,
        typeof code === 'string' ? code : undefined,
      );
      reply.header('cache-control', 'no-store');
      // A phone scanning the QR code asks for HTML; programs get JSON.
      if (wantsHtml(request.headers.accept)) {
        reply.type('text/html; charset=utf-8');
        return certificateCheckPage(check, typeof code === 'string' && code.trim() !== '');
      }
      return check;
    },
  );

  app.post('/certificates/verify', async (request) => {
    const given = request.body;
    const jws =
      typeof given === 'string'
        ? given
        : typeof given === 'object' &&
            given !== null &&
            typeof (given as { jws?: unknown }).jws === 'string'
          ? (given as { jws: string }).jws
          : undefined;
    if (jws === undefined)
      throw new BadUserInputError('send the JWS as {"jws": "..."} or as an application/jose body');
    const { certificate, check } = await checkCertificateJws(db, jws);
    return { ...check, certificate };
  });
}

/** Whether a browser asked: it lists text/html, and not JSON before it. */
function wantsHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html >= 0 && (json < 0 || html < json);
}
