import { entityAlreadyExists, noSuchEntity } from '../principals/errors/error-classes.js';

/** AWS `NoSuchEntity`: no group of that name in the account (or not visible to the caller: same answer). */
export class GroupNotFoundError extends noSuchEntity('group') {}

/** AWS `EntityAlreadyExists`: group names are unique per account regardless of case. */
export class GroupAlreadyExistsError extends entityAlreadyExists('group') {}
