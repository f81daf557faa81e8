import { Catch } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Lets a resolver's error reach Apollo untouched. Nest's default handler for resolvers logs every thrown error at
 * `error` (a wrong password or a missing user included) through its one process-wide logger; `formatError` logs
 * each error once instead, at the level its category calls for (`graphQLErrorLog`). HTTP routes (health, internal
 * endpoints) keep Nest's default handling.
 */
@Catch()
export class GraphQLErrorsPassThroughFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() === 'graphql') throw exception;
    super.catch(exception, host);
  }
}
