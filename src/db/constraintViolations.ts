// Whether a failed query broke a constraint, on either driver and through drizzle's
// wrapping: the database errors a domain turns into a 409.
import { ConflictError } from '../lib/errors.js';

function sqlState(error: unknown): string | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** SQLSTATE 23505: a unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * A row is still referenced: SQLSTATE 23001 (a RESTRICT foreign key, on delete) or 23503
 * (NO ACTION, or a reference that is missing).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const state = sqlState(error);
  return state === '23001' || state === '23503';
}

/** The ConflictError a broken constraint means, with the caller's words; else the error. */
export function conflictFrom(
  error: unknown,
  messages: { unique?: string; referenced?: string },
): unknown {
  if (messages.unique !== undefined && isUniqueViolation(error))
    return new ConflictError(messages.unique);
  if (messages.referenced !== undefined && isForeignKeyViolation(error))
    return new ConflictError(messages.referenced);
  return error;
}
