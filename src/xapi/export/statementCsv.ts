// Pure: statements as CSV rows for analysts' spreadsheets (RFC 4180: fields with a comma,
// quote or line break are quoted, quotes doubled). The columns are what most analyses ask
// for; the NDJSON export has everything else.
import { agentKey } from '../statements/agentKey.js';
import type { JsonObject, StatementJson } from '../statements/xapiJson.js';

export const statementCsvHeader = [
  'id',
  'stored',
  'timestamp',
  'actor',
  'actor_name',
  'verb',
  'object',
  'registration',
  'score_scaled',
  'score_raw',
  'success',
  'completion',
  'duration',
  'voided',
];

export function statementCsvRow(statement: StatementJson, voided: boolean): string {
  const result = (statement.result ?? {}) as JsonObject;
  const score = (result.score ?? {}) as JsonObject;
  const object = statement.object as JsonObject;
  const actor = statement.actor;
  const cells: unknown[] = [
    statement.id,
    statement.stored,
    statement.timestamp,
    agentKey(actor) ?? 'anonymous group',
    actor.name,
    statement.verb.id,
    object.id,
    statement.context?.registration,
    score.scaled,
    score.raw,
    result.success,
    result.completion,
    result.duration,
    voided,
  ];
  return cells.map(csvField).join(',');
}

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}

function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  // A spreadsheet would run a text starting with = + - @ as a formula: such text is kept
  // as text. Numbers are written as numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
