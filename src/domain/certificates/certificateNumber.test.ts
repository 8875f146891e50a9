import { describe, expect, it } from 'vitest';
import {
  defaultNumberPattern,
  formatCertificateNumber,
  numberPatternProblem,
} from './certificateNumber.js';

const parts = {
  sequence: 7,
  issuedAt: new Date('2026-03-31T18:00:00Z'),
  tenantSlug: 'bpsdm-jatim',
};

describe('certificate numbers', () => {
  it('fills the placeholders, padding the sequence', () => {
    expect(formatCertificateNumber(defaultNumberPattern, parts)).toBe('0007/STTP/BPSDM-JATIM/2026');
    expect(formatCertificateNumber('800/{seq:3}/{month}.{year}', parts)).toBe('800/007/03.2026');
    expect(formatCertificateNumber('X-{seq}', { ...parts, sequence: 12345 })).toBe('X-12345');
  });

  it('accepts patterns that number every certificate apart, and says what is wrong with others', () => {
    expect(numberPatternProblem(defaultNumberPattern)).toBeUndefined();
    expect(numberPatternProblem('STTP/{year}')).toMatch(/must contain \{seq\}/);
    expect(numberPatternProblem('{seq}/{nip}')).toMatch(/only the placeholders/);
    expect(numberPatternProblem('{seq} STTP')).toMatch(/only letters, digits/);
    expect(numberPatternProblem('')).toMatch(/1 to 100/);
  });
});
