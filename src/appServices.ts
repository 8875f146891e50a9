// What every transport needs, built once per process from the configuration and the open
// database. Nothing here holds state another instance would need.
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Logger } from './lib/logger.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { createTokenVerifier, type TokenVerifier } from './auth/jwt.js';
import {
  createCredentialAuthenticator,
  type CredentialAuthenticator,
} from './domain/credentials/authenticateCredential.js';
import { createTenantDirectory, type TenantDirectory } from './domain/tenants/tenantDirectory.js';
import { createCertificateSigner } from './domain/certificates/certificateSigner.js';
import type { IssuingContext } from './domain/certificates/issueCertificate.js';

export interface AppServices {
  config: Config;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  tokenVerifier: TokenVerifier;
  credentialAuthenticator: CredentialAuthenticator;
  tenantDirectory: TenantDirectory;
  /** Signs certificates and says where they verify. */
  certificateIssuing: IssuingContext;
  /** Set when shutdown begins, so /readyz turns away new traffic first. */
  lifecycle: { shuttingDown: boolean };
}

export function createAppServices(config: Config, database: Database, logger: Logger): AppServices {
  return {
    config,
    database,
    logger,
    metrics: createMetrics(),
    tokenVerifier: createTokenVerifier(config.jwt),
    credentialAuthenticator: createCredentialAuthenticator(database.db),
    tenantDirectory: createTenantDirectory(database.db),
    certificateIssuing: {
      signer: createCertificateSigner(config.certificates.signingKeyPem),
      publicUrl: config.certificates.publicUrl,
      logger,
    },
    lifecycle: { shuttingDown: false },
  };
}
