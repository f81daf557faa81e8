import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';

// SECURITY: a request id is only a correlation id (a client may choose it), never an authorization input. Its shape
// is checked before it is logged or forwarded, so a client cannot write control characters or a second line into a
// log, nor grow a line without bound.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether `value` may be used as a request id: 1 to 64 characters of `A-Z a-z 0-9 . _ -`. */
export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

/** A client's `x-request-id` when it is safe to log and forward, else a fresh UUID. */
export function acceptRequestId(header: string | string[] | undefined): string {
  return isValidRequestId(header) ? header : randomUUID();
}

/** What the log lines written while a request is handled carry. */
export interface RequestLogContext {
  readonly requestId: string;
  /**
   * The logger of the service handling the request. Framework messages that reach a process-wide logger (Nest's)
   * are written with it, so they name the right service when several run in one process (the quick start).
   */
  readonly logger?: Logger;
}

const storage = new AsyncLocalStorage<RequestLogContext>();

/**
 * Runs `fn` (and everything it starts) as part of one request: every line any logger writes meanwhile carries the
 * request id. An id of the wrong shape is not recorded.
 */
export function runWithRequestContext<T>(context: RequestLogContext, fn: () => T): T {
  return storage.run(
    isValidRequestId(context.requestId) ? context : { ...context, requestId: '' },
    fn,
  );
}

/** The request being handled, if any. */
export function currentRequestContext(): RequestLogContext | undefined {
  return storage.getStore();
}

/** The fields every log line written during a request gets (its request id). */
export function requestLogFields(): { requestId?: string } {
  const requestId = storage.getStore()?.requestId;
  return isValidRequestId(requestId) ? { requestId } : {};
}
