import { describe, expect, it } from 'vitest';
import { DomainError, EntityAlreadyExistsError, NoSuchEntityError } from '@iam/common';
import {
  entityAlreadyExists,
  fixedError,
  noSuchEntity,
  throttledError,
  valueError,
} from './error-classes.js';

class ThingNotFoundError extends noSuchEntity('thing') {}
class ThingExistsError extends entityAlreadyExists('thing') {}
class BrokenError extends fixedError({
  code: 'Broken',
  category: 'FORBIDDEN',
  message: 'it is broken',
}) {}
class BadValueError extends valueError({
  code: 'BadValue',
  category: 'BAD_USER_INPUT',
  detail: 'value',
  message: (value) => `\`${value}\` is bad`,
}) {}
class SlowDownError extends throttledError({ locked: 'locked out', wait: 'wait a bit' }) {}

describe('error classes', () => {
  it('keep the shared bases, their own names, codes and messages', () => {
    const notFound = new ThingNotFoundError('x');
    expect(notFound).toBeInstanceOf(NoSuchEntityError);
    expect(notFound.name).toBe('ThingNotFoundError');
    expect(notFound.code).toBe('NoSuchEntity');
    expect(notFound.message).toBe(new NoSuchEntityError('thing', 'x').message);

    const exists = new ThingExistsError('x');
    expect(exists).toBeInstanceOf(EntityAlreadyExistsError);
    expect(exists.name).toBe('ThingExistsError');
    expect(exists.details).toEqual(new EntityAlreadyExistsError('thing', 'x').details);
  });

  it('fixedError says the same every time, with no details', () => {
    const error = new BrokenError();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('BrokenError');
    expect([error.code, error.category, error.message]).toEqual([
      'Broken',
      'FORBIDDEN',
      'it is broken',
    ]);
    expect(error.details).toEqual({});
  });

  it('valueError quotes the value and repeats it in the details', () => {
    const error = new BadValueError('v');
    expect([error.code, error.category, error.message]).toEqual([
      'BadValue',
      'BAD_USER_INPUT',
      '`v` is bad',
    ]);
    expect(error.details).toEqual({ value: 'v' });
  });

  it('throttledError is Throttling, RATE_LIMITED, with the wait and the lock in the details', () => {
    const waiting = new SlowDownError(30, false);
    expect([waiting.code, waiting.category, waiting.message]).toEqual([
      'Throttling',
      'RATE_LIMITED',
      'wait a bit',
    ]);
    expect(waiting.details).toEqual({ retryAfterSeconds: 30, locked: false });
    expect(new SlowDownError(900, true).message).toBe('locked out');
  });
});
