// `jejak tenants create|list`: the training agencies this instance serves.
import { parseArgs } from 'node:util';
import { createTenantDirectory, type Tenant } from '../domain/tenants/tenantDirectory.js';
import { allPages, formatTable, UsageError, withDatabase, type CliOutput } from './cliContext.js';

export const tenantsUsage = `
  tenants create --slug SLUG --name NAME [--json]
  tenants list [--json]`;

export async function tenantsCommand(args: string[], output: CliOutput): Promise<void> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  switch (action) {
    case 'create': {
      if (values.slug === undefined || values.name === undefined) {
        throw new UsageError('tenants create needs --slug and --name');
      }
      const { slug, name } = values;
      await withDatabase(async (database) => {
        const tenant = await createTenantDirectory(database.db).create({ slug, name });
        output.out(
          values.json
            ? JSON.stringify(present(tenant))
            : `Created tenant ${tenant.slug} (${tenant.id})`,
        );
      });
      return;
    }
    case 'list': {
      await withDatabase(async (database) => {
        const directory = createTenantDirectory(database.db);
        const all = await allPages((page) => directory.list(page));
        if (values.json) {
          output.out(JSON.stringify(all.map(present)));
          return;
        }
        const rows = all.map((t) => [t.slug, t.name, t.id, t.createdAt.toISOString()]);
        for (const line of formatTable(['SLUG', 'NAME', 'ID', 'CREATED'], rows)) output.out(line);
      });
      return;
    }
    default:
      throw new UsageError(`unknown tenants action "${action ?? ''}"`);
  }
}

function present(tenant: Tenant) {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    createdAt: tenant.createdAt.toISOString(),
  };
}
