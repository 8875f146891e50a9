import { describe, expect, it } from 'vitest';
import type { StatementJson } from '../statements/xapiJson.js';
import { csvLine, statementCsvHeader, statementCsvRow } from './statementCsv.js';

describe('statements as CSV', () => {
  it('writes the columns, quoting what needs it and disarming formulas', () => {
    const statement = {
      id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
      stored: '2026-01-07T02:00:00.000Z',
      timestamp: '2026-01-07T01:59:00.000Z',
      actor: { name: '=HYPERLINK("x"), Sari', account: { homePage: 'https://lms', name: '1990' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://lms/mod/quiz/view.php?id=7', objectType: 'Activity' },
      result: { score: { scaled: -0.5, raw: 4 }, success: false, duration: 'PT5M' },
    } as unknown as StatementJson;
    expect(statementCsvRow(statement, true)).toBe(
      [
        '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
        '2026-01-07T02:00:00.000Z',
        '2026-01-07T01:59:00.000Z',
        '"account:[""https://lms"",""1990""]"',
        `"'=HYPERLINK(""x""), Sari"`,
        'http://adlnet.gov/expapi/verbs/completed',
        'https://lms/mod/quiz/view.php?id=7',
        '',
        '-0.5',
        '4',
        'false',
        '',
        'PT5M',
        'true',
      ].join(','),
    );
    expect(csvLine(statementCsvHeader)).toBe(
      'id,stored,timestamp,actor,actor_name,verb,object,registration,score_scaled,score_raw,success,completion,duration,voided',
    );
  });
});
