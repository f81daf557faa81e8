import type { ErrorCategory } from '@iam/common';
import { DomainError, EntityAlreadyExistsError, NoSuchEntityError } from '@iam/common';

// Bases for the identity error classes that differ only in their words. Each error stays a named class of its
// own (`class UserNotFoundError extends noSuchEntity('user') {}`): `instanceof` and the error's `name` still
// tell them apart, and the code, message and details are what they were.

/** AWS `NoSuchEntity` for one kind of entity: `new UserNotFoundError(name)`. */
export function noSuchEntity(entityType: string) {
  return class extends NoSuchEntityError {
    constructor(name: string) {
      super(entityType, name);
    }
  };
}

/** AWS `EntityAlreadyExists` for one kind of entity: `new UserAlreadyExistsError(name)`. */
export function entityAlreadyExists(entityType: string) {
  return class extends EntityAlreadyExistsError {
    constructor(name: string) {
      super(entityType, name);
    }
  };
}

/** An error that always says the same: no argument, no details. */
export function fixedError(spec: { code: string; category: ErrorCategory; message: string }) {
  return class extends DomainError {
    readonly code = spec.code;
    readonly category = spec.category;

    constructor() {
      super(spec.message);
    }
  };
}

/** An error about one value the caller gave, which its details repeat under `detail`. */
export function valueError(spec: {
  code: string;
  category: ErrorCategory;
  detail: string;
  message: (value: string) => string;
}) {
  return class extends DomainError {
    readonly code = spec.code;
    readonly category = spec.category;

    constructor(value: string) {
      super(spec.message(value), { [spec.detail]: value });
    }
  };
}

/** Too many failures: refused until `retryAfterSeconds` have passed (`locked`: a lock, not a short wait). */
export function throttledError(messages: { locked: string; wait: string }) {
  return class extends DomainError {
    // AWS: `Throttling` is AWS's code for a refused, retryable request.
    readonly code = 'Throttling';
    readonly category = 'RATE_LIMITED';

    constructor(retryAfterSeconds: number, locked: boolean) {
      super(locked ? messages.locked : messages.wait, { retryAfterSeconds, locked });
    }
  };
}
