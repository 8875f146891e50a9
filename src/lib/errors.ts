// Typed errors of the domain layer, and the one place that maps them to HTTP statuses and
// GraphQL error codes, so every transport answers a client mistake the same way.

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE';

const httpStatusOf: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
};

/** A failure the caller caused and can correct; never logged as a server error. */
export class JejakError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }

  get httpStatus(): number {
    return httpStatusOf[this.code];
  }
}

export interface InputProblem {
  /** Where in the input, e.g. `statements[3].actor.mbox`. */
  path: string;
  rule: string;
}

export class BadUserInputError extends JejakError {
  /** Every problem found, when there is more than the one the message names. */
  readonly problems?: InputProblem[];

  constructor(message: string, problems?: InputProblem[]) {
    super('BAD_USER_INPUT', message);
    if (problems !== undefined) this.problems = problems;
  }
}

export class UnauthenticatedError extends JejakError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends JejakError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends JejakError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends JejakError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
