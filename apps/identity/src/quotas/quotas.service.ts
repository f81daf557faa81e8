import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import {
  AccessDeniedError,
  InvalidInputError,
  NoSuchEntityError,
  accountRootArn,
  isAccountId,
} from '@iam/common';
import { accountQuotasUpdatedV1 } from '@iam/event-contracts';
import type { EntityManager } from 'typeorm';
import { targetAccount } from '@iam/authorization';
import type { AccountQuotaEntity, IdentityServiceDeps } from '../principals/index.js';
import {
  AccountQuotaRepository,
  MAX_GROUPS_PER_USER,
  actorOf,
  quotaOf,
} from '../principals/index.js';

/** AWS GetAccountSummary, the subset this service owns: entity counts beside their quotas. */
export interface AccountSummary {
  readonly users: number;
  readonly usersQuota: number;
  readonly groups: number;
  readonly groupsQuota: number;
  readonly roles: number;
  readonly rolesQuota: number;
  readonly groupsPerUserQuota: number;
}

/** New quota overrides: a number sets one, `null` returns to the AWS default, absent keeps the current one. */
export interface QuotaChanges {
  readonly maxUsers?: number | null;
  readonly maxGroups?: number | null;
  readonly maxRoles?: number | null;
}

// Our own ceiling on an override: far above AWS's adjustable maxima, low enough to keep counts cheap.
export const MAX_QUOTA = 1_000_000;

/** What the quota use cases need. */
export type QuotasServiceDeps = IdentityServiceDeps;

/** Per-account quotas: tenants read them (GetAccountSummary); the platform administrator changes them. */
export class QuotasService {
  constructor(
    private readonly deps: QuotasServiceDeps,
    private readonly quotas: AccountQuotaRepository = new AccountQuotaRepository(),
  ) {}

  async getAccountSummary(
    caller: CallerContext,
    input: { accountId?: string | null },
  ): Promise<AccountSummary> {
    const accountId = targetAccount(caller, input.accountId);
    // AWS: GetAccountSummary has no resource type; it is authorized on `*`.
    await this.deps.authorizer.require(caller, 'iam:GetAccountSummary', '*', accountId);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      await this.requireAccount(tx, accountId);
      const override = await this.quotas.overrides(tx, accountId);
      const counts = await this.quotas.counts(tx, accountId);
      return {
        users: counts.users,
        usersQuota: quotaOf(override, 'user'),
        groups: counts.groups,
        groupsQuota: quotaOf(override, 'group'),
        roles: counts.roles,
        rolesQuota: quotaOf(override, 'role'),
        groupsPerUserQuota: MAX_GROUPS_PER_USER,
      };
    });
  }

  /**
   * Sets an account's quota overrides (platform administrator only). Lowering a quota below the current count keeps
   * every existing entity and refuses new ones until the count is under it again.
   */
  async updateAccountQuotas(
    caller: CallerContext,
    input: QuotaChanges & { accountId: string },
  ): Promise<AccountSummary> {
    const resource = accountRootArn(input.accountId, this.deps.partition);
    if (caller.principalType !== 'platform-admin') {
      throw new AccessDeniedError('iam:UpdateAccountQuotas', resource);
    }
    if (!isAccountId(input.accountId)) {
      throw new InvalidInputError(`\`${input.accountId}\` is not a 12-digit account id`);
    }
    const accountId = input.accountId;
    const problems = (['maxUsers', 'maxGroups', 'maxRoles'] as const).flatMap((key) => {
      const value = input[key];
      if (value === undefined || value === null) return [];
      return Number.isInteger(value) && value >= 1 && value <= MAX_QUOTA
        ? []
        : [`\`${key}\` must be an integer from 1 to ${MAX_QUOTA}, or null for the default`];
    });
    if (problems.length > 0) throw new InvalidInputError(problems.join('; '));
    await this.deps.tenantTx.run(accountId, async (tx) => {
      await this.requireAccount(tx, accountId);
      const current = await this.quotas.overrides(tx, accountId);
      const next: AccountQuotaEntity = {
        accountId,
        maxUsers: input.maxUsers === undefined ? (current?.maxUsers ?? null) : input.maxUsers,
        maxGroups: input.maxGroups === undefined ? (current?.maxGroups ?? null) : input.maxGroups,
        maxRoles: input.maxRoles === undefined ? (current?.maxRoles ?? null) : input.maxRoles,
      };
      await this.quotas.save(tx, next);
      await this.deps.outbox.append(
        tx,
        accountQuotasUpdatedV1({
          id: randomUUID(),
          occurredAt: this.deps.now().toISOString(),
          actor: actorOf(caller),
          quotas: {
            accountId,
            maxUsers: next.maxUsers,
            maxGroups: next.maxGroups,
            maxRoles: next.maxRoles,
          },
        }),
      );
    });
    this.deps.relay.notify();
    return this.getAccountSummary(caller, { accountId });
  }

  private async requireAccount(tx: EntityManager, accountId: string): Promise<void> {
    if (!(await this.quotas.accountExists(tx, accountId))) {
      throw new NoSuchEntityError('account', accountId);
    }
  }
}
