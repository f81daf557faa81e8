import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { UnauthenticatedError } from '@iam/common';

/** The GraphQL context every subgraph builds: the verified caller of this request. */
export interface SubgraphContext {
  readonly caller: CallerContext;
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
