// Signs certificates: a compact JWS (EdDSA over Ed25519) of the certificate's content, with
// the key's RFC 7638 thumbprint as `kid`. The public half of every key that ever signed is
// kept in certificate_signing_keys and served as the JWKS, so a certificate verifies offline
// with nothing but that set, also after the key is rotated or the process that held it is
// gone. The private key itself is never stored.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CompactSign, type JWK } from 'jose';
import type { JejakDb } from '../../db/client.js';
import { certificateSigningKeys } from '../../db/schema/index.js';

/** The JWS header's `typ`, telling a certificate apart from any other JWS. */
export const certificateJwsType = 'jejak-certificate+jws';

export interface CertificateSigner {
  keyId: string;
  publicJwk: JWK;
  /**
   * Stores the public key in the JWKS (once per process). Called with the pool, outside
   * any transaction: a rolled-back issue must not take the key's publication with it.
   */
  publish(db: JejakDb): Promise<void>;
  sign(content: object): Promise<string>;
}

function thumbprint(jwk: { crv: string; kty: string; x: string }): string {
  // RFC 7638: the required members, in lexicographic order, without whitespace.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function createCertificateSigner(privateKeyPem: string | undefined): CertificateSigner {
  const privateKey: KeyObject =
    privateKeyPem === undefined
      ? generateKeyPairSync('ed25519').privateKey
      : createPrivateKey(privateKeyPem);
  const exported = createPublicKey(privateKey).export({ format: 'jwk' }) as {
    crv: string;
    kty: string;
    x: string;
  };
  const keyId = thumbprint(exported);
  const publicJwk: JWK = { ...exported, kid: keyId, alg: 'EdDSA', use: 'sig' };
  let published: Promise<unknown> | undefined;

  return {
    keyId,
    publicJwk,
    async publish(db) {
      published ??= db
        .insert(certificateSigningKeys)
        .values({ keyId, publicJwk })
        .onConflictDoNothing()
        .catch((error: unknown) => {
          published = undefined;
          throw error;
        });
      await published;
    },
    sign(content) {
      return new CompactSign(new TextEncoder().encode(JSON.stringify(content)))
        .setProtectedHeader({ alg: 'EdDSA', kid: keyId, typ: certificateJwsType })
        .sign(privateKey);
    },
  };
}
