import type { ErrorCategory } from '@iam/common';
import type { Logger } from '@iam/service-kit';
import type { InternalErrorReporter, Refusal, RefusalReporter } from './to-graphql-error.js';

/** The level an error answered with its own code is logged at. */
export type RefusalLogLevel = 'info' | 'warn' | 'error';

/**
 * Client errors (bad input, wrong password, not found, denied, throttled, ...) are the service working as it
 * should: `info`, one line, no stack. A dependency that is unavailable is `warn`; an error of category `INTERNAL`
 * is a fault of ours: `error`, with its stack.
 */
export function refusalLogLevel(category: ErrorCategory): RefusalLogLevel {
  if (category === 'INTERNAL') return 'error';
  if (category === 'UNAVAILABLE') return 'warn';
  return 'info';
}

function stackFields(error: unknown): { err: { message: string; stack?: string } | string } {
  return {
    err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
  };
}

/**
 * The reporters `formatGraphQLError` logs through: one line per refusal at {@link refusalLogLevel}'s level
 * (`signIn refused: <message>` with its `code` and `category`), and every unexpected error at `error` with its
 * stack.
 */
export function graphQLErrorLog(logger: Logger): {
  readonly unexpected: InternalErrorReporter;
  readonly refused: RefusalReporter;
} {
  return {
    unexpected: (error) => logger.error('unexpected error', stackFields(error)),
    refused: (refusal: Refusal) => {
      const level = refusalLogLevel(refusal.category);
      const subject = refusal.field ?? 'request';
      const message =
        refusal.message === null ? `${subject} refused` : `${subject} refused: ${refusal.message}`;
      logger[level](message, {
        code: refusal.code,
        category: refusal.category,
        ...(level === 'error' ? stackFields(refusal.error) : {}),
      });
    },
  };
}
