export type { ConfigOf, ConfigSchema, VariableSpec } from './config/load-config.js';
export { ConfigError, loadConfig, parsers } from './config/load-config.js';
export type { Logger, LoggerOptions } from './logging/logger.js';
export { NestJsonLogger, createLogger } from './logging/logger.js';
export { acceptRequestId, runWithRequestContext } from './logging/request-context.js';
export {
  CALLER_HEADER,
  CALLER_TOKEN_CLOCK_SKEW_SECONDS,
  CALLER_TOKEN_TTL_SECONDS,
  InvalidCallerTokenError,
  generateCallerKeyPair,
  parseCallerSigningKey,
  parseCallerVerifyKey,
  signCallerToken,
  signGatewayToken,
  verifyCallerToken,
  verifyGatewayToken,
} from './caller/caller-token.js';
export type { GatewayTokenKind } from './caller/caller-token.js';
export {
  ANONYMOUS_REQUEST_ARN,
  ANONYMOUS_REQUEST_HEADER,
  signAnonymousRequest,
  verifyAnonymousRequest,
} from './caller/anonymous-request.js';
export type { RequestOrigin } from './caller/anonymous-request.js';
export {
  INTERNAL_REQUEST_ARN,
  INTERNAL_REQUEST_HEADER,
  internalRequestAudience,
  signInternalRequest,
  verifyInternalRequest,
} from './caller/internal-request.js';
export {
  dataKeysConfigSchema,
  migrationConfigSchema,
  subgraphConfigSchema,
} from './config/subgraph-config.js';
export { SecretBox, SecretBoxError, generateDataKey } from './crypto/secret-box.js';
