import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import type { ReadinessCheck } from '@iam/graphql-kit';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import type { Clock } from '@iam/common';
import { CLOCK, systemClock } from '@iam/common';
import { Outbox, OutboxRelay } from '@iam/messaging';
import type { Logger } from '@iam/service-kit';
import { SecretBox } from '@iam/service-kit';
import { AccountsModule } from './accounts/index.js';
import type { GroupEntity } from './groups/index.js';
import { GroupsModule } from './groups/index.js';
import { policyAttachments } from './principal-policies/index.js';
import { MFA_DEVICE_ATTACHMENT, MfaModule, MfaVerifier } from './mfa/index.js';
import {
  AccountAdministrators,
  LOGIN_PROFILE_ATTACHMENT,
  PasswordVerifier,
  PasswordsModule,
} from './passwords/index.js';
import { PrincipalsModule } from './principals/index.js';
import { QuotasModule } from './quotas/index.js';
import type { RoleEntity } from './roles/index.js';
import { RolesModule } from './roles/index.js';
import { SignInModule, SignInService } from './sign-in/index.js';
import type { SessionLifetimeSettings } from './config/identity.config.js';
import type { UserEntity } from './users/index.js';
import { UsersModule } from './users/index.js';
import { IdentitySettings } from './identity-settings.js';

/** What the service host hands to the Nest module: connections are created and closed outside Nest. */
export interface IdentityModuleDeps {
  readonly dataSource: DataSource;
  readonly outbox: Outbox;
  readonly relay: OutboxRelay;
  readonly settings: IdentitySettings;
  /** Seals secrets at rest (MFA seeds, session signing keys) under the `IAM_DATA_KEYS` key ring. */
  readonly secretBox: SecretBox;
  /** Session token issuer, audience and lifetimes from the environment (default: `DEFAULT_SIGN_IN_SETTINGS`). */
  readonly signIn?: SessionLifetimeSettings;
  readonly logger: Logger;
  readonly production: boolean;
  readonly readinessChecks: ReadinessCheck[];
  /** Where the request paths read the time (provided as `CLOCK`; default the system clock). Tests set their own. */
  readonly clock?: Clock;
  /**
   * The service's one authorizer: `AuthorizationModule.register(hostDeps, ...)` from `@iam/service-host` (the policy
   * service, cached), or `AuthorizationModule.withSource(source)` in tests. Global: every module injects it.
   */
  readonly authorization: DynamicModule;
}

@Module({})
class IdentityCoreModule {}

/** The identity subgraph: accounts now; users, groups, roles and MFA next. */
@Module({})
export class IdentityAppModule {
  static register(deps: IdentityModuleDeps): DynamicModule {
    const core: DynamicModule = {
      module: IdentityCoreModule,
      global: true,
      providers: [
        { provide: DataSource, useValue: deps.dataSource },
        { provide: Outbox, useValue: deps.outbox },
        { provide: OutboxRelay, useValue: deps.relay },
        { provide: IdentitySettings, useValue: deps.settings },
        { provide: SecretBox, useValue: deps.secretBox },
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
        { provide: CLOCK, useValue: deps.clock ?? systemClock },
      ],
      exports: [
        DataSource,
        Outbox,
        OutboxRelay,
        IdentitySettings,
        SecretBox,
        READINESS_CHECKS,
        CLOCK,
      ],
    };
    return {
      module: IdentityAppModule,
      imports: [
        core,
        // One authorizer for every module.
        deps.authorization,
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
        // createAccount may create the account's first administrator (a user with a login profile).
        AccountsModule.register({
          imports: [PasswordsModule],
          administrators: AccountAdministrators,
        }),
        // Global: the principal use cases' dependencies; deleting a user removes its login profile and MFA
        // devices (unless they block it) and revokes its sessions; policies block deleting any principal.
        PrincipalsModule.register({
          userAttachments: [
            LOGIN_PROFILE_ATTACHMENT,
            MFA_DEVICE_ATTACHMENT,
            ...policyAttachments((user: UserEntity) => user.userId),
          ],
          groupAttachments: policyAttachments((group: GroupEntity) => group.groupId),
          roleAttachments: policyAttachments((role: RoleEntity) => role.roleId),
          deletedUserSessions: SignInService,
        }),
        UsersModule,
        GroupsModule,
        RolesModule,
        // Global: accounts revoke sessions on suspension.
        {
          ...SignInModule.register({
            imports: [MfaModule, PasswordsModule],
            mfaVerifier: MfaVerifier,
            passwordVerifier: PasswordVerifier,
            ...(deps.signIn === undefined ? {} : { settings: deps.signIn }),
          }),
          global: true,
        },
        QuotasModule,
        MfaModule,
        PasswordsModule,
      ],
      controllers: [HealthController],
    };
  }
}
