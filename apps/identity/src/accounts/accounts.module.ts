import { Module } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { SignInService } from '../sign-in/index.js';
import { DataSource } from 'typeorm';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { AccountRepository } from './account.repository.js';
import { AccountsResolver } from './accounts.resolver.js';
import { AccountsService } from './accounts.service.js';

// SignInService comes from the global SignInModule (app.module.ts): suspension revokes the account's sessions.
@Module({
  providers: [
    AccountsResolver,
    {
      provide: AccountsService,
      inject: [DataSource, Outbox, OutboxRelay, SignInService, CLOCK],
      useFactory: (
        dataSource: DataSource,
        outbox: Outbox,
        relay: OutboxRelay,
        signIn: SignInService,
        clock: Clock,
      ) =>
        new AccountsService({
          tenantTx: new TenantTransaction(dataSource),
          accounts: new AccountRepository(),
          outbox,
          relay,
          now: () => clock.now(),
          onSuspend: async (tx, accountId, caller) =>
            void (await signIn.revokeAccountSessions(tx, accountId, caller)),
        }),
    },
  ],
})
export class AccountsModule {}
