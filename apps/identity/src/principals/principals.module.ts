import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken } from '@nestjs/common';
import type { AccountId, CallerContext, Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { Authorizer } from '@iam/authorization';
import { IdentitySettings } from '../identity-settings.js';
import type { PrincipalServiceDeps } from './service-deps.js';
import { PRINCIPAL_SERVICE_DEPS } from './service-deps.js';
import type { GroupEntity } from '../groups/index.js';
import type { RoleEntity } from '../roles/index.js';
import type { PrincipalAttachment, UserAttachment } from './user-attachment.js';

/** What ends a deleted user's sessions (`SignInService`): structural, so this module loads no feature. */
interface DeletedUserSessions {
  revokeDeletedUserSessions(
    tx: EntityManager,
    accountId: AccountId,
    userId: string,
    actor: CallerContext,
    now: Date,
  ): Promise<number>;
}

/** How the application wires the principal use cases' shared dependencies. */
export interface PrincipalsModuleOptions {
  /** What blocks DeleteUser unless forced (login profiles, MFA devices, policies). */
  readonly userAttachments: readonly UserAttachment[];
  /** What blocks DeleteGroup (policies). */
  readonly groupAttachments?: readonly PrincipalAttachment<GroupEntity>[];
  /** What blocks DeleteRole (policies). */
  readonly roleAttachments?: readonly PrincipalAttachment<RoleEntity>[];
  /** A provider token whose instance ends a deleted user's sessions (`SignInService`). */
  readonly deletedUserSessions: InjectionToken;
}

/**
 * Provides {@link PRINCIPAL_SERVICE_DEPS} to every feature (global). The application registers it with what the
 * features contribute to DeleteUser, so that users need not import the features that import users.
 */
@Module({})
export class PrincipalsModule {
  static register(options: PrincipalsModuleOptions): DynamicModule {
    return {
      module: PrincipalsModule,
      global: true,
      providers: [
        {
          provide: PRINCIPAL_SERVICE_DEPS,
          inject: [
            DataSource,
            Outbox,
            OutboxRelay,
            IdentitySettings,
            options.deletedUserSessions,
            CLOCK,
            Authorizer,
          ],
          useFactory: (
            dataSource: DataSource,
            outbox: Outbox,
            relay: OutboxRelay,
            settings: IdentitySettings,
            sessions: DeletedUserSessions,
            clock: Clock,
            authorizer: Authorizer,
          ): PrincipalServiceDeps => ({
            tenantTx: new TenantTransaction(dataSource),
            authorizer,
            outbox,
            relay,
            partition: settings.partition,
            now: () => clock.now(),
            userAttachments: options.userAttachments,
            groupAttachments: options.groupAttachments ?? [],
            roleAttachments: options.roleAttachments ?? [],
            onUserDeleted: async (tx, accountId, user, caller, now) =>
              void (await sessions.revokeDeletedUserSessions(
                tx,
                accountId,
                user.userId,
                caller,
                now,
              )),
          }),
        },
      ],
      exports: [PRINCIPAL_SERVICE_DEPS],
    };
  }
}
