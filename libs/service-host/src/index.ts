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
