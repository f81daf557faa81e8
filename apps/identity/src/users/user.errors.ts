import { EntityAlreadyExistsError, NoSuchEntityError } from '@iam/common';

/** AWS `NoSuchEntity`: no user of that name in the account (or not visible to the caller: same answer). */
export class UserNotFoundError extends NoSuchEntityError {
  constructor(userName: string) {
    super('user', userName);
  }
}

/** AWS `EntityAlreadyExists`: user names are unique per account regardless of case. */
export class UserAlreadyExistsError extends EntityAlreadyExistsError {
  constructor(userName: string) {
    super('user', userName);
  }
}
