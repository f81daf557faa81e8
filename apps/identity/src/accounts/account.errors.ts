import {
  entityAlreadyExists,
  noSuchEntity,
  valueError,
} from '../principals/errors/error-classes.js';

/** AWS `NoSuchEntity` for an account id that does not exist or is not visible to the caller. */
export class AccountNotFoundError extends noSuchEntity('account') {}

/** AWS `EntityAlreadyExists`: account aliases are unique across the platform, as in AWS. */
export class AccountAliasTakenError extends entityAlreadyExists('account alias') {}

/** AWS `InvalidInput` for an alias outside AWS's rules. */
export class InvalidAccountAliasError extends valueError({
  code: 'InvalidInput',
  category: 'BAD_USER_INPUT',
  detail: 'alias',
  message: (alias) =>
    `account alias \`${alias}\` must be 3 to 63 lowercase letters, digits and hyphens, and must not start or end with a hyphen`,
}) {}
