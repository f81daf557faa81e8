export type {
  ConsumerDefinition,
  RunningService,
  StartOptions,
  SubgraphHostDeps,
  SubgraphServiceDefinition,
} from './subgraph-service.js';
export {
  migrateSubgraphService,
  printServiceSdl,
  startSubgraphService,
} from './subgraph-service.js';
export { runServiceCli } from './service-cli.js';
export type {
  AuthorizationOptions,
  ServiceAuthorization,
} from './authorization/authorization.module.js';
export {
  AuthorizationModule,
  authorizationConfigSchema,
  authorizationFor,
} from './authorization/authorization.module.js';
export {
  DEFAULT_POLICY_FETCH_TIMEOUT_MS,
  httpEffectivePoliciesFetcher,
} from './authorization/policy-service-fetcher.js';
