// `jejak export`: a tenant's statements as NDJSON on stdout, as GET /xapi/export serves them
// (the same filters, voided statements included, oldest first), written as they are read.
import { parseArgs } from 'node:util';
import { countStatements, prepareExport } from '../xapi/export/exportStatements.js';
import { startProgressBar } from './progressBar.js';
import { requireTenant, UsageError, withDatabase } from './cliContext.js';

export const exportUsage = `
  export --tenant SLUG [--agent JSON] [--verb IRI] [--activity IRI] [--registration UUID]
         [--since TIME] [--until TIME] [--related-agents] [--related-activities] [--csv]
         > FILE.ndjson (or FILE.csv)`;

export async function exportCommand(
  args: string[],
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      agent: { type: 'string' },
      verb: { type: 'string' },
      activity: { type: 'string' },
      registration: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      'related-agents': { type: 'boolean', default: false },
      'related-activities': { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
    },
  });
  if (values.tenant === undefined) throw new UsageError('export needs --tenant');
  const query: Record<string, string> = {};
  for (const name of ['agent', 'verb', 'activity', 'registration', 'since', 'until'] as const) {
    const value = values[name];
    if (value !== undefined) query[name] = value;
  }
  if (values['related-agents']) query.related_agents = 'true';
  if (values['related-activities']) query.related_activities = 'true';
  const tenantSlug = values.tenant;
  await withDatabase(async (database) => {
    const tenant = await requireTenant(database, tenantSlug);
    const pages = await prepareExport(database.db, {
      tenantId: tenant.id,
      version: '2.0.0',
      query,
      as: values.csv ? 'csv' : 'ndjson',
    });
    // A whole tenant's export knows its total from one index-only count; a filtered one
    // would need the filtered query twice, so it shows a count and a rate.
    const total =
      Object.keys(query).length === 0 && process.stderr.isTTY
        ? await countStatements(database.db, tenant.id)
        : undefined;
    const progress = startProgressBar('exported');
    const figures = () => ({
      count,
      ...(total === undefined ? {} : { fraction: total === 0 ? 1 : count / total }),
    });
    let count = 0;
    // The first chunk of a CSV is its header line: not a statement.
    let header = values.csv;
    for await (const chunk of pages()) {
      // Wait for the reader when it is slower than the database: memory stays flat.
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      if (header) header = false;
      else count += chunk.split('\n').length - 1;
      progress.update(figures());
    }
    progress.done(figures());
  });
}
