export type { ConfigOf, ConfigSchema, VariableSpec } from './config/load-config.js';
export { ConfigError, loadConfig, parsers } from './config/load-config.js';
export type { Logger } from './logging/logger.js';
export { NestJsonLogger, createLogger } from './logging/logger.js';
export {
  CALLER_HEADER,
  CALLER_TOKEN_TTL_SECONDS,
  InvalidCallerTokenError,
  signCallerToken,
  verifyCallerToken,
} from './caller/caller-token.js';
export {
  INTERNAL_REQUEST_ARN,
  INTERNAL_REQUEST_HEADER,
  signInternalRequest,
  verifyInternalRequest,
} from './caller/internal-request.js';
export {
  dataKeysConfigSchema,
  migrationConfigSchema,
  subgraphConfigSchema,
} from './config/subgraph-config.js';
export { SecretBox, SecretBoxError, generateDataKey } from './crypto/secret-box.js';
