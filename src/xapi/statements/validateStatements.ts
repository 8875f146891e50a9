// A batch is valid only if every statement is: the first invalid statement rejects the
// whole request with each of its problems named by index and JSON path.
import { BadUserInputError } from '../../lib/errors.js';
import { statementRows } from './statementRows.js';
import { fitsIndex, maxIndexedBytes } from './storableJson.js';
import { statementProblems, type StatementProblem, type XapiVersion } from './validateStatement.js';
import { unstorableJson } from './storableJson.js';
import type { StatementJson } from './xapiJson.js';

/** Problems listed in one answer; a statement broken in more places says so. */
const maxReported = 20;

export class StatementValidationError extends BadUserInputError {}

/** `paths[i]` names statement i in messages: `statements[3]`, or `statement` for one. */
export function validateStatements(
  statements: unknown[],
  version: XapiVersion,
  paths: string[],
): StatementJson[] {
  // xAPI 2.0 treats a null timestamp as absent: the LRS fills it in from stored.
  if (version === '2.0.0') statements = statements.map(withoutNullTimestamp);
  for (const [index, statement] of statements.entries()) {
    const unstorable = unstorableJson(statement);
    let problems = unstorable ? [unstorable] : statementProblems(statement, version);
    if (problems.length === 0) problems = oversizedIdentifiers(statement as StatementJson);
    if (problems.length === 0) continue;
    const located = problems.slice(0, maxReported).map((problem) => ({
      path: problem.path === '' ? paths[index]! : `${paths[index]}.${problem.path}`,
      rule: problem.rule,
    }));
    const first = located[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw new StatementValidationError(`${first.path}: ${first.rule}${more}`, located);
  }
  return statements as StatementJson[];
}

function withoutNullTimestamp(statement: unknown): unknown {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
    return statement;
  }
  if ((statement as { timestamp?: unknown }).timestamp !== null) return statement;
  const { timestamp: _timestamp, ...rest } = statement as Record<string, unknown>;
  return rest;
}

/** Identifiers too long for the indexes that make every query cheap (see maxIndexedBytes). */
function oversizedIdentifiers(statement: StatementJson): StatementProblem[] {
  const rows = statementRows({ ...statement, id: statement.id ?? '', stored: '' });
  const rule = `is longer than ${maxIndexedBytes} bytes, the longest identifier Jejak indexes`;
  const problems: StatementProblem[] = [];
  if (!fitsIndex(rows.verbIri)) problems.push({ path: 'verb.id', rule });
  for (const link of [...rows.activities, ...rows.agents]) {
    if (!fitsIndex(link.key)) problems.push({ path: pathOfRole(link.roles[0]!), rule });
  }
  return problems;
}

const pathOfPlainRole: Record<string, string> = {
  actor: 'actor',
  object: 'object',
  instructor: 'context.instructor',
  team: 'context.team',
  context_agent: 'context.contextAgents',
  context_group: 'context.contextGroups',
  parent: 'context.contextActivities.parent',
  grouping: 'context.contextActivities.grouping',
  category: 'context.contextActivities.category',
  other: 'context.contextActivities.other',
};

/** Where a link row's role sits in the statement, for messages (`sub_` → in the object). */
function pathOfRole(role: string): string {
  const inSubStatement = role.startsWith('sub_');
  const plain = role.replace(/^sub_/, '').replace(/_member$/, '');
  const path = `${pathOfPlainRole[plain] ?? plain}${role.endsWith('_member') ? '.member' : ''}`;
  return inSubStatement ? `object.${path}` : path;
}
