import type { CallerContext } from '@iam/common';

/**
 * The raw gateway-signed caller token a subgraph verified for a request, kept beside (never inside) the caller it
 * vouches for, so that the authorizer can forward it to the policy service (`x-iam-caller`) and answer for exactly
 * that caller.
 *
 * Why a WeakMap keyed by the verified `CallerContext` object rather than a field on it or AsyncLocalStorage:
 * - the token is not a property of the caller, so no serialiser (logs, error details, events, `JSON.stringify`,
 *   a spread) can ever print or copy it; a caller rebuilt by hand (or spread) simply has no token, and the
 *   authorization that needs one fails closed;
 * - it follows the caller object wherever a resolver passes it (DataLoaders, services, background continuations),
 *   with no dependence on async context propagation, and is collected with the request.
 */
const tokens = new WeakMap<CallerContext, string>();

/** Called by the caller-token middleware once the token is verified. */
export function bindCallerToken(caller: CallerContext, token: string): void {
  tokens.set(caller, token);
}

/** The verified token `caller` came with, or `undefined` (a caller not built by the middleware). */
export function callerTokenOf(caller: CallerContext): string | undefined {
  return tokens.get(caller);
}
