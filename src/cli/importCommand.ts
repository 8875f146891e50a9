// `jejak import`: statements exported by this or another LRS (NDJSON) into a tenant, as
// written by one of its credentials.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createCredentialRepository } from '../domain/credentials/credentialRepository.js';
import { NotFoundError } from '../lib/errors.js';
import { importStatements } from '../xapi/export/importStatements.js';
import { authorityOf } from '../xapi/statements/authority.js';
import { startProgressBar } from './progressBar.js';
import { requireTenant, UsageError, withDatabase, type CliOutput } from './cliContext.js';

export const importUsage = `
  import FILE.ndjson --tenant SLUG --credential KEY`;

export async function importCommand(args: string[], output: CliOutput): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { tenant: { type: 'string' }, credential: { type: 'string' } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('import takes one FILE');
  if (values.tenant === undefined || values.credential === undefined) {
    throw new UsageError('import needs --tenant and --credential');
  }
  if (!existsSync(file)) throw new NotFoundError(`no file ${file}`);
  const { tenant: slug, credential: key } = values;
  await withDatabase(async (database) => {
    const tenant = await requireTenant(database, slug);
    const credential = await createCredentialRepository(database.db, tenant.id).findByKey(key);
    if (credential === undefined || credential.revokedAt !== null) {
      throw new NotFoundError(`no active credential ${key} in tenant ${tenant.slug}`);
    }
    // The bar's total is the file's size: how far the reader is in it says how far along.
    const size = statSync(file).size;
    const input = createReadStream(file);
    const lines = createInterface({ input, crlfDelay: Infinity });
    const progress = startProgressBar('imported');
    const fraction = () => (size === 0 ? 1 : input.bytesRead / size);
    const result = await importStatements(database.db, {
      tenantId: tenant.id,
      credentialId: credential.id,
      authority: authorityOf({ ...credential, tenantId: tenant.id }),
      lines,
      onProgress: (read) => progress.update({ count: read, fraction: fraction() }),
    });
    progress.done({ count: result.read, fraction: 1 });
    output.out(
      `Read ${result.read} statements from ${file}: ${result.inserted} stored, ` +
        `${result.read - result.inserted} already there.`,
    );
  });
}
