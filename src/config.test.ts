import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemWith(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults that run on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      databaseWaitSeconds: 30,
      database: { kind: 'pglite', dataDir: path.resolve('data') },
      jwt: {},
    });
    expect(config.bootstrapCredential).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'DEBUG',
      DATABASE_URL: 'postgresql://jejak:pw@db:5432/jejak',
      JEJAK_DATABASE_POOL_SIZE: '20',
      JEJAK_BOOTSTRAP_KEY: 'moodle',
      JEJAK_BOOTSTRAP_SECRET: 'correct horse',
      JEJAK_JWT_SECRET: 'k'.repeat(32),
      JEJAK_JWT_JWKS_URL: 'https://sso.example.go.id/jwks',
      JEJAK_JWT_ISSUER: 'https://sso.example.go.id',
      JEJAK_JWT_AUDIENCE: 'jejak',
      JEJAK_MAX_BODY_BYTES: '2048',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      logLevel: 'debug',
      maxBodyBytes: 2048,
      database: { kind: 'postgres', url: 'postgresql://jejak:pw@db:5432/jejak', poolSize: 20 },
      bootstrapCredential: { key: 'moodle', secret: 'correct horse' },
      jwt: { secret: 'k'.repeat(32), issuer: 'https://sso.example.go.id', audience: 'jejak' },
    });
    expect(config.jwt.jwksUrl?.href).toBe('https://sso.example.go.id/jwks');
  });

  it('reads the GraphQL limits and refuses malformed ones', () => {
    expect(loadConfig({}).graphql).toEqual({ introspection: true, maxDepth: 12, maxCost: 50_000 });
    expect(
      loadConfig({
        JEJAK_GRAPHQL_INTROSPECTION: 'false',
        JEJAK_GRAPHQL_MAX_DEPTH: '8',
        JEJAK_GRAPHQL_MAX_COST: '1000',
      }).graphql,
    ).toEqual({ introspection: false, maxDepth: 8, maxCost: 1000 });
    expect(() => loadConfig({ JEJAK_GRAPHQL_INTROSPECTION: 'yes' })).toThrow(
      /JEJAK_GRAPHQL_INTROSPECTION/,
    );
    expect(() => loadConfig({ JEJAK_GRAPHQL_MAX_DEPTH: '1' })).toThrow(/JEJAK_GRAPHQL_MAX_DEPTH/);
  });

  it('reads the secrets key and the SIASN worker settings, and refuses malformed ones', () => {
    expect(loadConfig({}).secretsKey).toBeUndefined();
    expect(loadConfig({}).siasn).toEqual({ pollSeconds: 30, maxAttempts: 10, timeoutSeconds: 30 });
    const config = loadConfig({
      JEJAK_SECRETS_KEY: 's'.repeat(32),
      JEJAK_SIASN_POLL_SECONDS: '0',
      JEJAK_SIASN_MAX_ATTEMPTS: '3',
      JEJAK_SIASN_TIMEOUT_SECONDS: '5',
    });
    expect(config.secretsKey).toBe('s'.repeat(32));
    expect(config.siasn).toEqual({ pollSeconds: 0, maxAttempts: 3, timeoutSeconds: 5 });
    expect(() => loadConfig({ JEJAK_SECRETS_KEY: 'short' })).toThrow(/JEJAK_SECRETS_KEY/);
    expect(() => loadConfig({ JEJAK_SIASN_MAX_ATTEMPTS: '0' })).toThrow(/JEJAK_SIASN_MAX_ATTEMPTS/);
    expect(() => loadConfig({ JEJAK_SIASN_TIMEOUT_SECONDS: 'x' })).toThrow(
      /JEJAK_SIASN_TIMEOUT_SECONDS/,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).database.kind).toBe('pglite');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://db/jejak' }, 'DATABASE_URL'],
    [
      { DATABASE_URL: 'postgres://db/j', JEJAK_DATABASE_POOL_SIZE: '0' },
      'JEJAK_DATABASE_POOL_SIZE',
    ],
    [{ JEJAK_BOOTSTRAP_KEY: 'moodle' }, 'JEJAK_BOOTSTRAP_SECRET'],
    [{ JEJAK_BOOTSTRAP_SECRET: 'secret-secret' }, 'JEJAK_BOOTSTRAP_KEY'],
    [
      { JEJAK_BOOTSTRAP_KEY: 'has:colon', JEJAK_BOOTSTRAP_SECRET: 'secret-secret' },
      'JEJAK_BOOTSTRAP_KEY',
    ],
    [{ JEJAK_BOOTSTRAP_KEY: 'moodle', JEJAK_BOOTSTRAP_SECRET: 'short' }, 'JEJAK_BOOTSTRAP_SECRET'],
    [{ JEJAK_JWT_SECRET: 'too-short' }, 'JEJAK_JWT_SECRET'],
    [{ JEJAK_JWT_JWKS_URL: 'ftp://idp/jwks' }, 'JEJAK_JWT_JWKS_URL'],
    [{ JEJAK_DATABASE_WAIT_SECONDS: '-1' }, 'JEJAK_DATABASE_WAIT_SECONDS'],
    [{ JEJAK_MAX_BODY_BYTES: 'lots' }, 'JEJAK_MAX_BODY_BYTES'],
  ])('names the variable in error for %o', (env, variable) => {
    const error = problemWith(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('never repeats a secret in its error message', () => {
    const error = problemWith({ JEJAK_JWT_SECRET: 'hunter2-hunter2' });
    expect(error.message).not.toContain('hunter2');
  });

  it('takes an Ed25519 certificate key as PEM, also on one line with \\n, and refuses others', () => {
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(loadConfig({ JEJAK_CERTIFICATE_KEY: pem }).certificates.signingKeyPem).toBe(pem.trim());
    const oneLine = pem.trim().replace(/\n/g, '\\n');
    expect(loadConfig({ JEJAK_CERTIFICATE_KEY: oneLine }).certificates.signingKeyPem).toBe(
      pem.trim(),
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(problemWith({ JEJAK_CERTIFICATE_KEY: rsa }).message).toMatch(/must be an Ed25519 key/);
    expect(problemWith({ JEJAK_CERTIFICATE_KEY: 'secret' }).message).toMatch(/not a PKCS#8 PEM/);
  });

  it('builds verification URLs on JEJAK_PUBLIC_URL, else on the address it listens on', () => {
    expect(loadConfig({}).certificates.publicUrl).toBe('http://127.0.0.1:8080');
    expect(
      loadConfig({ JEJAK_PUBLIC_URL: 'https://jejak.bpsdm.example.go.id/' }).certificates.publicUrl,
    ).toBe('https://jejak.bpsdm.example.go.id');
    expect(problemWith({ JEJAK_PUBLIC_URL: 'ftp://x' }).message).toMatch(/JEJAK_PUBLIC_URL/);
  });
});
