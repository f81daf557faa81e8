import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { NoSuchEntityError } from '@iam/common';
import { formatGraphQLError } from './to-graphql-error.js';

describe(formatGraphQLError.name, () => {
  it('keeps a domain error code wrapped by Apollo', () => {
    const wrapped = new GraphQLError('x', {
      originalError: new NoSuchEntityError('user', 'alice'),
    });
    const result = formatGraphQLError({ message: 'x' }, wrapped, vi.fn());
    expect(result.extensions).toMatchObject({
      code: 'NoSuchEntity',
      category: 'NOT_FOUND',
      status: 404,
    });
    expect(result.message).toBe('the user with name `alice` cannot be found');
  });

  it('hides unexpected errors and reports them', () => {
    const report = vi.fn();
    const cause = new Error('connection string postgres://secret@db');
    const result = formatGraphQLError(
      { message: cause.message },
      new GraphQLError('x', { originalError: cause }),
      report,
    );
    expect(result).toEqual({
      message: 'internal error',
      locations: undefined,
      path: undefined,
      extensions: { code: 'InternalFailure', category: 'INTERNAL', status: 500 },
    });
    expect(report).toHaveBeenCalledWith(cause);
  });

  it('renames framework validation codes', () => {
    const result = formatGraphQLError(
      { message: 'bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('bad'),
      vi.fn(),
    );
    expect(result.extensions?.['code']).toBe('ValidationError');
  });
});
