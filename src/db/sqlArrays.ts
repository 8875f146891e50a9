// Columns of many rows as array literals, bound one parameter per column and read with
// `unnest($1::uuid[], $2::text[], …)`: PostgreSQL reads them about twice as fast as the same
// rows as a JSON document, which json_to_recordset parses once to check it and again to
// take each record apart.

/** A text[] literal: each value quoted, `"` and `\` escaped, null as NULL. */
export function textArrayLiteral(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (index > 0) literal += ',';
    // Tested first: most values have nothing to escape, and a test costs half a replace.
    literal +=
      value === null
        ? 'NULL'
        : needsEscape.test(value)
          ? `"${value.replace(/["\\]/g, '\\$&')}"`
          : `"${value}"`;
  }
  return `${literal}}`;
}

const needsEscape = /["\\]/;

/**
 * A literal of values that never need quoting (uuids, numbers, ISO timestamps): bare, they
 * cost less to send and to read. Meant for values validated as such; any other is refused.
 */
export function bareArrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values.map(bareElement).join(',')}}`;
}

function bareElement(value: string | number | null): string {
  if (value === null) return 'NULL';
  // NaN and Infinity would be read as such by a double precision column, where JSON wrote
  // null: a caller's arithmetic gone wrong must fail loudly rather than be stored.
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    // Digits, a sign, a point, an exponent: nothing a bare element may not hold.
    return String(value);
  }
  // What a bare element may not hold: it would end the element, or be read as null.
  if (!bareSafe.test(value) || (value.length === 4 && value.toLowerCase() === 'null')) {
    throw new Error(`not a bare array element: ${JSON.stringify(value)}`);
  }
  return value;
}

const bareSafe = /^[^\s,{}"\\]+$/;

export function booleanArrayLiteral(values: readonly (boolean | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : value ? 't' : 'f')).join(',')}}`;
}
