// Public verification, for anyone holding a certificate or its number: the JWKS of every key
// that ever signed one, and checks that say whether a certificate is genuine (its JWS
// verifies against that set) and still valid (not revoked). A check by number shows only
// what the paper already shows a reader, without the learner's birth date or full NIP, and
// only with the verification code printed on it (in its QR code): numbers are guessable,
// and the check is open to all, so a number alone says only whether it is genuine and valid.
import { asc, eq } from 'drizzle-orm';
import {
  compactVerify,
  createLocalJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import type { JejakDb } from '../../db/client.js';
import { certificates, certificateSigningKeys, tenants } from '../../db/schema/index.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import type { CertificateContent } from './certificateContent.js';
import { certificateJwsType } from './certificateSigner.js';
import { sameVerificationCode } from './verificationCode.js';

export type CertificateStatus = 'VALID' | 'REVOKED';

export function certificateStatus(revokedAt: Date | null): CertificateStatus {
  return revokedAt === null ? 'VALID' : 'REVOKED';
}

export interface CertificateCheck {
  number: string;
  status: CertificateStatus;
  /** Whether the JWS verifies against the published keys. */
  signatureValid: boolean;
  revokedAt: string | null;
  /** Null when codeRequired. */
  revocationReason: string | null;
  /**
   * True when the learner's details are withheld: the certificate has a verification code
   * and the check was not given it.
   */
  codeRequired: boolean;
  /** Null when codeRequired. */
  summary: {
    /** The Jejak tenant that issued it: the institution text is the tenant's to write. */
    issuer: string;
    institution: string;
    training: string;
    heldFrom: string;
    heldTo: string;
    learnerName: string;
    /** The NIP with its middle hidden, enough to match the paper. */
    learnerNip: string;
    qualification: string;
    jp: number;
    issuedAt: string;
  } | null;
}

/** The JSON Web Key Set of every certificate signing key, oldest first. */
export async function certificateKeySet(db: JejakDb): Promise<JSONWebKeySet> {
  const rows = await db
    .select({ jwk: certificateSigningKeys.publicJwk })
    .from(certificateSigningKeys)
    .orderBy(asc(certificateSigningKeys.createdAt));
  return { keys: rows.map((row) => row.jwk as JWK) };
}

/** The content of a certificate JWS if it verifies against the key set, else undefined. */
export async function verifiedContent(
  jws: string,
  keySet: JSONWebKeySet,
): Promise<CertificateContent | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(keySet), {
      algorithms: ['EdDSA'],
    });
    if (protectedHeader.typ !== certificateJwsType) return undefined;
    return JSON.parse(new TextDecoder().decode(payload)) as CertificateContent;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function maskNip(nip: string): string {
  return nip.length <= 8
    ? '*'.repeat(nip.length)
    : `${nip.slice(0, 4)}${'*'.repeat(nip.length - 8)}${nip.slice(-4)}`;
}

/**
 * Checks the certificate of this number; NotFound when no certificate has it. The learner's
 * details come with the certificate's verification code (or for a certificate without one).
 */
export async function checkCertificate(
  db: JejakDb,
  number: string,
  verificationCode: string | undefined,
): Promise<CertificateCheck> {
  const [found] = await db
    .select({ row: certificates, issuer: tenants.name })
    .from(certificates)
    .innerJoin(tenants, eq(tenants.id, certificates.tenantId))
    .where(eq(certificates.number, number));
  if (found === undefined) throw new NotFoundError(`no certificate ${number}`);
  const { row, issuer } = found;
  const content = await verifiedContent(row.jws, await certificateKeySet(db));
  // The stored row is what the check reports; its JWS must vouch for exactly that.
  const shown = content ?? (row.payload as CertificateContent);
  const codeRequired =
    row.verificationCode !== null && !sameVerificationCode(verificationCode, row.verificationCode);
  return {
    number: row.number,
    status: certificateStatus(row.revokedAt),
    signatureValid: content !== undefined && content.number === row.number,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    // Free text staff wrote; it may name the learner.
    revocationReason: codeRequired ? null : row.revocationReason,
    codeRequired,
    summary: codeRequired
      ? null
      : {
          issuer,
          institution: shown.institution,
          training: shown.training.title,
          heldFrom: shown.heldFrom,
          heldTo: shown.heldTo,
          learnerName: shown.learner.name,
          learnerNip: maskNip(shown.learner.nip),
          qualification: shown.qualification,
          jp: shown.jp,
          issuedAt: shown.issuedAt,
        },
  };
}

/**
 * Checks a certificate JWS someone holds: whether it verifies, and the revocation status of
 * the certificate it names. A JWS that does not verify is a 400: it proves nothing.
 */
export async function checkCertificateJws(
  db: JejakDb,
  jws: string,
): Promise<{ certificate: CertificateContent; check: CertificateCheck }> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws.trim()))
    throw new BadUserInputError(
      'jws: expected a compact JWS (three base64url parts separated by dots)',
    );
  const content = await verifiedContent(jws.trim(), await certificateKeySet(db));
  if (content === undefined)
    throw new BadUserInputError(
      'jws: the signature does not verify against /.well-known/jwks.json',
    );
  // Whoever holds the JWS holds the certificate: its own code opens the details.
  return {
    certificate: content,
    check: await checkCertificate(db, content.number, content.verificationCode),
  };
}
