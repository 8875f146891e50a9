// `npm run jejak -- <command>`: operator commands against the configured database.
import { ConfigError } from '../config.js';
import { DataDirInUseError } from '../db/dataDirLock.js';
import { JejakError } from '../lib/errors.js';
import { stdoutOutput, UsageError } from './cliContext.js';
import { attendanceCommand, attendanceUsage } from './attendanceCommand.js';
import { credentialsCommand, credentialsUsage } from './credentialsCommand.js';
import { exportCommand, exportUsage } from './exportCommand.js';
import { importCommand, importUsage } from './importCommand.js';
import { siasnCommand, siasnUsage } from './siasnCommand.js';
import { tenantsCommand, tenantsUsage } from './tenantsCommand.js';
import { tokenCommand, tokenUsage } from './tokenCommand.js';
import { migrateCommand, migrateUsage } from './migrateCommand.js';

const usage = `usage: npm run jejak -- <command>
${credentialsUsage}
${tenantsUsage}
${tokenUsage}
${migrateUsage}
${exportUsage}
${importUsage}
${siasnUsage}
${attendanceUsage}

The database is the server's: DATABASE_URL, or the embedded one in JEJAK_DATA_DIR (./data).
The embedded database serves one process at a time: stop the server before using it here.`;

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case 'credentials':
      await credentialsCommand(args, stdoutOutput);
      break;
    case 'tenants':
      await tenantsCommand(args, stdoutOutput);
      break;
    case 'token':
      await tokenCommand(args, stdoutOutput);
      break;
    case 'migrate':
      await migrateCommand(args, stdoutOutput);
      break;
    case 'export':
      await exportCommand(args);
      break;
    case 'import':
      await importCommand(args, stdoutOutput);
      break;
    case 'attendance':
      await attendanceCommand(args, stdoutOutput);
      break;
    case 'siasn':
      await siasnCommand(args);
      break;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${usage}\n`);
      break;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
} catch (error) {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`jejak: ${(error as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`jejak: configuration error: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof JejakError || error instanceof DataDirInUseError) {
    process.stderr.write(`jejak: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
