/** How an error is answered at the transport; one category maps to one HTTP-like status. */
export type ErrorCategory =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LIMIT_EXCEEDED'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Safe-to-show detail values: never secrets, never internal identifiers of another account. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

/**
 * Base of every error a client may see. `code` is stable and documented in docs/errors.md; it is the AWS IAM
 * error code where AWS has one (`NoSuchEntity`, `EntityAlreadyExists`, ...). The message is lowercase, without a
 * final period, with user input in backticks. `cause` is kept for logs and never sent to clients.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly category: ErrorCategory;

  constructor(
    message: string,
    readonly details: ErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
