import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { AccountRepository } from './account.repository.js';
import { AccountsResolver } from './accounts.resolver.js';
import { AccountsService } from './accounts.service.js';

@Module({
  providers: [
    AccountsResolver,
    {
      provide: AccountsService,
      inject: [DataSource, Outbox, OutboxRelay],
      useFactory: (dataSource: DataSource, outbox: Outbox, relay: OutboxRelay) =>
        new AccountsService({
          tenantTx: new TenantTransaction(dataSource),
          accounts: new AccountRepository(),
          outbox,
          relay,
          now: () => new Date(),
        }),
    },
  ],
})
export class AccountsModule {}
