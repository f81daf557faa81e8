import { EntityAlreadyExistsError, NoSuchEntityError } from '@iam/common';

/** AWS `NoSuchEntity`: no group of that name in the account (or not visible to the caller: same answer). */
export class GroupNotFoundError extends NoSuchEntityError {
  constructor(groupName: string) {
    super('group', groupName);
  }
}

/** AWS `EntityAlreadyExists`: group names are unique per account regardless of case. */
export class GroupAlreadyExistsError extends EntityAlreadyExistsError {
  constructor(groupName: string) {
    super('group', groupName);
  }
}
