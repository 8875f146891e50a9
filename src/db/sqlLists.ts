// A list of values as one bound parameter: `column in ${textList(values)}`. Drizzle's
// inArray binds one parameter per value, and PostgreSQL accepts at most 65,535 of them.
import { sql, type SQL } from 'drizzle-orm';

export function textList(values: readonly string[]): SQL {
  return sql`(select json_array_elements_text(${JSON.stringify(values)}::text::json))`;
}

/**
 * Rows as one JSON document, for `json_to_recordset(${jsonRecords(rows)}) as r(…)`: one bound
 * parameter instead of one per value, which the drivers and the server handle far faster
 * than a multi-row VALUES list.
 */
export function jsonRecords(rows: readonly unknown[]): SQL {
  return sql`${JSON.stringify(rows)}::text::json`;
}
