// Verifies the bearer tokens GraphQL callers present (HS256 with a shared secret, or any
// asymmetric algorithm through an identity provider's JWKS) and mints development tokens.
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { JwtConfig } from '../config.js';
import { UnauthenticatedError } from '../lib/errors.js';
import { isRole, type Role } from './roles.js';

export interface TokenClaims {
  /** The caller's person or user id. */
  subject: string;
  /** The tenant's id or slug, as the token carries it; resolved against the database later. */
  tenant: string;
  roles: Role[];
}

export interface TokenVerifier {
  readonly configured: boolean;
  verify(token: string): Promise<TokenClaims>;
}

const asymmetricAlgorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const secretKey =
    config.secret === undefined ? undefined : new TextEncoder().encode(config.secret);
  // jose caches the key set and refetches it when a token names an unknown key id.
  const jwks: JWTVerifyGetKey | undefined =
    config.jwksUrl === undefined ? undefined : createRemoteJWKSet(config.jwksUrl);
  const common: JWTVerifyOptions = { requiredClaims: ['sub', 'exp'] };
  if (config.issuer !== undefined) common.issuer = config.issuer;
  if (config.audience !== undefined) common.audience = config.audience;

  return {
    configured: secretKey !== undefined || jwks !== undefined,
    async verify(token) {
      let algorithm: string | undefined;
      try {
        algorithm = decodeProtectedHeader(token).alg;
      } catch {
        throw new UnauthenticatedError('the bearer token is not a JWT');
      }
      let payload: JWTPayload;
      try {
        if (algorithm === 'HS256' && secretKey !== undefined) {
          ({ payload } = await jwtVerify(token, secretKey, { ...common, algorithms: ['HS256'] }));
        } else if (algorithm !== undefined && asymmetricAlgorithms.includes(algorithm) && jwks) {
          ({ payload } = await jwtVerify(token, jwks, {
            ...common,
            algorithms: asymmetricAlgorithms,
          }));
        } else {
          throw new UnauthenticatedError(
            secretKey === undefined && jwks === undefined
              ? 'this server verifies no tokens: set JEJAK_JWT_SECRET or JEJAK_JWT_JWKS_URL'
              : `tokens signed with ${algorithm ?? 'no algorithm'} are not accepted here`,
          );
        }
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        throw new UnauthenticatedError(describeJoseError(error));
      }
      return claimsOf(payload);
    },
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `the token's "${error.claim}" claim is not acceptable: ${error.reason}`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'the token signature is not valid';
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token';
  if (error instanceof joseErrors.JOSEError) return `the token is not valid (${error.code})`;
  return 'the token could not be verified';
}

function claimsOf(payload: JWTPayload): TokenClaims {
  const { sub, tenant, roles } = payload as JWTPayload & { tenant?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub === '') {
    throw new UnauthenticatedError('the token has no "sub" claim');
  }
  if (typeof tenant !== 'string' || tenant === '') {
    throw new UnauthenticatedError('the token has no "tenant" claim (tenant id or slug)');
  }
  if (roles !== undefined && !Array.isArray(roles)) {
    throw new UnauthenticatedError('the token\'s "roles" claim must be an array');
  }
  // Roles this service does not know (an identity provider's own) are ignored, not fatal.
  const known = (roles ?? []).filter(isRole);
  return { subject: sub, tenant, roles: [...new Set(known)] };
}

export interface DevelopmentTokenRequest {
  secret: string;
  subject: string;
  tenant: string;
  roles: Role[];
  /** A jose time span such as `12h` or `30d`. */
  expiresIn: string;
  issuer?: string;
  audience?: string;
}

/** An HS256 token as the CLI's `token` command prints it, for development and tests. */
export async function mintDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  let builder = new SignJWT({ tenant: request.tenant, roles: request.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn);
  if (request.issuer !== undefined) builder = builder.setIssuer(request.issuer);
  if (request.audience !== undefined) builder = builder.setAudience(request.audience);
  return builder.sign(new TextEncoder().encode(request.secret));
}
