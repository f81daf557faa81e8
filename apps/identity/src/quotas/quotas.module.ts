import { Module } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { DataSource } from 'typeorm';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { Authorizer } from '../authorization/index.js';
import { IdentitySettings } from '../identity-settings.js';
import { QuotasResolver } from './quotas.resolver.js';
import { QuotasService } from './quotas.service.js';

@Module({
  providers: [
    QuotasResolver,
    {
      provide: QuotasService,
      inject: [DataSource, Outbox, OutboxRelay, IdentitySettings, CLOCK, Authorizer],
      useFactory: (
        dataSource: DataSource,
        outbox: Outbox,
        relay: OutboxRelay,
        settings: IdentitySettings,
        clock: Clock,
        authorizer: Authorizer,
      ) =>
        new QuotasService({
          tenantTx: new TenantTransaction(dataSource),
          authorizer,
          outbox,
          relay,
          partition: settings.partition,
          now: () => clock.now(),
        }),
    },
  ],
})
export class QuotasModule {}
