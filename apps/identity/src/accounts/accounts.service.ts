import { randomInt } from 'node:crypto';
import type { AccountId, CallerContext } from '@iam/common';
import {
  AccessDeniedError,
  DeleteConflictError,
  InvalidInputError,
  NoSuchEntityError,
  accountRootArn,
  isAccountId,
  pageSize,
  plainMarker,
  readMarker,
  toPage,
} from '@iam/common';
import type { AccountChangeType } from '@iam/event-contracts';
import type { Outbox, OutboxRelay } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import { UniqueViolation, toPersistenceError } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import { isValidAccountAlias } from './account-alias.js';
import type { AccountEntity } from './account.entity.js';
import {
  AccountAliasTakenError,
  AccountNotFoundError,
  InvalidAccountAliasError,
} from './account.errors.js';
import { accountChangedEvent, accountCreatedEvent } from './account.events.js';
import type { AccountRepository } from './account.repository.js';
import type {
  CreatedAdministrator,
  InitialAdministratorInput,
  InitialAdministrators,
} from './initial-administrator.js';

/** Account markers: the last account id returned, base64url. */
const ACCOUNT_MARKER = plainMarker(isAccountId);
const ID_ATTEMPTS = 5;

/** A page of accounts with AWS's Marker/IsTruncated paging. */
export interface AccountPage {
  readonly accounts: AccountEntity[];
  readonly isTruncated: boolean;
  readonly marker: string | null;
}

/** A new account, its first administrator when one was asked for, and the id of `account.created.v1`. */
export interface CreatedAccount {
  readonly account: AccountEntity;
  readonly administrator: CreatedAdministrator | null;
  readonly eventId: string;
}

/** Dependencies of the accounts use cases. */
export interface AccountsServiceDeps {
  readonly tenantTx: TenantTransaction;
  readonly accounts: AccountRepository;
  readonly outbox: Outbox;
  readonly relay: Pick<OutboxRelay, 'notify'>;
  readonly now: () => Date;
  /** Creates an account's first administrator (`createAccount` with `administrator`); without it, refused. */
  readonly administrators?: InitialAdministrators;
  /**
   * Runs in the suspension's transaction: ends what the account's principals hold (sessions today; access keys and
   * role sessions later), so a suspended account's credentials stop working with the commit.
   */
  readonly onSuspend?: (
    tx: EntityManager,
    accountId: AccountId,
    caller: CallerContext,
  ) => Promise<void>;
}

/** Tenant (account) lifecycle: only the platform administrator creates and lists accounts. */
export class AccountsService {
  constructor(private readonly deps: AccountsServiceDeps) {}

  /**
   * Creates an account; with `administrator`, also its first administrator (an IAM user with a login profile) in
   * the same transaction, named in `account.created.v1` (`initialAdministrator`) so that the policy service attaches
   * `AdministratorAccess` to it: a tenant admin portal then signs in as that user, never with the platform token.
   */
  async createAccount(
    caller: CallerContext,
    input: { alias?: string | null; administrator?: InitialAdministratorInput | null },
  ): Promise<CreatedAccount> {
    requirePlatformAdmin(caller, 'iam:CreateAccount', '*');
    const alias = input.alias ?? null;
    if (alias !== null && !isValidAccountAlias(alias)) throw new InvalidAccountAliasError(alias);
    const administrator = input.administrator ?? null;
    if (administrator !== null) {
      if (this.deps.administrators === undefined) {
        throw new InvalidInputError('this service cannot create an administrator with an account');
      }
      this.deps.administrators.check(administrator);
    }

    for (let attempt = 1; ; attempt++) {
      const accountId = randomAccountId();
      const now = this.deps.now();
      const account: AccountEntity = {
        accountId,
        alias,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      try {
        const created = await this.deps.tenantTx.run(accountId, async (tx) => {
          await this.deps.accounts.insert(tx, account);
          const admin =
            administrator === null
              ? null
              : await this.deps.administrators!.create(tx, caller, accountId, administrator, now);
          const event = accountCreatedEvent(account, admin, caller);
          await this.deps.outbox.append(tx, event);
          return { account, administrator: admin, eventId: event.id };
        });
        this.deps.relay.notify();
        return created;
      } catch (error) {
        const mapped = toPersistenceError(error);
        if (mapped instanceof UniqueViolation) {
          if (mapped.constraint === 'accounts_alias_uq' && alias !== null)
            throw new AccountAliasTakenError(alias);
          // A random id collided with an existing account: draw again.
          if (mapped.constraint === 'accounts_pkey' && attempt < ID_ATTEMPTS) continue;
        }
        throw mapped;
      }
    }
  }

  async getAccount(caller: CallerContext, accountId: string): Promise<AccountEntity> {
    // Platform admins see any account; a tenant principal sees only its own. Anything else answers like a
    // missing account, so ids cannot be probed.
    if (!isAccountId(accountId)) throw new AccountNotFoundError(accountId);
    if (caller.principalType !== 'platform-admin' && caller.accountId !== accountId) {
      throw new AccountNotFoundError(accountId);
    }
    const account = await this.deps.tenantTx.run(accountId, (tx) =>
      this.deps.accounts.findById(tx, accountId),
    );
    if (!account) throw new AccountNotFoundError(accountId);
    return account;
  }

  /**
   * AWS CreateAccountAlias: sets (or replaces) the account's one alias. The platform administrator may act on any
   * account; a tenant only on its own, through its root principal.
   */
  async createAccountAlias(
    caller: CallerContext,
    input: { accountId: string; alias: string },
  ): Promise<AccountEntity> {
    const accountId = this.requireAccountAccess(caller, input.accountId, 'iam:CreateAccountAlias');
    if (!isValidAccountAlias(input.alias)) throw new InvalidAccountAliasError(input.alias);
    try {
      return await this.change(caller, accountId, 'account.updated.v1', (account) => ({
        ...account,
        alias: input.alias,
      }));
    } catch (error) {
      const mapped = toPersistenceError(error);
      if (mapped instanceof UniqueViolation && mapped.constraint === 'accounts_alias_uq') {
        throw new AccountAliasTakenError(input.alias);
      }
      throw mapped;
    }
  }

  /** AWS DeleteAccountAlias: the alias must be the account's current one (`NoSuchEntity` otherwise). */
  async deleteAccountAlias(
    caller: CallerContext,
    input: { accountId: string; alias: string },
  ): Promise<AccountEntity> {
    const accountId = this.requireAccountAccess(caller, input.accountId, 'iam:DeleteAccountAlias');
    return await this.change(caller, accountId, 'account.updated.v1', (account) => {
      if (account.alias !== input.alias) throw new NoSuchEntityError('account alias', input.alias);
      return { ...account, alias: null };
    });
  }

  /** Suspends an account: it can sign in to nothing and its credentials stop working (platform administrator). */
  async suspendAccount(caller: CallerContext, accountId: string): Promise<AccountEntity> {
    requirePlatformAdmin(caller, 'iam:SuspendAccount', '*');
    return await this.change(
      caller,
      this.existingId(accountId),
      'account.suspended.v1',
      (account) => {
        if (account.status === 'suspended')
          throw new InvalidInputError(`account \`${accountId}\` is already suspended`);
        return { ...account, status: 'suspended' };
      },
      this.deps.onSuspend,
    );
  }

  /** Returns a suspended account to service (platform administrator). */
  async reactivateAccount(caller: CallerContext, accountId: string): Promise<AccountEntity> {
    requirePlatformAdmin(caller, 'iam:ReactivateAccount', '*');
    return await this.change(
      caller,
      this.existingId(accountId),
      'account.reactivated.v1',
      (account) => {
        if (account.status === 'active')
          throw new InvalidInputError(`account \`${accountId}\` is not suspended`);
        return { ...account, status: 'active' };
      },
    );
  }

  /**
   * Deletes an account and, through the database's cascades, everything it owns. Only a suspended account can be
   * deleted (`DeleteConflict` otherwise), so that deletion is always a deliberate second step.
   */
  async deleteAccount(caller: CallerContext, accountId: string): Promise<AccountEntity> {
    requirePlatformAdmin(caller, 'iam:DeleteAccount', '*');
    const id = this.existingId(accountId);
    const deleted = await this.deps.tenantTx.run(id, async (tx) => {
      const account = await this.deps.accounts.findByIdForUpdate(tx, id);
      if (!account) throw new AccountNotFoundError(id);
      if (account.status !== 'suspended') {
        throw new DeleteConflictError(`account \`${id}\` must be suspended before it is deleted`, {
          accountId: id,
        });
      }
      await this.deps.accounts.delete(tx, id);
      await this.deps.outbox.append(
        tx,
        accountChangedEvent('account.deleted.v1', account, caller, this.deps.now()),
      );
      return account;
    });
    this.deps.relay.notify();
    return deleted;
  }

  /** Loads, changes and stores one account with its event, in one transaction holding the row lock. */
  private async change(
    caller: CallerContext,
    accountId: AccountId,
    type: AccountChangeType,
    apply: (account: AccountEntity) => AccountEntity,
    after?: (tx: EntityManager, accountId: AccountId, caller: CallerContext) => Promise<void>,
  ): Promise<AccountEntity> {
    const changed = await this.deps.tenantTx.run(accountId, async (tx) => {
      const account = await this.deps.accounts.findByIdForUpdate(tx, accountId);
      if (!account) throw new AccountNotFoundError(accountId);
      const now = this.deps.now();
      const next = { ...apply(account), updatedAt: now };
      await this.deps.accounts.update(tx, next);
      await this.deps.outbox.append(tx, accountChangedEvent(type, next, caller, now));
      await after?.(tx, accountId, caller);
      return next;
    });
    this.deps.relay.notify();
    return changed;
  }

  private existingId(accountId: string): AccountId {
    if (!isAccountId(accountId)) throw new AccountNotFoundError(accountId);
    return accountId;
  }

  /** The platform administrator, or the account's own root principal; any other caller is denied. */
  private requireAccountAccess(
    caller: CallerContext,
    accountId: string,
    action: string,
  ): AccountId {
    if (caller.principalType === 'platform-admin') return this.existingId(accountId);
    // TODO(#4): route through the policy-engine authorizer once identity principals exist.
    if (caller.principalType === 'root' && caller.accountId === accountId)
      return this.existingId(accountId);
    throw new AccessDeniedError(action, accountRootArn(accountId));
  }

  async listAccounts(
    caller: CallerContext,
    page: { maxItems?: number | null; marker?: string | null },
  ): Promise<AccountPage> {
    requirePlatformAdmin(caller, 'iam:ListAccounts', '*');
    const size = pageSize(page.maxItems);
    const after = readMarker(page.marker, ACCOUNT_MARKER);
    const rows = await this.deps.tenantTx.runAsPlatform((tx) =>
      this.deps.accounts.listAfter(tx, after, size + 1),
    );
    const { items, isTruncated, marker } = toPage(rows, size, (a) => a.accountId, ACCOUNT_MARKER);
    return { accounts: items, isTruncated, marker };
  }
}

function requirePlatformAdmin(caller: CallerContext, action: string, resource: string): void {
  if (caller.principalType !== 'platform-admin') throw new AccessDeniedError(action, resource);
}

function randomAccountId(): AccountId {
  // 12 decimal digits, first digit non-zero so ids never look truncated.
  return `${randomInt(1, 10)}${String(randomInt(0, 100_000)).padStart(5, '0')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}` as AccountId;
}
