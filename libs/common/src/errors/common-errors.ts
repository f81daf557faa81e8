import { DomainError } from './domain-error.js';
import type { ErrorDetails } from './domain-error.js';

/** AWS `InvalidInput`: a parameter is malformed or out of range. */
export class InvalidInputError extends DomainError {
  readonly code = 'InvalidInput';
  readonly category = 'BAD_USER_INPUT';
}

/** AWS `ValidationError`: a list of input problems found together (collect-all validation). */
export class ValidationError extends DomainError {
  readonly code = 'ValidationError';
  readonly category = 'BAD_USER_INPUT';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '), { problemCount: problems.length });
  }
}

/** AWS `AccessDenied`: the caller is not allowed to perform the action on the resource. */
export class AccessDeniedError extends DomainError {
  readonly code = 'AccessDenied';
  readonly category = 'FORBIDDEN';

  constructor(action: string, resource: string) {
    // AWS: the message names the action and the resource, never why (which policy) it was denied.
    super(`not authorized to perform \`${action}\` on resource \`${resource}\``, {
      action,
      resource,
    });
  }
}

/** No valid credentials were presented. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'Unauthenticated';
  readonly category = 'UNAUTHENTICATED';

  constructor(message = 'authentication required') {
    super(message);
  }
}

/** AWS `NoSuchEntity`: the entity does not exist (or is not visible to the caller, which answers the same). */
export class NoSuchEntityError extends DomainError {
  readonly code = 'NoSuchEntity';
  readonly category = 'NOT_FOUND';

  constructor(entityType: string, name: string) {
    super(`the ${entityType} with name \`${name}\` cannot be found`, { entityType, name });
  }
}

/** AWS `EntityAlreadyExists`. */
export class EntityAlreadyExistsError extends DomainError {
  readonly code = 'EntityAlreadyExists';
  readonly category = 'CONFLICT';

  constructor(entityType: string, name: string) {
    super(`${entityType} with name \`${name}\` already exists`, { entityType, name });
  }
}

/** AWS `LimitExceeded`: a quota would be exceeded. */
export class LimitExceededError extends DomainError {
  readonly code = 'LimitExceeded';
  readonly category = 'LIMIT_EXCEEDED';

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
  }
}

/** AWS `DeleteConflict`: the entity still has subordinate entities. */
export class DeleteConflictError extends DomainError {
  readonly code = 'DeleteConflict';
  readonly category = 'CONFLICT';
}

/** AWS `ServiceUnavailable`: a dependency (database, broker) is not reachable; safe to retry. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'ServiceUnavailable';
  readonly category = 'UNAVAILABLE';
}
