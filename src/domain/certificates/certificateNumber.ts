// Pure: certificate numbers from a programme's pattern. A pattern is literal text with
// placeholders: {seq} or {seq:N} (the programme's running number, zero-padded to N digits),
// {year} and {month} of issue, {tenant} (the tenant's slug in capitals). Numbers appear in
// URLs and on paper, so the literal text is kept to letters, digits and `/ . - _`.

export const defaultNumberPattern = '{seq:4}/STTP/{tenant}/{year}';

const placeholder = /\{(seq(?::(\d{1,2}))?|year|month|tenant)\}/g;
const literal = /^[A-Za-z0-9/._-]*$/;

/** Why the pattern cannot number certificates, or undefined when it can. */
export function numberPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0 || pattern.length > 100) return 'must be 1 to 100 characters';
  if (!/\{seq(?::\d{1,2})?\}/.test(pattern)) {
    return 'must contain {seq} or {seq:N}, so that every certificate gets its own number';
  }
  const rest = pattern.replace(placeholder, '');
  if (/[{}]/.test(rest)) {
    return 'knows only the placeholders {seq}, {seq:N}, {year}, {month} and {tenant}';
  }
  if (!literal.test(rest))
    return 'may contain only letters, digits and / . - _ besides placeholders';
  return undefined;
}

export interface NumberParts {
  sequence: number;
  issuedAt: Date;
  tenantSlug: string;
}

/** The number the pattern gives these parts (the pattern is assumed valid). */
export function formatCertificateNumber(pattern: string, parts: NumberParts): string {
  return pattern.replace(placeholder, (_match, name: string, width: string | undefined) => {
    if (name.startsWith('seq')) return String(parts.sequence).padStart(Number(width ?? 0), '0');
    if (name === 'year') return String(parts.issuedAt.getUTCFullYear());
    if (name === 'month') return String(parts.issuedAt.getUTCMonth() + 1).padStart(2, '0');
    return parts.tenantSlug.toUpperCase().replace(/[^A-Z0-9._-]/g, '-');
  });
}
