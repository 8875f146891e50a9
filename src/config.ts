// Typed configuration read from the environment once, at start. Any bad value stops the
// start with one line that names the variable; nothing else reads process.env.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import path from 'node:path';
import type { LevelWithSilent } from 'pino';

export interface JwtConfig {
  /** HS256 shared secret (at least 32 characters). */
  secret?: string;
  /** Where to fetch the JSON Web Key Set of an identity provider (RS*, ES*, EdDSA). */
  jwksUrl?: URL;
  issuer?: string;
  audience?: string;
}

export type DatabaseConfig =
  { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };

export interface Config {
  port: number;
  host: string;
  logLevel: LevelWithSilent;
  database: DatabaseConfig;
  /** How long the start keeps retrying an unreachable database before giving up. */
  databaseWaitSeconds: number;
  /** Largest request body accepted, in bytes; bigger bodies get 413. */
  maxBodyBytes: number;
  bootstrapCredential?: { key: string; secret: string };
  jwt: JwtConfig;
  graphql: GraphQLConfig;
  outbox: OutboxConfig;
  certificates: CertificateConfig;
  /**
   * The key secrets kept for later use (an agency's SIASN tokens) are encrypted with
   * (AES-256-GCM, key derived by HKDF; at least 32 characters). Unset: nothing secret can be
   * stored, so SIASN cannot be configured.
   */
  secretsKey?: string;
  siasn: SiasnConfig;
}

export interface CertificateConfig {
  /**
   * The Ed25519 private key (PKCS#8 PEM) certificates are signed with. Without one, each
   * process signs with a key of its own made at start: its public half is kept in the
   * database, so what it signed still verifies after it is gone.
   */
  signingKeyPem?: string;
  /** The origin verification URLs start with, e.g. https://jejak.bpsdm.example.go.id. */
  publicUrl: string;
}

export interface SiasnConfig {
  /** How often the worker looks for SIASN records due; 0 turns sending off. */
  pollSeconds: number;
  /** Failed calls (5xx, unreachable, success:false) after which a record is given up (FAILED). */
  maxAttempts: number;
  /** How long one call to SIASN may take. */
  timeoutSeconds: number;
}

export interface OutboxConfig {
  /**
   * The key webhook signing secrets are derived from (at least 32 characters): secrets are
   * never stored, and webhooks can only be created while it is set.
   */
  webhookKey?: string;
  /** How often the worker looks for due messages; 0 turns delivery off. */
  pollSeconds: number;
  /** How often the nudge rule runs over the cohorts running today; 0 turns it off. */
  nudgeIntervalMinutes: number;
}

export interface GraphQLConfig {
  /** Whether the schema can be introspected (GraphiQL, codegen). */
  introspection: boolean;
  /** Deepest query served. */
  maxDepth: number;
  /** Most fields a query may touch, page sizes multiplied (see graphql/queryLimits.ts). */
  maxCost: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const logLevels: readonly LevelWithSilent[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** Reads the environment; an empty value counts as unset (as Docker and systemd write them). */
export function loadConfig(env: Env = process.env): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const bootstrapKey = read('JEJAK_BOOTSTRAP_KEY');
  const bootstrapSecret = read('JEJAK_BOOTSTRAP_SECRET');

  return {
    port: integerIn(read, 'PORT', 8080, 0, 65535), // 0: any free port
    host: read('HOST') ?? '127.0.0.1',
    logLevel: oneOf(read, 'LOG_LEVEL', logLevels, 'info'),
    database: databaseConfig(read),
    databaseWaitSeconds: integerIn(read, 'JEJAK_DATABASE_WAIT_SECONDS', 30, 0, 3600),
    maxBodyBytes: integerIn(read, 'JEJAK_MAX_BODY_BYTES', 10 * 1024 * 1024, 1024, 2 ** 31 - 1),
    bootstrapCredential: bootstrapCredentialConfig(bootstrapKey, bootstrapSecret),
    jwt: jwtConfig(read),
    graphql: {
      introspection: booleanOf(read, 'JEJAK_GRAPHQL_INTROSPECTION', true),
      maxDepth: integerIn(read, 'JEJAK_GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxCost: integerIn(read, 'JEJAK_GRAPHQL_MAX_COST', 50_000, 10, 10_000_000),
    },
    outbox: outboxConfig(read),
    certificates: certificateConfig(read),
    ...secretsKeyConfig(read),
    siasn: {
      pollSeconds: integerIn(read, 'JEJAK_SIASN_POLL_SECONDS', 30, 0, 86_400),
      maxAttempts: integerIn(read, 'JEJAK_SIASN_MAX_ATTEMPTS', 10, 1, 100),
      timeoutSeconds: integerIn(read, 'JEJAK_SIASN_TIMEOUT_SECONDS', 30, 1, 600),
    },
  };
}

function secretsKeyConfig(read: (name: string) => string | undefined): { secretsKey?: string } {
  const secretsKey = read('JEJAK_SECRETS_KEY');
  if (secretsKey === undefined) return {};
  if (secretsKey.length < 32) {
    throw new ConfigError('JEJAK_SECRETS_KEY', 'must be at least 32 characters');
  }
  return { secretsKey };
}

function outboxConfig(read: (name: string) => string | undefined): OutboxConfig {
  const webhookKey = read('JEJAK_WEBHOOK_KEY');
  if (webhookKey !== undefined && webhookKey.length < 32) {
    throw new ConfigError('JEJAK_WEBHOOK_KEY', 'must be at least 32 characters');
  }
  return {
    ...(webhookKey === undefined ? {} : { webhookKey }),
    pollSeconds: integerIn(read, 'JEJAK_OUTBOX_POLL_SECONDS', 5, 0, 3600),
    nudgeIntervalMinutes: integerIn(read, 'JEJAK_NUDGE_INTERVAL_MINUTES', 60, 0, 10_080),
  };
}

function certificateConfig(read: (name: string) => string | undefined): CertificateConfig {
  // Environment files often carry a PEM on one line with literal \n.
  const pem = read('JEJAK_CERTIFICATE_KEY')?.replace(/\\n/g, '\n');
  if (pem !== undefined) {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch {
      throw new ConfigError('JEJAK_CERTIFICATE_KEY', 'is not a PKCS#8 PEM private key');
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new ConfigError(
        'JEJAK_CERTIFICATE_KEY',
        `must be an Ed25519 key (certificates are signed with EdDSA), got ${key.asymmetricKeyType}`,
      );
    }
  }
  const publicText = read('JEJAK_PUBLIC_URL');
  let publicUrl: string;
  if (publicText === undefined) {
    publicUrl = `http://${read('HOST') ?? '127.0.0.1'}:${read('PORT') ?? '8080'}`;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(publicText);
    } catch {
      throw new ConfigError('JEJAK_PUBLIC_URL', `is not a URL, got "${publicText}"`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new ConfigError('JEJAK_PUBLIC_URL', 'must be an http:// or https:// URL');
    }
    publicUrl = parsed.toString().replace(/\/+$/, '');
  }
  return { ...(pem === undefined ? {} : { signingKeyPem: pem }), publicUrl };
}

function databaseConfig(read: (name: string) => string | undefined): DatabaseConfig {
  const url = read('DATABASE_URL');
  if (url === undefined) {
    const dataDir = read('JEJAK_DATA_DIR') ?? './data';
    // `memory://` keeps a throwaway database in memory (demos, conformance runs).
    return { kind: 'pglite', dataDir: dataDir === 'memory://' ? dataDir : path.resolve(dataDir) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      'DATABASE_URL',
      'is not a URL (expected postgres://user:pass@host:port/db)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `must start with postgres:// or postgresql://, got ${parsed.protocol}//`,
    );
  }
  return {
    kind: 'postgres',
    url,
    poolSize: integerIn(read, 'JEJAK_DATABASE_POOL_SIZE', 10, 1, 500),
  };
}

function bootstrapCredentialConfig(
  key: string | undefined,
  secret: string | undefined,
): Config['bootstrapCredential'] {
  if (key === undefined && secret === undefined) return undefined;
  if (key === undefined) {
    throw new ConfigError('JEJAK_BOOTSTRAP_KEY', 'must be set when JEJAK_BOOTSTRAP_SECRET is set');
  }
  if (secret === undefined) {
    throw new ConfigError('JEJAK_BOOTSTRAP_SECRET', 'must be set when JEJAK_BOOTSTRAP_KEY is set');
  }
  if (!/^[A-Za-z0-9._~-]{3,128}$/.test(key)) {
    throw new ConfigError(
      'JEJAK_BOOTSTRAP_KEY',
      'must be 3 to 128 characters of letters, digits, ".", "_", "~" or "-" (it is a Basic-auth user name)',
    );
  }
  if (secret.length < 8 || secret.length > 256) {
    throw new ConfigError('JEJAK_BOOTSTRAP_SECRET', 'must be 8 to 256 characters long');
  }
  return { key, secret };
}

function jwtConfig(read: (name: string) => string | undefined): JwtConfig {
  const secret = read('JEJAK_JWT_SECRET');
  if (secret !== undefined && secret.length < 32) {
    // RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (256 bits).
    throw new ConfigError('JEJAK_JWT_SECRET', 'must be at least 32 characters (HS256 key)');
  }
  const jwksText = read('JEJAK_JWT_JWKS_URL');
  let jwksUrl: URL | undefined;
  if (jwksText !== undefined) {
    try {
      jwksUrl = new URL(jwksText);
    } catch {
      throw new ConfigError('JEJAK_JWT_JWKS_URL', `is not a URL, got "${jwksText}"`);
    }
    if (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== 'http:') {
      throw new ConfigError('JEJAK_JWT_JWKS_URL', 'must be an http:// or https:// URL');
    }
  }
  const config: JwtConfig = {};
  if (secret !== undefined) config.secret = secret;
  if (jwksUrl !== undefined) config.jwksUrl = jwksUrl;
  const issuer = read('JEJAK_JWT_ISSUER');
  if (issuer !== undefined) config.issuer = issuer;
  const audience = read('JEJAK_JWT_AUDIENCE');
  if (audience !== undefined) config.audience = audience;
  return config;
}

function integerIn(
  read: (name: string) => string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = read(name);
  if (text === undefined) return fallback;
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function oneOf<T extends string>(
  read: (name: string) => string | undefined,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const text = read(name);
  if (text === undefined) return fallback;
  const match = allowed.find((candidate) => candidate === text.toLowerCase());
  if (match === undefined) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${text}"`);
  }
  return match;
}

function booleanOf(read: (name: string) => string | undefined, name: string, fallback: boolean) {
  const value = read(name);
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError(name, `must be true or false, got "${value}"`);
}
