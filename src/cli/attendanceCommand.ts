// `jejak attendance import`: a meeting tool's attendance report (Teams, Meet, or a generic CSV
// with a column mapping) into a session, as the importAttendanceReport mutation takes it:
// all or nothing, replacing an earlier report of the same format.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rawRows } from '../db/rawRows.js';
import type {
  AttendanceReportFormat,
  GenericMapping,
} from '../domain/meetings/attendanceReport.js';
import { importAttendanceReport } from '../domain/meetings/importAttendanceReport.js';
import { meetingProviders, type MeetingProvider } from '../domain/meetings/meetingLink.js';
import { createProgramRepository } from '../domain/programs/programRepository.js';
import { createSessionRepository } from '../domain/sessions/sessionRepository.js';
import { NotFoundError } from '../lib/errors.js';
import { isUuid } from '../lib/uuid.js';
import { UsageError, withDatabase, type CliOutput } from './cliContext.js';

export const attendanceUsage = `
  attendance import --session ID --format TEAMS|MEET|GENERIC FILE.csv
         [--mapping name=COL,email=COL,joinedAt=COL,leftAt=COL|duration=COL[,dateFormat=F]]
         [--provider WEBEX|ZOOM|TEAMS|MEET] [--time-zone Asia/Jakarta]`;

const formats: readonly AttendanceReportFormat[] = ['TEAMS', 'MEET', 'GENERIC'];

function mappingOf(text: string): GenericMapping {
  const entries = text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--mapping: "${pair}" is not KEY=COLUMN`);
    return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const;
  });
  const known = new Set(['name', 'email', 'joinedAt', 'leftAt', 'duration', 'dateFormat']);
  const unknown = entries.find(([key]) => !known.has(key));
  if (unknown) throw new UsageError(`--mapping: unknown key ${unknown[0]}`);
  const mapping = Object.fromEntries(entries) as Partial<GenericMapping>;
  if (mapping.name === undefined || mapping.joinedAt === undefined)
    throw new UsageError('--mapping needs name= and joinedAt=');
  return mapping as GenericMapping;
}

export async function attendanceCommand(args: string[], output: CliOutput): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'import') throw new UsageError(`unknown attendance action "${action ?? ''}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      session: { type: 'string' },
      format: { type: 'string' },
      mapping: { type: 'string' },
      provider: { type: 'string' },
      'time-zone': { type: 'string' },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new UsageError('attendance import takes one FILE');
  const sessionId = values.session;
  if (sessionId === undefined || !isUuid(sessionId))
    throw new UsageError('attendance import needs --session with the session id');
  const format = values.format?.toUpperCase() as AttendanceReportFormat | undefined;
  if (format === undefined || !formats.includes(format))
    throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  const provider = values.provider?.toUpperCase() as MeetingProvider | undefined;
  if (provider !== undefined && !(meetingProviders as readonly string[]).includes(provider))
    throw new UsageError(`--provider must be one of ${meetingProviders.join(', ')}`);
  if (!existsSync(file)) throw new NotFoundError(`no file ${file}`);
  const content = readFileSync(file);
  const mapping = values.mapping === undefined ? undefined : mappingOf(values.mapping);
  await withDatabase(async (database) => {
    // A session id names its tenant: the operator need not.
    const [session] = await rawRows<{ tenant_id: string }>(
      database.db,
      sql`select tenant_id from sessions where id = ${sessionId}`,
    );
    if (session === undefined) throw new NotFoundError(`no session ${sessionId}`);
    const actor = { tenantId: session.tenant_id, subject: 'jejak:cli', roles: ['ADMIN' as const] };
    const sessions = createSessionRepository(
      database.db,
      actor,
      createProgramRepository(database.db, actor),
    );
    const result = await importAttendanceReport(database.db, actor, sessions, {
      sessionId,
      format,
      content,
      mapping,
      timeZone: values['time-zone'],
      provider,
    });
    output.out(
      `Imported ${file}${result.meetingTitle ? ` ("${result.meetingTitle}")` : ''}: ` +
        `${result.participants} participants, ${result.unmatched} not matched to a learner, ` +
        `${result.written} attendance records written.`,
    );
  });
}
