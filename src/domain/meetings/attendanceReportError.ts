// The one error an attendance-report import throws for a wrong or unreadable file: it names
// the line of the file and the column, so whoever exported the report can find and fix it.
import { BadUserInputError, type InputProblem } from '../../lib/errors.js';

/** Where in the file: `line` is 1-based in the file, `column` 1-based among the fields. */
export interface ReportPosition {
  line: number | null;
  column?: number;
  columnName?: string;
}

/** A cell's text and where it came from, for reading and for blaming. */
export interface CellRef extends ReportPosition {
  line: number;
  text: string;
}

// More would bury the first ones; the file is rejected whole anyway.
const maxProblems = 20;

export function describePosition(at: ReportPosition): string {
  const parts: string[] = [];
  if (at.line !== null) parts.push(`line ${at.line}`);
  if (at.columnName !== undefined) {
    parts.push(`column "${at.columnName}"${at.column === undefined ? '' : ` (${at.column})`}`);
  } else if (at.column !== undefined) {
    parts.push(`column ${at.column}`);
  }
  return parts.length === 0 ? 'the file' : parts.join(', ');
}

export class AttendanceReportError extends BadUserInputError {
  readonly line: number | null;
  readonly column: number | null;
  readonly columnName: string | null;
  /** The message without its position, e.g. `"31/13/2026" is not a date`. */
  readonly problem: string;

  constructor(at: ReportPosition, problem: string, problems?: InputProblem[]) {
    super(`${describePosition(at)}: ${problem}`, problems);
    this.line = at.line;
    this.column = at.column ?? null;
    this.columnName = at.columnName ?? null;
    this.problem = problem;
  }

  get position(): ReportPosition {
    const at: ReportPosition = { line: this.line };
    if (this.column !== null) at.column = this.column;
    if (this.columnName !== null) at.columnName = this.columnName;
    return at;
  }
}

/** Quotes a cell for a message, cut short so one runaway value cannot fill the log. */
export function quoted(text: string, max = 60): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(short);
}

/**
 * Runs `read` on every item, gathering every row's problem before failing, so one upload
 * shows all the mistakes of a file instead of one per attempt. Nothing is returned unless
 * every row was read: a report is imported whole or not at all.
 */
export function readAll<T, R>(items: readonly T[], read: (item: T) => R): R[] {
  const results: R[] = [];
  const errors: AttendanceReportError[] = [];
  for (const item of items) {
    try {
      results.push(read(item));
    } catch (error) {
      if (!(error instanceof AttendanceReportError)) throw error;
      errors.push(error);
    }
  }
  const first = errors[0];
  if (first === undefined) return results;
  if (errors.length === 1) throw first;
  const problems = errors
    .slice(0, maxProblems)
    .map((error) => ({ path: describePosition(error.position), rule: error.problem }));
  const more =
    errors.length === 2 ? 'and 1 more problem' : `and ${errors.length - 1} more problems`;
  throw new AttendanceReportError(first.position, `${first.problem} (${more})`, problems);
}
