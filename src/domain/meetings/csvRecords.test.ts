import { describe, expect, it } from 'vitest';
import { AttendanceReportError } from './attendanceReportError.js';
import { decodeReport, detectDelimiter, parseCsv } from './csvRecords.js';

const utf16le = (text: string): Uint8Array =>
  new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);

describe('decoding report files', () => {
  it('reads UTF-8 with or without a BOM, UTF-16 with a BOM either way round, and 1252', () => {
    expect(decodeReport(Buffer.from('\uFEFFNama,Surel'))).toBe('Nama,Surel');
    expect(decodeReport('\uFEFFNama')).toBe('Nama');
    expect(decodeReport(utf16le('Name\tEmail\r\nSiti Raḥma\t'))).toBe(
      'Name\tEmail\r\nSiti Raḥma\t',
    );
    const be = Buffer.from('Nama', 'utf16le').swap16();
    expect(decodeReport(new Uint8Array([0xfe, 0xff, ...be]))).toBe('Nama');
    expect(decodeReport(Buffer.from('Nama,Email', 'utf16le'))).toBe('Nama,Email');
    expect(decodeReport(new Uint8Array([0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65]))).toBe('Jérôme');
  });
});

describe('reading CSV records', () => {
  it('handles quoted delimiters, doubled quotes, CRLF and line breaks inside values', () => {
    const text =
      'Nama,Catatan\r\n"Rahma, Siti","Kata ""hadir"""\r\nBudi,"baris satu\r\nbaris dua"\r\nDewi,x';
    expect(parseCsv(text, ',')).toEqual([
      { line: 1, fields: ['Nama', 'Catatan'] },
      { line: 2, fields: ['Rahma, Siti', 'Kata "hadir"'] },
      { line: 3, fields: ['Budi', 'baris satu\nbaris dua'] },
      // The value above spans two lines, so Dewi is on line 5 of the file.
      { line: 5, fields: ['Dewi', 'x'] },
    ]);
  });

  it('keeps empty fields and blank lines, and takes spaces before a quote as nothing', () => {
    expect(parseCsv('a,,"" \n\nb, "c, d"\n', ',')).toEqual([
      { line: 1, fields: ['a', '', ''] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['b', 'c, d'] },
    ]);
  });

  it('refuses text after a closing quote and a quote never closed, naming line and column', () => {
    expect(() => parseCsv('a,b\n"Siti" Rahma,x\n', ',')).toThrow(
      new AttendanceReportError({ line: 2, column: 1 }, 'text after the closing quote of "Siti"'),
    );
    const error = (() => {
      try {
        parseCsv('a\tb\nx\t"Budi\n\n', '\t');
      } catch (e) {
        return e as AttendanceReportError;
      }
    })();
    expect(error).toMatchObject({ line: 2, column: 2 });
    expect(error?.message).toBe(
      'line 2, column 2: a quote opened here is never closed (the value begins "Budi")',
    );
  });

  it('finds the delimiter under which a line reads as the header', () => {
    const isHeader = (keys: string[]): boolean => keys.includes('name') && keys.includes('email');
    // Commas inside tab-separated values, and semicolons from an Indonesian-locale Excel.
    expect(detectDelimiter('1. Summary\nName\tEmail\nSiti\t"3/2/26, 9:00 AM"', isHeader)).toBe(
      '\t',
    );
    expect(detectDelimiter('Name;Email;Catatan\nRahma, Siti;x;y', isHeader)).toBe(';');
    expect(detectDelimiter('"Name","Email"\n', isHeader)).toBe(',');
  });
});
