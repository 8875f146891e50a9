// Pure: the code printed on a certificate (and carried in its QR code) that opens the
// learner's details at the open check. Certificate numbers follow a pattern and are easy to
// guess, so a number alone only says whether such a certificate exists and is valid; the
// name, NIP and training are shown to someone who holds the paper or its QR code.
import { randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read off paper is not misread.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten characters (50 random bits), written `XXXXX-XXXXX`. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let code = '';
  for (const byte of bytes) code += alphabet[byte & 31];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A code as typed: any case, spaces and dashes ignored, O read as 0 and I or L as 1. */
function normalised(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether `given` is the certificate's code, compared in constant time. */
export function sameVerificationCode(given: string | undefined, code: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(normalised(given));
  const b = Buffer.from(normalised(code));
  return a.length === b.length && timingSafeEqual(a, b);
}
