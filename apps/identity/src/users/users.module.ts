import { Module } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { DataSource } from 'typeorm';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { Authorizer } from '../authorization/index.js';
import { IdentitySettings } from '../identity-settings.js';
import { MFA_DEVICE_ATTACHMENT } from '../mfa/index.js';
import { LOGIN_PROFILE_ATTACHMENT } from '../passwords/index.js';
import { SignInService } from '../sign-in/index.js';
import { UserRepository } from './user.repository.js';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { UsersService } from './users.service.js';
import { UsersResolver } from './users.resolver.js';

/** Shared dependencies of the users, groups and roles use cases. */
export const PRINCIPAL_SERVICE_DEPS = 'PRINCIPAL_SERVICE_DEPS';

// SignInService comes from the global SignInModule (app.module.ts): deleting a user revokes its sessions.
@Module({
  providers: [
    UsersResolver,
    {
      provide: PRINCIPAL_SERVICE_DEPS,
      inject: [DataSource, Outbox, OutboxRelay, IdentitySettings, SignInService, CLOCK, Authorizer],
      useFactory: (
        dataSource: DataSource,
        outbox: Outbox,
        relay: OutboxRelay,
        settings: IdentitySettings,
        signIn: SignInService,
        clock: Clock,
        authorizer: Authorizer,
      ): PrincipalServiceDeps => ({
        tenantTx: new TenantTransaction(dataSource),
        authorizer,
        outbox,
        relay,
        partition: settings.partition,
        now: () => clock.now(),
        userAttachments: [LOGIN_PROFILE_ATTACHMENT, MFA_DEVICE_ATTACHMENT],
        onUserDeleted: async (tx, accountId, user, caller, now) =>
          void (await signIn.revokeDeletedUserSessions(tx, accountId, user.userId, caller, now)),
      }),
    },
    {
      provide: UsersService,
      inject: [PRINCIPAL_SERVICE_DEPS],
      useFactory: (deps: PrincipalServiceDeps) => new UsersService(deps, new UserRepository()),
    },
  ],
  exports: [PRINCIPAL_SERVICE_DEPS],
})
export class UsersModule {}
