// Pure: SIASN records as CSV rows in the columns of SIASN's training-history form, for
// agencies that enter them by hand (RFC 4180 quoting, formulas disarmed: statementCsv.ts).
import type { SiasnRecordRow } from '../../db/schema/index.js';
import { csvLine } from '../../xapi/export/statementCsv.js';
import { siasnDate } from './siasnBody.js';

export const siasnCsvHeader = [
  'NIP',
  'nama',
  'jenisDiklatId',
  'namaKursus',
  'institusiPenyelenggara',
  'nomorSertipikat',
  'jumlahJam',
  'tanggalKursus',
  'tanggalSelesaiKursus',
  'tahunKursus',
  'status',
  'rwKursusId',
];

export function siasnCsvRow(record: SiasnRecordRow): string {
  return csvLine([
    record.nip,
    record.name,
    record.jenisDiklatId === null ? '' : String(record.jenisDiklatId),
    record.namaKursus,
    record.institusiPenyelenggara ?? '',
    record.nomorSertipikat ?? '',
    String(record.jumlahJam),
    siasnDate(record.startDate),
    siasnDate(record.endDate),
    record.endDate.slice(0, 4),
    record.status,
    // rwDiklatId for structural training (jenisDiklatId 1).
    record.siasnRecordId ?? '',
  ]);
}
