// Pure: what a certificate (STTP) says, from the rows it is made of. DOMAIN.md lists what it
// must show: issuing institution, training name, time and place, number, the learner (nama,
// NIP, tempat/tanggal lahir, pangkat/golongan, jabatan, instansi), the pass qualification,
// the signatory and the JP. This object is the JWS payload, so it is also what verifies.
import type { QualificationBand } from '../../db/schema/index.js';
import { parseNip } from '../people/nip.js';

/** The bands of LAN's usual kualifikasi, on the mean best score (0..1) of graded modules. */
export const defaultQualificationBands: QualificationBand[] = [
  { minScaledScore: 0.9001, label: 'Sangat Memuaskan' },
  { minScaledScore: 0.8001, label: 'Memuaskan' },
  { minScaledScore: 0.7001, label: 'Cukup Memuaskan' },
  { minScaledScore: 0, label: 'Kurang Memuaskan' },
];

/** The qualification of a completion that had nothing graded. */
export const ungradedQualification = 'Lulus';

export interface CertificateContent {
  type: 'STTP';
  number: string;
  institution: string;
  training: { title: string; learningKind: string; siasnJenisDiklatId: number | null };
  heldFrom: string;
  heldTo: string;
  place: string | null;
  learner: {
    name: string;
    nip: string;
    birthPlace: string | null;
    birthDate: string | null;
    rank: string | null;
    position: string | null;
    agency: string | null;
    orgUnit: string | null;
  };
  qualification: string;
  /** The mean best scaled score the qualification came from, when anything was graded. */
  score: number | null;
  jp: number;
  signatory: {
    name: string | null;
    title: string | null;
    nip: string | null;
    place: string | null;
  };
  issuedAt: string;
  /** Where anyone can check the certificate is genuine and not revoked. */
  verifyUrl: string;
  /**
   * Opens the learner's details at the open check by number (absent from certificates
   * issued before it existed).
   */
  verificationCode?: string;
}

export interface CertificateSources {
  number: string;
  issuedAt: Date;
  verifyUrl: string;
  verificationCode: string;
  program: {
    title: string;
    organiser: string | null;
    learningKind: string;
    siasnJenisDiklatId: number | null;
    totalJp: number;
  };
  cohort: { startDate: string; endDate: string; location: string | null };
  person: {
    name: string;
    nip: string;
    employmentType: string;
    birthPlace: string | null;
    birthDate: string | null;
    rank: string | null;
    position: string | null;
    agency: string | null;
    orgUnit: string | null;
  };
  template: {
    institution: string | null;
    signatoryName: string | null;
    signatoryTitle: string | null;
    signatoryNip: string | null;
    signedAt: string | null;
    qualificationBands: QualificationBand[] | null;
  };
  /** The best scaled score of each graded module of the enrollment. */
  moduleScores: number[];
  /** The tenant's name, when neither the template nor the programme names the institution. */
  tenantName: string;
}

export function qualificationOf(
  scores: number[],
  bands: QualificationBand[] | null,
): { qualification: string; score: number | null } {
  if (scores.length === 0) return { qualification: ungradedQualification, score: null };
  const score = scores.reduce((sum, value) => sum + value, 0) / scores.length;
  const ordered = [...(bands ?? defaultQualificationBands)].sort(
    (a, b) => b.minScaledScore - a.minScaledScore,
  );
  const band = ordered.find((candidate) => score >= candidate.minScaledScore);
  return {
    qualification: band?.label ?? ungradedQualification,
    score: Math.round(score * 1e4) / 1e4,
  };
}

/** The birth date a certificate prints: as recorded, else read from a PNS's NIP. */
function birthDateOf(person: CertificateSources['person']): string | null {
  if (person.birthDate !== null) return person.birthDate;
  if (person.employmentType !== 'PNS') return null;
  const parts = parseNip(person.nip);
  return 'problem' in parts ? null : parts.birthDate;
}

export function certificateContent(sources: CertificateSources): CertificateContent {
  const { program, cohort, person, template } = sources;
  return {
    type: 'STTP',
    number: sources.number,
    institution: template.institution ?? program.organiser ?? sources.tenantName,
    training: {
      title: program.title,
      learningKind: program.learningKind,
      siasnJenisDiklatId: program.siasnJenisDiklatId,
    },
    heldFrom: cohort.startDate,
    heldTo: cohort.endDate,
    place: cohort.location,
    learner: {
      name: person.name,
      nip: person.nip,
      birthPlace: person.birthPlace,
      birthDate: birthDateOf(person),
      rank: person.rank,
      position: person.position,
      agency: person.agency,
      orgUnit: person.orgUnit,
    },
    ...qualificationOf(sources.moduleScores, template.qualificationBands),
    jp: program.totalJp,
    signatory: {
      name: template.signatoryName,
      title: template.signatoryTitle,
      nip: template.signatoryNip,
      place: template.signedAt,
    },
    issuedAt: sources.issuedAt.toISOString(),
    verifyUrl: sources.verifyUrl,
    verificationCode: sources.verificationCode,
  };
}
