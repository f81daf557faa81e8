import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { DomainError, InvalidInputError, NoSuchEntityError } from '@iam/common';
import type { ErrorCategory } from '@iam/common';
import type { Logger } from '@iam/service-kit';
import { graphQLErrorLog, refusalLogLevel } from './log-graphql-error.js';
import { formatGraphQLError } from './to-graphql-error.js';

class Unavailable extends DomainError {
  readonly code = 'ServiceUnavailable';
  readonly category = 'UNAVAILABLE';
}
class Broken extends DomainError {
  readonly code = 'InternalFailure';
  readonly category = 'INTERNAL';
}

function fakeLogger() {
  const info = vi.fn();
  const warn = vi.fn();
  const error = vi.fn();
  const logger: Logger = { debug: vi.fn(), info, warn, error, child: vi.fn() };
  return { logger, info, warn, error };
}

/** Formats `error` as a subgraph does, logging through `logger`. */
function formatWith(logger: Logger, error: unknown, formatted: Record<string, unknown> = {}) {
  const log = graphQLErrorLog(logger);
  return formatGraphQLError({ message: 'x', ...formatted }, error, log.unexpected, log.refused);
}

describe(refusalLogLevel.name, () => {
  it.each<[ErrorCategory, string]>([
    ['BAD_USER_INPUT', 'info'],
    ['UNAUTHENTICATED', 'info'],
    ['FORBIDDEN', 'info'],
    ['NOT_FOUND', 'info'],
    ['CONFLICT', 'info'],
    ['LIMIT_EXCEEDED', 'info'],
    ['RATE_LIMITED', 'info'],
    ['UNAVAILABLE', 'warn'],
    ['INTERNAL', 'error'],
  ])('logs %s at %s', (category, level) => {
    expect(refusalLogLevel(category)).toBe(level);
  });
});

describe(graphQLErrorLog.name, () => {
  it("logs a client's refusal once, at info, naming the field, without a stack", () => {
    const { logger, info, warn, error } = fakeLogger();
    formatWith(
      logger,
      new GraphQLError('x', { originalError: new NoSuchEntityError('user', 'alice') }),
      { path: ['getUser'] },
    );
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith(
      'getUser refused: the user with name `alice` cannot be found',
      { code: 'NoSuchEntity', category: 'NOT_FOUND' },
    );
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('logs a framework refusal by its code only: its message may quote variables (a password)', () => {
    const { logger, info, warn, error } = fakeLogger();
    formatWith(logger, new GraphQLError('Variable "$input" got invalid value "hunter2"'), {
      message: 'Variable "$input" got invalid value "hunter2"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(info).toHaveBeenCalledWith('request refused', {
      code: 'InvalidInput',
      category: 'BAD_USER_INPUT',
    });
    expect(JSON.stringify(info.mock.calls)).not.toContain('hunter2');
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('logs an unavailable dependency at warn, and an internal domain error at error with its stack', () => {
    const { logger, info, warn, error } = fakeLogger();
    formatWith(logger, new Unavailable('the database is unavailable'), { path: ['listUsers'] });
    expect(warn).toHaveBeenCalledWith('listUsers refused: the database is unavailable', {
      code: 'ServiceUnavailable',
      category: 'UNAVAILABLE',
    });
    formatWith(logger, new Broken('invariant broken'), { path: ['listUsers'] });
    expect(error).toHaveBeenCalledWith('listUsers refused: invariant broken', {
      code: 'InternalFailure',
      category: 'INTERNAL',
      err: { message: 'invariant broken', stack: expect.stringContaining('invariant broken') },
    });
    expect(info).not.toHaveBeenCalled();
  });

  it('logs an unexpected error at error with its stack, and nothing at info', () => {
    const { logger, info, warn, error } = fakeLogger();
    const answer = formatWith(logger, new GraphQLError('x', { originalError: new Error('bug') }));
    expect(answer.extensions?.['code']).toBe('InternalFailure');
    expect(error).toHaveBeenCalledWith('unexpected error', {
      err: { message: 'bug', stack: expect.stringContaining('Error: bug') },
    });
    expect(info).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('does not change the answer', () => {
    const error = new InvalidInputError('bad');
    expect(formatWith(fakeLogger().logger, error)).toEqual(
      formatGraphQLError({ message: 'x' }, error, vi.fn()),
    );
  });
});
