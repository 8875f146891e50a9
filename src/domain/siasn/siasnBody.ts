// Pure: a completed enrollment as SIASN's training-history form (the record Jejak keeps and
// exports as CSV), and that form as the body of `POST /kursus/save` or, for structural
// training (jenisDiklatId 1), `POST /diklat/save`; SIASN's answer read back. Field names and
// formats are those observed from public clients (DOMAIN.md): dates dd-MM-yyyy, jumlahJam
// integer JP, tahun integer. SIASN has no external key: an update re-sends its own id.

export type SiasnKind = 'KURSUS' | 'DIKLAT';

/** SIASN's jenisDiklatId of Diklat Struktural, the one kind saved through /diklat/save. */
export const structuralJenisDiklatId = 1;

/** What the database knows of one completed enrollment. */
export interface SiasnFacts {
  nip: string;
  name: string;
  /** The person's SIASN id (pnsOrangId). */
  pnsOrangId: string | null;
  /** The SIASN id of the person's agency (instansiId). */
  instansiId: string | null;
  jenisDiklatId: number | null;
  title: string;
  /** The certificate template's institution, else the programme's organiser. */
  institution: string | null;
  /** The tenant's name: the training agency itself, when nothing else names it. */
  tenantName: string;
  certificateNumber: string | null;
  /** JP on the learner's certificate, when one was issued; else the programme's JP. */
  certificateJp: number | null;
  programJp: number;
  /** The cohort's dates, YYYY-MM-DD. */
  startDate: string;
  endDate: string;
}

/** The record as SIASN's form has it: what is kept, shown, exported and sent. */
export interface SiasnForm {
  kind: SiasnKind;
  nip: string;
  name: string;
  pnsOrangId: string | null;
  instansiId: string | null;
  jenisDiklatId: number | null;
  namaKursus: string;
  institusiPenyelenggara: string | null;
  nomorSertipikat: string | null;
  jumlahJam: number;
  /** YYYY-MM-DD. */
  startDate: string;
  endDate: string;
}

export function siasnFormOf(facts: SiasnFacts): SiasnForm {
  return {
    kind: facts.jenisDiklatId === structuralJenisDiklatId ? 'DIKLAT' : 'KURSUS',
    nip: facts.nip,
    name: facts.name,
    pnsOrangId: blankToNull(facts.pnsOrangId),
    instansiId: blankToNull(facts.instansiId),
    jenisDiklatId: facts.jenisDiklatId,
    namaKursus: facts.title,
    institusiPenyelenggara: blankToNull(facts.institution) ?? facts.tenantName,
    nomorSertipikat: blankToNull(facts.certificateNumber),
    jumlahJam: jumlahJamOf(facts.certificateJp ?? facts.programJp),
    startDate: facts.startDate,
    endDate: facts.endDate,
  };
}

/** Whole JP, as SIASN stores them: rounded half up, never negative. */
export function jumlahJamOf(jp: number): number {
  return Number.isFinite(jp) ? Math.max(0, Math.round(jp)) : 0;
}

/** `2026-03-31` → `31-03-2026`. */
export function siasnDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}

export function siasnPath(kind: SiasnKind): '/kursus/save' | '/diklat/save' {
  return kind === 'DIKLAT' ? '/diklat/save' : '/kursus/save';
}

/** Why the form cannot be sent as it is (empty when it can). */
export function siasnProblems(form: SiasnForm): string[] {
  const problems: string[] = [];
  if (form.pnsOrangId === null)
    problems.push("pnsOrangId: the person's SIASN id is not known (person siasnId)");
  if (form.kind === 'KURSUS' && form.instansiId === null)
    problems.push("instansiId: the SIASN id of the person's agency is not known (agency siasnId)");
  if (form.jenisDiklatId === null)
    problems.push('jenisDiklatId: the programme has no siasnJenisDiklatId');
  return problems;
}

/** The JSON body of the save call; `id` null creates a record, SIASN's id updates it. */
export function siasnBody(form: SiasnForm, siasnRecordId: string | null): Record<string, unknown> {
  const year = Number(form.endDate.slice(0, 4));
  if (form.kind === 'DIKLAT') {
    return {
      id: siasnRecordId,
      pnsOrangId: form.pnsOrangId,
      // A reference of SIASN's (PIM/PKA/PKP…) Jejak does not hold yet: left to SIASN.
      latihanStrukturalId: null,
      nomor: form.nomorSertipikat,
      tanggal: siasnDate(form.startDate),
      tanggalSelesai: siasnDate(form.endDate),
      tahun: year,
      jumlahJam: form.jumlahJam,
      institusiPenyelenggara: form.institusiPenyelenggara,
      jenisKompetensi: null,
      bobot: null,
    };
  }
  return {
    id: siasnRecordId,
    pnsOrangId: form.pnsOrangId,
    instansiId: form.instansiId,
    // A reference id: SIASN's reads give them as strings.
    jenisDiklatId: form.jenisDiklatId === null ? null : String(form.jenisDiklatId),
    jenisKursus: null,
    jenisKursusSertipikat: null,
    namaKursus: form.namaKursus,
    institusiPenyelenggara: form.institusiPenyelenggara,
    nomorSertipikat: form.nomorSertipikat,
    jumlahJam: form.jumlahJam,
    tahunKursus: year,
    tanggalKursus: siasnDate(form.startDate),
    tanggalSelesaiKursus: siasnDate(form.endDate),
    lokasiId: null,
    path: [],
  };
}

export type SiasnAnswer = { ok: true; siasnRecordId: string | null } | { ok: false; error: string };

/**
 * SIASN's answer to a save with a 2xx status: `{ success, message, mapData: { rwKursusId } }`.
 * A 200 with `success: false` is a failure with SIASN's message.
 */
export function readSiasnAnswer(kind: SiasnKind, text: string): SiasnAnswer {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: `SIASN answered with something not JSON: ${siasnExcerpt(text, 80)}`,
    };
  }
  if (typeof answer !== 'object' || answer === null)
    return { ok: false, error: 'SIASN answered with something not a JSON object' };
  const { success, message, mapData } = answer as Record<string, unknown>;
  if (success !== true) {
    const said = typeof message === 'string' && message !== '' ? message : 'no message';
    return { ok: false, error: `SIASN refused the record: ${siasnExcerpt(said, 120)}` };
  }
  const key = kind === 'DIKLAT' ? 'rwDiklatId' : 'rwKursusId';
  const id =
    typeof mapData === 'object' && mapData !== null
      ? (mapData as Record<string, unknown>)[key]
      : undefined;
  return {
    ok: true,
    siasnRecordId:
      typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : null,
  };
}

function blankToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}

/**
 * At most `length` characters of what SIASN (or a gateway before it) answered, for errors:
 * markup dropped and whitespace collapsed, so a gateway's HTML page reads as its words.
 */
export function siasnExcerpt(text: string, length: number): string {
  return clip(
    text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    length,
  );
}

/** At most `length` characters, the last an ellipsis when cut. */
export function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
