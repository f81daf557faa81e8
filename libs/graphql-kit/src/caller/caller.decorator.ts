import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { UnauthenticatedError } from '@iam/common';
import type { RequestOrigin } from '@iam/service-kit';

/**
 * The GraphQL context every subgraph builds: the verified caller of this request, or, for the anonymous
 * operations the gateway lets through, only the request's origin.
 */
export interface SubgraphContext {
  readonly caller?: CallerContext;
  readonly anonymous?: RequestOrigin;
}

/** Reads the verified caller from the GraphQL context (set by the caller-token middleware). */
export function callerFrom(context: unknown): CallerContext {
  const caller = (context as Partial<SubgraphContext> | undefined)?.caller;
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

/** Parameter decorator: `@Caller() caller: CallerContext`. */
export const Caller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CallerContext => {
    return callerFrom(GqlExecutionContext.create(ctx).getContext());
  },
);

/**
 * The request id and gateway-established request context (`aws:SourceIp`, ...) of a request with or without a
 * caller. Anonymous operations (sign-in) read it; a request that came through neither path is `Unauthenticated`.
 */
export function requestOriginFrom(context: unknown): RequestOrigin {
  const value = context as Partial<SubgraphContext> | undefined;
  if (value?.caller) return { requestId: value.caller.requestId, context: value.caller.context };
  if (value?.anonymous) return value.anonymous;
  throw new UnauthenticatedError();
}

/** Parameter decorator: `@Origin() origin: RequestOrigin` (works with and without a caller). */
export const Origin = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestOrigin => {
    return requestOriginFrom(GqlExecutionContext.create(ctx).getContext());
  },
);
