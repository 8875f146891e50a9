// `jejak credentials create|list|revoke`: managing xAPI credentials from a shell.
import { parseArgs } from 'node:util';
import { parseScopeList } from '../auth/scopes.js';
import { createCredential } from '../domain/credentials/createCredential.js';
import {
  createCredentialRepository,
  type Credential,
} from '../domain/credentials/credentialRepository.js';
import { revokeCredential } from '../domain/credentials/revokeCredential.js';
import { defaultTenantSlug } from '../domain/tenants/tenantDirectory.js';
import {
  allPages,
  formatTable,
  requireTenant,
  UsageError,
  withDatabase,
  type CliOutput,
} from './cliContext.js';

export const credentialsUsage = `
  credentials create --name NAME --scopes SCOPE[,SCOPE...] [--tenant SLUG] [--json]
  credentials list [--tenant SLUG] [--json]
  credentials revoke KEY [--tenant SLUG]`;

export async function credentialsCommand(args: string[], output: CliOutput): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      tenant: { type: 'string', default: defaultTenantSlug },
      json: { type: 'boolean', default: false },
    },
  });

  switch (action) {
    case 'create': {
      if (values.name === undefined) throw new UsageError('credentials create needs --name');
      if (values.scopes === undefined) throw new UsageError('credentials create needs --scopes');
      let scopes;
      try {
        scopes = parseScopeList(values.scopes);
      } catch (error) {
        throw new UsageError(`--scopes: ${(error as Error).message}`);
      }
      const name = values.name;
      await withDatabase(async (database) => {
        const tenant = await requireTenant(database, values.tenant);
        const repository = createCredentialRepository(database.db, tenant.id);
        const { credential, secret } = await createCredential(repository, { name, scopes });
        if (values.json) {
          output.out(JSON.stringify({ ...present(credential), tenant: tenant.slug, secret }));
          return;
        }
        output.out(`Created credential "${credential.name}" in tenant ${tenant.slug}`);
        output.out(`  key:    ${credential.key}`);
        output.out(`  secret: ${secret}`);
        output.out(`  scopes: ${credential.scopes.join(', ')}`);
        output.out(
          "The secret is shown this once: store it now (e.g. in Moodle's logstore_xapi settings).",
        );
      });
      return;
    }
    case 'list': {
      await withDatabase(async (database) => {
        const tenant = await requireTenant(database, values.tenant);
        const repository = createCredentialRepository(database.db, tenant.id);
        const all = await allPages((page) => repository.list(page));
        if (values.json) {
          output.out(JSON.stringify(all.map(present)));
          return;
        }
        const rows = all.map((c) => [
          c.key,
          c.name,
          c.scopes.join(','),
          c.createdAt.toISOString(),
          c.lastUsedAt?.toISOString() ?? '-',
          c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : 'active',
        ]);
        for (const line of formatTable(
          ['KEY', 'NAME', 'SCOPES', 'CREATED', 'LAST USED', 'STATUS'],
          rows,
        )) {
          output.out(line);
        }
      });
      return;
    }
    case 'revoke': {
      const [key] = positionals;
      if (key === undefined) throw new UsageError('credentials revoke needs the KEY');
      await withDatabase(async (database) => {
        const tenant = await requireTenant(database, values.tenant);
        const credential = await revokeCredential(
          createCredentialRepository(database.db, tenant.id),
          key,
        );
        output.out(
          `Revoked ${credential.key} ("${credential.name}") at ${credential.revokedAt?.toISOString()}`,
        );
      });
      return;
    }
    default:
      throw new UsageError(`unknown credentials action "${action ?? ''}"`);
  }
}

function present(credential: Credential) {
  return {
    key: credential.key,
    name: credential.name,
    scopes: credential.scopes,
    createdAt: credential.createdAt.toISOString(),
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
    revokedAt: credential.revokedAt?.toISOString() ?? null,
  };
}
