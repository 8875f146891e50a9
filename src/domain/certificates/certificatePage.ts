// The certificate as a page to print (A4 landscape, from a browser's "Print"), with a QR code
// of its verification URL, and the small page a phone opens from that QR code. Everything
// shown is escaped: names come from HR data and LMS imports.
import QRCode from 'qrcode';
import type { CertificateContent } from './certificateContent.js';
import type { CertificateCheck } from './verifyCertificate.js';

function escape(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '–';
  return String(text).replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}

const months = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** `2026-03-02` as Indonesian documents write it: `2 Maret 2026`. */
export function tanggal(isoDate: string | null): string {
  if (isoDate === null) return '–';
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return `${day} ${months[month! - 1]} ${year}`;
}

export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

const style = `
  @page { size: A4 landscape; margin: 14mm; }
  body { font-family: "Times New Roman", serif; color: #111; margin: 0; }
  .sheet { border: 3px double #444; padding: 10mm 14mm; min-height: 170mm; position: relative; }
  h1 { text-align: center; letter-spacing: .12em; margin: 0 0 2mm; font-size: 22pt; }
  .sub { text-align: center; margin: 0 0 6mm; }
  table { border-collapse: collapse; margin: 0 auto 6mm; }
  td { padding: 1mm 3mm; vertical-align: top; }
  .sign { position: absolute; right: 16mm; bottom: 12mm; text-align: center; width: 80mm; }
  .qr { position: absolute; left: 16mm; bottom: 12mm; width: 32mm; font-size: 7pt; }
  .qr svg { width: 32mm; height: 32mm; }
  .revoked { color: #b00; font-weight: bold; text-align: center; }
  @media screen { body { background: #eee; } .sheet { background: #fff; max-width: 270mm; margin: 8mm auto; } }
`;

export async function certificatePrintPage(
  content: CertificateContent,
  revokedAt: Date | null,
): Promise<string> {
  const learner = content.learner;
  const rows: [string, string | null][] = [
    ['Nama', learner.name],
    ['NIP', learner.nip],
    ['Tempat, tanggal lahir', `${learner.birthPlace ?? '–'}, ${tanggal(learner.birthDate)}`],
    ['Pangkat/golongan', learner.rank],
    ['Jabatan', learner.position],
    ['Instansi', [learner.orgUnit, learner.agency].filter(Boolean).join(', ') || null],
  ];
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<title>STTP ${escape(content.number)}</title><style>${style}</style></head>
<body><div class="sheet">
<p class="sub">${escape(content.institution)}</p>
<h1>SURAT TANDA TAMAT PELATIHAN</h1>
<p class="sub">Nomor: ${escape(content.number)}</p>
${revokedAt === null ? '' : `<p class="revoked">DICABUT (revoked) ${escape(tanggal(revokedAt.toISOString()))}</p>`}
<p class="sub">diberikan kepada</p>
<table>${rows.map(([label, value]) => `<tr><td>${escape(label)}</td><td>:</td><td>${escape(value)}</td></tr>`).join('')}</table>
<p class="sub">yang telah mengikuti <strong>${escape(content.training.title)}</strong>
pada ${escape(tanggal(content.heldFrom))} sampai dengan ${escape(tanggal(content.heldTo))}${content.place === null ? '' : ` di ${escape(content.place)}`},
sebanyak <strong>${escape(content.jp)} JP</strong>, dengan kualifikasi <strong>${escape(content.qualification)}</strong>.</p>
<div class="qr">${await qrSvg(content.verifyUrl)}<br>Periksa keaslian: pindai kode ini${content.verificationCode === undefined ? '' : `<br>Kode verifikasi: ${escape(content.verificationCode)}`}</div>
<div class="sign">${escape(content.signatory.place)}, ${escape(tanggal(content.issuedAt))}<br>
${escape(content.signatory.title)}<br><br><br><br>
<strong>${escape(content.signatory.name)}</strong><br>NIP ${escape(content.signatory.nip)}</div>
</div></body></html>
`;
}

/** What a phone shows after scanning the QR code. */
export function certificateCheckPage(check: CertificateCheck, codeGiven: boolean): string {
  const verdict = !check.signatureValid
    ? 'TIDAK SAH: tanda tangan digital tidak cocok'
    : check.status === 'REVOKED'
      ? `DICABUT pada ${tanggal(check.revokedAt)}${check.revocationReason === null ? '' : `: ${check.revocationReason}`}`
      : 'SAH: sertifikat asli dan berlaku';
  const s = check.summary;
  const rows: [string, string | number][] =
    s === null
      ? [['Nomor', check.number]]
      : [
          ['Nomor', check.number],
          ['Nama', s.learnerName],
          ['NIP', s.learnerNip],
          ['Pelatihan', s.training],
          ['Waktu', `${tanggal(s.heldFrom)} – ${tanggal(s.heldTo)}`],
          ['Penyelenggara', s.institution],
          ['Diterbitkan oleh', s.issuer],
          ['Kualifikasi', s.qualification],
          ['JP', s.jp],
        ];
  // Without the code, a form asks for it: the one printed under the QR code.
  const codeForm = check.codeRequired
    ? `<form method="get">${codeGiven ? '<p><strong>Kode verifikasi tidak cocok.</strong></p>' : ''}<p>Data peserta ditampilkan dengan kode verifikasi yang tercetak pada sertifikat.</p>
<label>Kode verifikasi <input name="code" autocomplete="off" required></label> <button>Tampilkan</button></form>`
    : '';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Verifikasi ${escape(check.number)}</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em">
<h1 style="font-size:1.3em;color:${check.signatureValid && check.status === 'VALID' ? '#060' : '#b00'}">${escape(verdict)}</h1>
<table>${rows.map(([label, value]) => `<tr><th style="text-align:left;padding-right:1em">${escape(label)}</th><td>${escape(value)}</td></tr>`).join('')}</table>
${codeForm}
</body></html>
`;
}
