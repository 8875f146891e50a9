// `jejak token`: mints an HS256 development token with JEJAK_JWT_SECRET, for trying GraphQL.
import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '../auth/jwt.js';
import { isRole, roles as knownRoles, type Role } from '../auth/roles.js';
import { loadConfig } from '../config.js';
import { UsageError, type CliOutput } from './cliContext.js';

export const tokenUsage = `
  token --tenant TENANT --roles ROLE[,ROLE...] --sub SUBJECT [--expires-in 12h]`;

export async function tokenCommand(args: string[], output: CliOutput): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      roles: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '12h' },
    },
  });
  if (values.tenant === undefined || values.sub === undefined || values.roles === undefined) {
    throw new UsageError('token needs --tenant, --roles and --sub');
  }
  const roles = values.roles.split(',').map((role) => role.trim().toUpperCase());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0 || roles.length === 0) {
    throw new UsageError(
      `--roles: unknown role ${unknown.join(', ')}; known: ${knownRoles.join(', ')}`,
    );
  }
  if (
    !/^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/.test(
      values['expires-in'],
    )
  ) {
    throw new UsageError('--expires-in must be a duration such as 30m, 12h or 7d');
  }
  const config = loadConfig();
  if (config.jwt.secret === undefined) {
    throw new UsageError('JEJAK_JWT_SECRET must be set to mint a development token');
  }
  const token = await mintDevelopmentToken({
    secret: config.jwt.secret,
    subject: values.sub,
    tenant: values.tenant,
    roles: roles as Role[],
    expiresIn: values['expires-in'],
    ...(config.jwt.issuer !== undefined ? { issuer: config.jwt.issuer } : {}),
    ...(config.jwt.audience !== undefined ? { audience: config.jwt.audience } : {}),
  });
  output.out(token);
}
