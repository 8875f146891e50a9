import { describe, expect, it } from 'vitest';
import {
  jumlahJamOf,
  readSiasnAnswer,
  siasnBody,
  siasnDate,
  siasnFormOf,
  siasnPath,
  siasnProblems,
  type SiasnFacts,
} from './siasnBody.js';

const facts: SiasnFacts = {
  nip: '198609262015051001',
  name: 'Budi Santoso',
  pnsOrangId: 'A8ACA7A4ECE03912E040640A040269BB',
  instansiId: 'A5EB03E23C52F6A0E040640A040252AD',
  jenisDiklatId: 3,
  title: 'Pengelolaan Keuangan Daerah',
  institution: null,
  tenantName: 'BPSDM Provinsi A',
  certificateNumber: null,
  certificateJp: null,
  programJp: 40,
  startDate: '2026-01-05',
  endDate: '2026-03-31',
};

describe('SIASN training-history body', () => {
  it('builds a /kursus/save body for non-structural training', () => {
    const form = siasnFormOf(facts);
    expect(form.kind).toBe('KURSUS');
    expect(siasnPath(form.kind)).toBe('/kursus/save');
    expect(siasnProblems(form)).toEqual([]);
    expect(siasnBody(form, null)).toEqual({
      id: null,
      pnsOrangId: 'A8ACA7A4ECE03912E040640A040269BB',
      instansiId: 'A5EB03E23C52F6A0E040640A040252AD',
      jenisDiklatId: '3',
      jenisKursus: null,
      jenisKursusSertipikat: null,
      namaKursus: 'Pengelolaan Keuangan Daerah',
      institusiPenyelenggara: 'BPSDM Provinsi A',
      nomorSertipikat: null,
      jumlahJam: 40,
      tahunKursus: 2026,
      tanggalKursus: '05-01-2026',
      tanggalSelesaiKursus: '31-03-2026',
      lokasiId: null,
      path: [],
    });
    // An update re-sends SIASN's own id.
    expect(siasnBody(form, 'rw-1').id).toBe('rw-1');
  });

  it('builds a /diklat/save body for structural training (jenisDiklatId 1)', () => {
    const form = siasnFormOf({
      ...facts,
      jenisDiklatId: 1,
      title: 'Pelatihan Kepemimpinan Pengawas',
      institution: 'BPSDM Provinsi A',
      certificateNumber: '0001/PKP/BPSDM/2025',
      startDate: '2025-11-03',
      endDate: '2026-01-09',
    });
    expect(form.kind).toBe('DIKLAT');
    expect(siasnPath(form.kind)).toBe('/diklat/save');
    expect(siasnBody(form, 'rw-9')).toEqual({
      id: 'rw-9',
      pnsOrangId: 'A8ACA7A4ECE03912E040640A040269BB',
      latihanStrukturalId: null,
      nomor: '0001/PKP/BPSDM/2025',
      tanggal: '03-11-2025',
      tanggalSelesai: '09-01-2026',
      // The year the training ended.
      tahun: 2026,
      jumlahJam: 40,
      institusiPenyelenggara: 'BPSDM Provinsi A',
      jenisKompetensi: null,
      bobot: null,
    });
    // Structural training needs no instansiId.
    expect(siasnProblems({ ...form, instansiId: null })).toEqual([]);
  });

  it('writes dates dd-MM-yyyy', () => {
    expect(siasnDate('2026-02-01')).toBe('01-02-2026');
    expect(siasnDate('1999-12-31')).toBe('31-12-1999');
  });

  it("rounds JP to whole hours, preferring the certificate's JP", () => {
    expect(jumlahJamOf(39.5)).toBe(40);
    expect(jumlahJamOf(39.49)).toBe(39);
    expect(jumlahJamOf(0.2)).toBe(0);
    expect(jumlahJamOf(-3)).toBe(0);
    expect(jumlahJamOf(Number.NaN)).toBe(0);
    expect(siasnFormOf({ ...facts, certificateJp: 12.6 }).jumlahJam).toBe(13);
    expect(siasnFormOf({ ...facts, certificateJp: null, programJp: 24 }).jumlahJam).toBe(24);
  });

  it('names the institution: the template or organiser, else the tenant', () => {
    expect(siasnFormOf({ ...facts, institution: '  ' }).institusiPenyelenggara).toBe(
      'BPSDM Provinsi A',
    );
    expect(siasnFormOf({ ...facts, institution: 'Pusdiklat X' }).institusiPenyelenggara).toBe(
      'Pusdiklat X',
    );
  });

  it('names what is missing before anything is sent', () => {
    const form = siasnFormOf({ ...facts, pnsOrangId: ' ', instansiId: null, jenisDiklatId: null });
    expect(form.kind).toBe('KURSUS');
    expect(siasnProblems(form)).toEqual([
      expect.stringContaining('pnsOrangId'),
      expect.stringContaining('instansiId'),
      expect.stringContaining('jenisDiklatId'),
    ]);
  });

  it("reads SIASN's answers", () => {
    expect(
      readSiasnAnswer(
        'KURSUS',
        '{"success":true,"message":"success","mapData":{"rwKursusId":"8ae4"}}',
      ),
    ).toEqual({ ok: true, siasnRecordId: '8ae4' });
    expect(readSiasnAnswer('DIKLAT', '{"success":true,"mapData":{"rwDiklatId":"d-1"}}')).toEqual({
      ok: true,
      siasnRecordId: 'd-1',
    });
    expect(readSiasnAnswer('KURSUS', '{"success":true}')).toEqual({
      ok: true,
      siasnRecordId: null,
    });
    expect(
      readSiasnAnswer('KURSUS', '{"success":false,"message":"pnsOrangId tidak ditemukan"}'),
    ).toEqual({ ok: false, error: 'SIASN refused the record: pnsOrangId tidak ditemukan' });
    expect(readSiasnAnswer('KURSUS', '<html>gateway</html>')).toMatchObject({ ok: false });
    expect(readSiasnAnswer('KURSUS', 'null')).toMatchObject({ ok: false });
  });
});
