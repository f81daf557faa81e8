import { entityAlreadyExists, noSuchEntity } from '../principals/errors/error-classes.js';

/** AWS `NoSuchEntity`: no user of that name in the account (or not visible to the caller: same answer). */
export class UserNotFoundError extends noSuchEntity('user') {}

/** AWS `EntityAlreadyExists`: user names are unique per account regardless of case. */
export class UserAlreadyExistsError extends entityAlreadyExists('user') {}
