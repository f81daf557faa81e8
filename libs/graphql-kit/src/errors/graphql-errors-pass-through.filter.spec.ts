import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '@iam/common';
import { GraphQLErrorsPassThroughFilter } from './graphql-errors-pass-through.filter.js';

function host(type: string, response: unknown = {}): ArgumentsHost {
  return {
    getType: () => type,
    getArgs: () => [{}, response],
    getArgByIndex: (index: number) => [{}, response][index],
    switchToHttp: () => ({
      getRequest: () => ({}),
      getResponse: () => response,
      getNext: () => undefined,
    }),
    switchToRpc: () => {
      throw new Error('not rpc');
    },
    switchToWs: () => {
      throw new Error('not ws');
    },
  } as unknown as ArgumentsHost;
}

describe(GraphQLErrorsPassThroughFilter.name, () => {
  it('hands a resolver error back to Apollo unlogged (formatError logs it once, at its level)', () => {
    const adapter = { reply: vi.fn(), isHeadersSent: vi.fn(() => false), end: vi.fn() };
    const filter = new GraphQLErrorsPassThroughFilter(adapter as never);
    const error = new InvalidInputError('bad');
    expect(() => filter.catch(error, host('graphql'))).toThrow(error);
    expect(adapter.reply).not.toHaveBeenCalled();
  });

  it("answers an HTTP route's exception as Nest does", () => {
    const adapter = { reply: vi.fn(), isHeadersSent: vi.fn(() => false), end: vi.fn() };
    const filter = new GraphQLErrorsPassThroughFilter(adapter as never);
    const response = {};
    filter.catch(new NotFoundException(), host('http', response));
    expect(adapter.reply).toHaveBeenCalledWith(
      response,
      expect.objectContaining({ statusCode: 404 }),
      404,
    );
  });
});
