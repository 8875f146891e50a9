import { describe, expect, it } from 'vitest';
import {
  certificateContent,
  qualificationOf,
  type CertificateSources,
} from './certificateContent.js';

const sources: CertificateSources = {
  number: '0001/STTP/A/2026',
  issuedAt: new Date('2026-05-02T03:00:00Z'),
  verifyUrl: 'https://jejak.example/certificates/0001%2FSTTP%2FA%2F2026/verify?code=7K3QD-M9X2A',
  verificationCode: '7K3QD-M9X2A',
  program: {
    title: 'Pengelolaan Keuangan Daerah',
    organiser: 'BPSDM Provinsi A',
    learningKind: 'KLASIKAL',
    siasnJenisDiklatId: 3,
    totalJp: 40,
  },
  cohort: { startDate: '2026-03-02', endDate: '2026-04-30', location: 'Surabaya' },
  person: {
    name: 'Siti Rahma',
    nip: '198609262015052001',
    employmentType: 'PNS',
    birthPlace: 'Malang',
    birthDate: null,
    rank: 'III/b',
    position: 'Analis Keuangan',
    agency: 'Pemerintah Provinsi A',
    orgUnit: 'BPKAD',
  },
  template: {
    institution: null,
    signatoryName: 'Dr. Budi',
    signatoryTitle: 'Kepala BPSDM',
    signatoryNip: '197001011995031001',
    signedAt: 'Surabaya',
    qualificationBands: null,
  },
  moduleScores: [0.95, 0.9],
  tenantName: 'Tenant A',
};

describe('certificate content', () => {
  it('shows every field DOMAIN.md asks for, the birth date read from the NIP when unrecorded', () => {
    const content = certificateContent(sources);
    expect(content).toMatchObject({
      institution: 'BPSDM Provinsi A',
      training: { title: 'Pengelolaan Keuangan Daerah' },
      heldFrom: '2026-03-02',
      heldTo: '2026-04-30',
      place: 'Surabaya',
      number: '0001/STTP/A/2026',
      learner: {
        name: 'Siti Rahma',
        nip: '198609262015052001',
        birthPlace: 'Malang',
        birthDate: '1986-09-26',
        rank: 'III/b',
        position: 'Analis Keuangan',
        agency: 'Pemerintah Provinsi A',
      },
      qualification: 'Sangat Memuaskan',
      score: 0.925,
      jp: 40,
      signatory: { name: 'Dr. Budi', title: 'Kepala BPSDM' },
    });
  });

  it('bands the mean score, with a programme of its own bands or none graded', () => {
    expect(qualificationOf([0.9], null).qualification).toBe('Memuaskan');
    expect(qualificationOf([0.7], null).qualification).toBe('Kurang Memuaskan');
    expect(qualificationOf([], null)).toEqual({ qualification: 'Lulus', score: null });
    const bands = [
      { minScaledScore: 0.75, label: 'Lulus' },
      { minScaledScore: 0, label: 'Tidak Lulus' },
    ];
    expect(qualificationOf([0.5, 0.9], bands).qualification).toBe('Tidak Lulus');
    expect(qualificationOf([0.8], bands).qualification).toBe('Lulus');
  });

  it('does not read a birth date out of a PPPK number', () => {
    const content = certificateContent({
      ...sources,
      person: { ...sources.person, employmentType: 'PPPK' },
    });
    expect(content.learner.birthDate).toBeNull();
  });
});
