// Whether a failed query broke a unique constraint (SQLSTATE 23505), on either driver and
// through drizzle's wrapping: the one database error a domain turns into a 409.
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
