export type { AccountScoped, IdentityServiceDeps, PrincipalServiceDeps } from './service-deps.js';
export { PRINCIPAL_SERVICE_DEPS } from './service-deps.js';
export type { UniqueConflicts } from './write.js';
export { write } from './write.js';
export type { Page } from './paging.js';
export { tagPage, toPage } from './paging.js';
export type { PrincipalKind, Tag } from './iam-rules.js';
export {
  MAX_GROUPS_PER_USER,
  MAX_TAGS,
  checkDescription,
  checkMaxSessionDuration,
  checkMove,
  checkName,
  checkPath,
  checkPathPrefix,
  checkTagKey,
  checkTags,
  decodeMarker,
  encodeMarker,
  mergeTags,
  newUniqueId,
  pageSize,
  principalArn,
  removeTags,
} from './iam-rules.js';
export { AccountQuotaEntity } from './account-quota.entity.js';
export type { PrincipalCounts } from './account-quota.repository.js';
export { AccountQuotaRepository } from './account-quota.repository.js';
export { DEFAULT_QUOTAS, lockQuota, quotaOf, requireQuota } from './quotas.js';
export type { NamedPrincipal, PrincipalAccess, PrincipalsByName } from './existing.js';
export { ExistingPrincipals, authorizeExistingPrincipal } from './existing.js';
export type { PrincipalTable } from './base.repository.js';
export { PrincipalRepository, RowRepository, oneRow, pageByName } from './base.repository.js';
export type { DeletedPrincipal, PrincipalAttachment, UserAttachment } from './user-attachment.js';
export { removeAttachments, userAttachment } from './user-attachment.js';
export type {
  ListInput,
  PageInput,
  PrincipalKindSpec,
  PrincipalRecord,
  Revised,
} from './principal-use-cases.js';
export { PrincipalUseCases, TaggedPrincipalUseCases, listTags } from './principal-use-cases.js';
export {
  entityAlreadyExists,
  fixedError,
  noSuchEntity,
  throttledError,
  valueError,
} from './errors/error-classes.js';
export { actorOf, changeEventBuilder, eventMeta } from './events/change-event.js';
export type { StoredTag } from './persistence/tenant-row.js';
export {
  AccountRelation,
  CreatedTenantRow,
  PathEntityRow,
  PrincipalRow,
  TagsColumn,
  TenantRow,
} from './persistence/tenant-row.js';
export { PrincipalsModule } from './principals.module.js';
