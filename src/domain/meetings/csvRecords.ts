// Pure: report files as records of fields (RFC 4180), whatever the meeting tool saved them as
// — UTF-8 with or without a BOM, UTF-16 "attendance lists" from Teams, commas, tabs or the
// semicolons Excel writes under an Indonesian locale — keeping each record's line number.
import { AttendanceReportError, quoted, type ReportPosition } from './attendanceReportError.js';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (quoted values may span lines). */
  line: number;
  fields: string[];
}

export interface Column {
  /** 0-based position among the fields. */
  index: number;
  /** The header's own spelling, for messages. */
  name: string;
}

/** Text of a file given as a string, or as bytes in UTF-8, UTF-16 or a Windows code page. */
export function decodeReport(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  const [b0, b1] = [input[0], input[1]];
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(input.subarray(2));
  // UTF-16LE without a BOM: ASCII text then has a zero in every second byte.
  if (input.length >= 4 && b0 !== 0 && b1 === 0 && input[2] !== 0 && input[3] === 0) {
    return new TextDecoder('utf-16le').decode(input);
  }
  try {
    // ignoreBOM: false (the default) drops a UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows saves in the ANSI code page, 1252 for Latin script.
    return new TextDecoder('windows-1252').decode(input);
  }
}

/**
 * Splits text into records. Liberal where files in the wild differ (CRLF or LF, spaces before
 * an opening quote, a stray quote inside an unquoted value) and strict where reading on
 * would shift every later value: a quote never closed, or text after a closing quote.
 */
export function parseCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let afterQuote = false;
  let quoteLine = 1;
  const at = (): ReportPosition => ({ line, column: fields.length + 1 });
  const endField = (): void => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
        afterQuote = true;
      } else if (c === '\r' && text[i + 1] === '\n') {
        // A line break inside a value is kept, always as \n.
      } else {
        if (c === '\n' || c === '\r') line++;
        field += c === '\r' ? '\n' : c;
      }
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push({ line: recordLine, fields });
      fields = [];
      line++;
      recordLine = line;
    } else if (afterQuote) {
      if (c !== ' ' && c !== '\t') {
        throw new AttendanceReportError(at(), `text after the closing quote of ${quoted(field)}`);
      }
    } else if (c === '"' && field.trim() === '') {
      inQuotes = true;
      quoteLine = line;
      field = '';
    } else {
      field += c;
    }
  }
  if (inQuotes) {
    throw new AttendanceReportError(
      { line: quoteLine, column: fields.length + 1 },
      `a quote opened here is never closed (the value begins ${quoted(field.split('\n')[0] ?? '', 24)})`,
    );
  }
  if (field !== '' || fields.length > 0 || afterQuote) {
    endField();
    records.push({ line: recordLine, fields });
  }
  return records;
}

/**
 * The records of a report under the delimiter of its header line. A quoting mistake is
 * reported with the name of its column, taken from the last header line above it.
 */
export function readRecords(text: string, isHeader: (keys: string[]) => boolean): CsvRecord[] {
  const delimiter = detectDelimiter(text, isHeader);
  try {
    return parseCsv(text, delimiter);
  } catch (error) {
    if (!(error instanceof AttendanceReportError) || error.line === null || error.column === null) {
      throw error;
    }
    const before = text
      .split(/\r\n|\n|\r/)
      .slice(0, error.line - 1)
      .join('\n');
    let header: CsvRecord | undefined;
    try {
      header = parseCsv(before, delimiter).findLast((r) => isHeader(r.fields.map(headerKey)));
    } catch {
      throw error;
    }
    const columnName = header?.fields[error.column - 1]?.trim();
    if (columnName === undefined) throw error;
    throw new AttendanceReportError({ ...error.position, columnName }, error.problem);
  }
}

/** A blank line, or one with nothing between its delimiters (as spreadsheets save them). */
export function isBlank(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}

/** Header names compared without case, surrounding or doubled spaces. */
export function headerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The delimiter under which some line of the file reads as the expected header. Tabs come
 * first: they never occur inside values of a comma file, while commas do occur inside values
 * of tab files (Teams writes dates as "3/2/26, 9:02:14 AM").
 */
export function detectDelimiter(text: string, isHeader: (keys: string[]) => boolean): string {
  const lines = text.split(/\r\n|\n|\r/, 200);
  for (const delimiter of ['\t', ',', ';']) {
    for (const line of lines) {
      if (!line.includes(delimiter)) continue;
      let keys: string[];
      try {
        keys = (parseCsv(line, delimiter)[0]?.fields ?? []).map(headerKey);
      } catch {
        continue;
      }
      if (isHeader(keys)) return delimiter;
    }
  }
  // No header anywhere: the caller reports that; any delimiter will do to get there.
  return lines.some((line) => line.includes('\t')) ? '\t' : ',';
}

/** The first of `names` (alternative spellings) that the header has. */
export function findColumn(header: CsvRecord, names: readonly string[]): Column | null {
  const keys = header.fields.map(headerKey);
  for (const name of names) {
    const index = keys.indexOf(headerKey(name));
    if (index >= 0) return { index, name: header.fields[index]?.trim() ?? name };
  }
  return null;
}

export function requireColumn(header: CsvRecord, names: readonly string[]): Column {
  const column = findColumn(header, names);
  if (column !== null) return column;
  const has = header.fields.map((field) => field.trim()).filter((field) => field !== '');
  const also =
    names.length > 1
      ? ` (or ${names
          .slice(1)
          .map((n) => `"${n}"`)
          .join(', ')})`
      : '';
  throw new AttendanceReportError(
    { line: header.line, columnName: names[0] ?? '' },
    `the header has no such column${also}; it has ${has.map((n) => `"${n}"`).join(', ')}`,
  );
}

/** The trimmed value of a column in a record, with its position for messages. */
export function cellOf(record: CsvRecord, column: Column) {
  return {
    text: (record.fields[column.index] ?? '').trim(),
    line: record.line,
    column: column.index + 1,
    columnName: column.name,
  };
}

/**
 * Rejects a row with more values than its header: a value with an unquoted delimiter
 * (`Rahma, Siti`) shifts every later column, and reading on would store wrong times.
 */
export function checkWidth(record: CsvRecord, header: CsvRecord): void {
  const width = header.fields.length;
  const extra = record.fields.slice(width).findIndex((field) => field.trim() !== '');
  if (extra < 0) return;
  throw new AttendanceReportError(
    { line: record.line, column: width + extra + 1 },
    `more values than the ${width} columns of the header on line ${header.line}` +
      ' (a value with an unquoted comma or tab?)',
  );
}
