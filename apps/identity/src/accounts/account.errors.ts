import { DomainError, EntityAlreadyExistsError, NoSuchEntityError } from '@iam/common';

/** AWS `NoSuchEntity` for an account id that does not exist or is not visible to the caller. */
export class AccountNotFoundError extends NoSuchEntityError {
  constructor(accountId: string) {
    super('account', accountId);
  }
}

/** AWS `EntityAlreadyExists`: account aliases are unique across the platform, as in AWS. */
export class AccountAliasTakenError extends EntityAlreadyExistsError {
  constructor(alias: string) {
    super('account alias', alias);
  }
}

/** AWS `InvalidInput` for an alias outside AWS's rules. */
export class InvalidAccountAliasError extends DomainError {
  readonly code = 'InvalidInput';
  readonly category = 'BAD_USER_INPUT';

  constructor(alias: string) {
    super(
      `account alias \`${alias}\` must be 3 to 63 lowercase letters, digits and hyphens, and must not start or end with a hyphen`,
      { alias },
    );
  }
}
