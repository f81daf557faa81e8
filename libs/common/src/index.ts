export type { ErrorCategory, ErrorDetails } from './errors/domain-error.js';
export { DomainError } from './errors/domain-error.js';
export {
  AccessDeniedError,
  DeleteConflictError,
  EntityAlreadyExistsError,
  InvalidInputError,
  LimitExceededError,
  NoSuchEntityError,
  ServiceUnavailableError,
  UnauthenticatedError,
  ValidationError,
} from './errors/common-errors.js';
export type { AccountId } from './ids/account-id.js';
export { isAccountId, parseAccountId } from './ids/account-id.js';
export type { Arn } from './arn/arn.js';
export { DEFAULT_PARTITION, accountRootArn, formatArn, parseArn } from './arn/arn.js';
export type {
  IamArn,
  IamArnType,
  IamOidcProviderArn,
  IamPathEntityArn,
  IamPolicyArn,
  IamRootArn,
  IamSamlProviderArn,
  StsAssumedRoleArn,
} from './arn/iam-arn.js';
export { buildIamArn, iamUserName, iamUserPath, parseIamArn } from './arn/iam-arn.js';
export type { IamNamedEntity } from './arn/iam-grammar.js';
export {
  IAM_NAME_MAX_LENGTH,
  MAX_IAM_PATH_LENGTH,
  isIamName,
  isIamPath,
} from './arn/iam-grammar.js';
export type { CallerContext, PrincipalType } from './caller/caller-context.js';
export {
  CONSISTENCY_TOKEN_CONTEXT_KEY,
  PASSWORD_RESET_CONTEXT_KEY,
  SESSION_ID_CONTEXT_KEY,
} from './caller/context-keys.js';
export type { RevisionToken } from './revision/revision-token.js';
export {
  eventRevisionToken,
  parseRevisionToken,
  revisionToken,
} from './revision/revision-token.js';
export type { Clock } from './clock/clock.js';
export { CLOCK, ManualClock, systemClock } from './clock/clock.js';
export { isSafeText } from './text/safe-text.js';
export type { SubgraphName } from './subgraphs/subgraphs.js';
export { SUBGRAPHS, SUBGRAPH_NAMES, subgraphDefaultPort } from './subgraphs/subgraphs.js';
export type { MarkerFormat, Page } from './paging/paginator.js';
export { VERSIONED_MARKER, pageSize, plainMarker, readMarker, toPage } from './paging/paginator.js';
