// A list of values as one bound parameter: `column in ${textList(values)}`. Drizzle's
// inArray binds one parameter per value, and PostgreSQL accepts at most 65,535 of them.
import { sql, type SQL } from 'drizzle-orm';

export function textList(values: readonly string[]): SQL {
  return sql`(select json_array_elements_text(${JSON.stringify(values)}::text::json))`;
}
