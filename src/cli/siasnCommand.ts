// `jejak siasn export`: a tenant's SIASN records as CSV on stdout, in the columns of SIASN's
// training-history form (as GET /siasn/records.csv serves them), for agencies without API
// access to SIASN.
import { parseArgs } from 'node:util';
import { createSiasnRepository, siasnStatuses } from '../domain/siasn/siasnRepository.js';
import { cliConfig, requireTenant, UsageError, withDatabase } from './cliContext.js';

export const siasnUsage = `
  siasn export --tenant SLUG [--status PENDING|SENT|FAILED] > FILE.csv`;

export async function siasnCommand(
  args: string[],
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'export') throw new UsageError(`unknown siasn action "${action ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    options: { tenant: { type: 'string' }, status: { type: 'string' } },
  });
  if (values.tenant === undefined) throw new UsageError('siasn export needs --tenant');
  const status = values.status;
  if (status !== undefined && !(siasnStatuses as readonly string[]).includes(status))
    throw new UsageError(`--status must be one of ${siasnStatuses.join(', ')}`);
  const tenantSlug = values.tenant;
  const { config } = cliConfig();
  await withDatabase(async (database) => {
    const tenant = await requireTenant(database, tenantSlug);
    const repository = createSiasnRepository(
      database.db,
      { tenantId: tenant.id, subject: 'jejak:cli', roles: ['ADMIN'] },
      config.secretsKey,
    );
    for await (const chunk of repository.csv(status === undefined ? {} : { status })) {
      // Wait for the reader when it is slower than the database: memory stays flat.
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    }
  });
}
