export type { InternalErrorReporter, Refusal, RefusalReporter } from './errors/to-graphql-error.js';
export { formatGraphQLError } from './errors/to-graphql-error.js';
export type { SubgraphContext } from './caller/caller.decorator.js';
export { Caller, Origin, callerFrom, requestOriginFrom } from './caller/caller.decorator.js';
// The anonymous request token lives in `@iam/service-kit`, beside the gateway's other tokens, so the gateway that
// signs it and the subgraphs that verify it (callerTokenMiddleware) share one definition.
export type { RequestOrigin } from '@iam/service-kit';
export { ANONYMOUS_REQUEST_ARN, ANONYMOUS_REQUEST_HEADER } from '@iam/service-kit';
export type { AuthenticatedRequest } from './caller/caller-token.middleware.js';
export { callerTokenMiddleware } from './caller/caller-token.middleware.js';
export {
  INTERNAL_PATH_PREFIX,
  internalRequestMiddleware,
} from './caller/internal-request.middleware.js';
export { FEDERATION_LINK, subgraphGraphQLOptions } from './subgraph/subgraph-graphql.options.js';
export type { ReadinessCheck } from './health/health.controller.js';
export { HealthController, READINESS_CHECKS } from './health/health.controller.js';
export type { RunningSubgraph, SubgraphBootstrapOptions } from './subgraph/bootstrap-subgraph.js';
export { bootstrapSubgraph, printSubgraphSdl } from './subgraph/bootstrap-subgraph.js';
export {
  findUnsafeString,
  rejectUnsafeStringArguments,
  requireSafeStringArguments,
} from './subgraph/safe-string-arguments.js';
