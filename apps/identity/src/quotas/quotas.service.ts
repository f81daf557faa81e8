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
import type { Outbox, OutboxRelay } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../accounts/account.events.js';
import type { Authorizer } from '../authorization/authorizer.js';
import { targetAccount } from '../authorization/authorizer.js';
import { AccountQuotaEntity } from '../users/account-quota.entity.js';
import { MAX_GROUPS_PER_USER } from '../users/iam-rules.js';
import { DEFAULT_QUOTAS } from '../users/principal-quotas.js';

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

export interface QuotasServiceDeps {
  readonly tenantTx: TenantTransaction;
  readonly authorizer: Authorizer;
  readonly outbox: Outbox;
  readonly relay: Pick<OutboxRelay, 'notify'>;
  readonly partition: string;
  readonly now: () => Date;
}

/** Per-account quotas: tenants read them (GetAccountSummary); the platform administrator changes them. */
export class QuotasService {
  constructor(private readonly deps: QuotasServiceDeps) {}

  async getAccountSummary(
    caller: CallerContext,
    input: { accountId?: string | null },
  ): Promise<AccountSummary> {
    const accountId = targetAccount(caller, input.accountId);
    // AWS: GetAccountSummary has no resource type; it is authorized on `*`.
    this.deps.authorizer.require(caller, 'iam:GetAccountSummary', '*', accountId);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      await requireAccount(tx, accountId);
      const override = await tx.findOne(AccountQuotaEntity, { where: { accountId } });
      const [counts] = await tx.query<{ users: number; groups: number; roles: number }[]>(
        `SELECT (SELECT count(*) FROM identity.users WHERE account_id = $1)::int AS users,
                (SELECT count(*) FROM identity.groups WHERE account_id = $1)::int AS groups,
                (SELECT count(*) FROM identity.roles WHERE account_id = $1)::int AS roles`,
        [accountId],
      );
      return {
        users: counts?.users ?? 0,
        usersQuota: override?.maxUsers ?? DEFAULT_QUOTAS.user,
        groups: counts?.groups ?? 0,
        groupsQuota: override?.maxGroups ?? DEFAULT_QUOTAS.group,
        roles: counts?.roles ?? 0,
        rolesQuota: override?.maxRoles ?? DEFAULT_QUOTAS.role,
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
      await requireAccount(tx, accountId);
      const current = await tx.findOne(AccountQuotaEntity, { where: { accountId } });
      const next: AccountQuotaEntity = {
        accountId,
        maxUsers: input.maxUsers === undefined ? (current?.maxUsers ?? null) : input.maxUsers,
        maxGroups: input.maxGroups === undefined ? (current?.maxGroups ?? null) : input.maxGroups,
        maxRoles: input.maxRoles === undefined ? (current?.maxRoles ?? null) : input.maxRoles,
      };
      await tx.save(AccountQuotaEntity, next);
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
}

async function requireAccount(tx: EntityManager, accountId: string): Promise<void> {
  const rows = await tx.query<unknown[]>(`SELECT 1 FROM identity.accounts WHERE account_id = $1`, [
    accountId,
  ]);
  if (rows.length === 0) throw new NoSuchEntityError('account', accountId);
}
