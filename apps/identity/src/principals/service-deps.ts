import type { AccountId, CallerContext } from '@iam/common';
import type { Outbox, OutboxRelay } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import type { Authorizer } from '@iam/authorization';
import type { GroupEntity } from '../groups/index.js';
import type { RoleEntity } from '../roles/index.js';
import type { UserEntity } from '../users/index.js';
import type { PrincipalAttachment, UserAttachment } from './user-attachment.js';

/** What every identity use case needs: its transactions, decisions, events and clock. */
export interface IdentityServiceDeps {
  readonly tenantTx: TenantTransaction;
  readonly authorizer: Authorizer;
  readonly outbox: Outbox;
  readonly relay: Pick<OutboxRelay, 'notify'>;
  readonly partition: string;
  readonly now: () => Date;
}

/** Dependencies of the principal use cases (users, groups, roles, login profiles, MFA devices). */
export interface PrincipalServiceDeps extends IdentityServiceDeps {
  /** What blocks `deleteUser` unless forced (login profiles, MFA devices, ...). */
  readonly userAttachments?: readonly UserAttachment[];
  /** What blocks `deleteGroup` (its inline and attached policies). */
  readonly groupAttachments?: readonly PrincipalAttachment<GroupEntity>[];
  /** What blocks `deleteRole` (its inline and attached policies). */
  readonly roleAttachments?: readonly PrincipalAttachment<RoleEntity>[];
  /**
   * Runs in `deleteUser`'s transaction before the row goes: ends what the user's credentials still hold that does
   * not block deletion (its sessions, whose tokens must stop working with the commit).
   */
  readonly onUserDeleted?: (
    tx: EntityManager,
    accountId: AccountId,
    user: UserEntity,
    caller: CallerContext,
    now: Date,
  ) => Promise<void>;
}

/** Every operation may name an account; only the platform administrator must. */
export interface AccountScoped {
  readonly accountId?: string | null;
}

/** Nest injection token of the {@link PrincipalServiceDeps} (provided by `PrincipalsModule`). */
export const PRINCIPAL_SERVICE_DEPS = 'PRINCIPAL_SERVICE_DEPS';
