import { BadRequestException, Controller, Get, Header, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantTransaction } from '@iam/persistence';
import type { SessionRevocationPage } from './session-revocation.repository.js';
import { SessionRevocationRepository } from './session-revocation.repository.js';

/** Where the gateway reads the session revocation list (behind the `/internal` gateway-only middleware). */
export const SESSION_REVOCATIONS_PATH = 'internal/session-revocations';

/**
 * The session revocation list, incrementally: the entries recorded after `since` (an ISO 8601 time) whose tokens
 * may still be valid. The list crosses accounts, so only the gateway may read it (internal request token).
 */
@Controller()
export class SessionRevocationsController {
  private readonly tenantTx: TenantTransaction;
  private readonly revocations = new SessionRevocationRepository();

  constructor(dataSource: DataSource) {
    this.tenantTx = new TenantTransaction(dataSource);
  }

  @Get(SESSION_REVOCATIONS_PATH)
  @Header('cache-control', 'no-store')
  async list(@Query('since') since: unknown): Promise<SessionRevocationPage> {
    const from = typeof since === 'string' ? new Date(since) : new Date(Number.NaN);
    if (Number.isNaN(from.getTime())) {
      throw new BadRequestException('`since` must be an ISO 8601 date-time');
    }
    return this.tenantTx.runAsPlatform((tx) => this.revocations.platformListSince(tx, from));
  }
}
