import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, ModuleMetadata } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { SignInService } from '../sign-in/index.js';
import { DataSource } from 'typeorm';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { AccountRepository } from './account.repository.js';
import { AccountsResolver } from './accounts.resolver.js';
import { AccountsService } from './accounts.service.js';
import type { InitialAdministrators } from './initial-administrator.js';

/** How the application wires accounts to the feature that creates an account's first administrator. */
export interface AccountsModuleOptions {
  /** The modules that provide `administrators` (the passwords feature). */
  readonly imports: ModuleMetadata['imports'];
  /** A provider token whose instance implements {@link InitialAdministrators}. */
  readonly administrators: InjectionToken;
}

// SignInService comes from the global SignInModule (app.module.ts): suspension revokes the account's sessions.
@Module({})
export class AccountsModule {
  static register(options: AccountsModuleOptions): DynamicModule {
    return {
      module: AccountsModule,
      imports: options.imports ?? [],
      providers: [
        AccountsResolver,
        {
          provide: AccountsService,
          inject: [DataSource, Outbox, OutboxRelay, SignInService, CLOCK, options.administrators],
          useFactory: (
            dataSource: DataSource,
            outbox: Outbox,
            relay: OutboxRelay,
            signIn: SignInService,
            clock: Clock,
            administrators: InitialAdministrators,
          ) =>
            new AccountsService({
              tenantTx: new TenantTransaction(dataSource),
              accounts: new AccountRepository(),
              outbox,
              relay,
              now: () => clock.now(),
              administrators,
              onSuspend: async (tx, accountId, caller) =>
                void (await signIn.revokeAccountSessions(tx, accountId, caller)),
            }),
        },
      ],
    };
  }
}
