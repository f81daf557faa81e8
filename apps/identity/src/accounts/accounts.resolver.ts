import { Args, Context, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller, callerFrom } from '@iam/graphql-kit';
import type { AccountEntity } from './account.entity.js';
import { AccountModel } from './account.model.js';
import { toAccountModel } from './account.mapper.js';
import { AccountsService } from './accounts.service.js';
import {
  AccountAliasInput,
  AccountIdInput,
  AccountPayload,
  CreateAccountInput,
  CreateAccountPayload,
  GetAccountArgs,
  ListAccountsArgs,
  ListAccountsPayload,
} from './dto.js';
import { IdentitySettings } from '../identity-settings.js';
import { revisionTokenOf } from '../principals/graphql/index.js';
import { toUserModel } from '../users/index.js';

/** GraphQL only: arguments → use case → model. Errors are mapped once, by the subgraph's error formatter. */
@Resolver(() => AccountModel)
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly settings: IdentitySettings,
  ) {}

  @Mutation(() => CreateAccountPayload, {
    description: 'creates a tenant account (platform administrator only)',
  })
  async createAccount(
    @Caller() caller: CallerContext,
    @Args('input') input: CreateAccountInput,
  ): Promise<CreateAccountPayload> {
    const created = await this.accounts.createAccount(caller, input);
    const { accountId } = created.account;
    return {
      account: toAccountModel(created.account, this.settings.partition),
      administrator:
        created.administrator === null
          ? null
          : toUserModel(created.administrator.user, this.settings.partition),
      revisionToken: revisionTokenOf(accountId, created.eventId),
    };
  }

  @Mutation(() => AccountPayload, {
    description: "sets or replaces the account's alias (AWS CreateAccountAlias)",
  })
  async createAccountAlias(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountAliasInput,
  ): Promise<AccountPayload> {
    return this.payload(await this.accounts.createAccountAlias(caller, input));
  }

  @Mutation(() => AccountPayload, {
    description: "removes the account's alias (AWS DeleteAccountAlias)",
  })
  async deleteAccountAlias(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountAliasInput,
  ): Promise<AccountPayload> {
    return this.payload(await this.accounts.deleteAccountAlias(caller, input));
  }

  @Mutation(() => AccountPayload, {
    description: 'suspends an account (platform administrator only)',
  })
  async suspendAccount(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountIdInput,
  ): Promise<AccountPayload> {
    return this.payload(await this.accounts.suspendAccount(caller, input.accountId));
  }

  @Mutation(() => AccountPayload, {
    description: 'returns a suspended account to service (platform administrator only)',
  })
  async reactivateAccount(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountIdInput,
  ): Promise<AccountPayload> {
    return this.payload(await this.accounts.reactivateAccount(caller, input.accountId));
  }

  @Mutation(() => AccountPayload, {
    description: 'deletes a suspended account and everything it owns (platform administrator only)',
  })
  async deleteAccount(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountIdInput,
  ): Promise<AccountPayload> {
    return this.payload(await this.accounts.deleteAccount(caller, input.accountId));
  }

  private payload(account: AccountEntity): AccountPayload {
    return { account: toAccountModel(account, this.settings.partition) };
  }

  @Query(() => AccountModel)
  async getAccount(
    @Caller() caller: CallerContext,
    @Args() args: GetAccountArgs,
  ): Promise<AccountModel> {
    return toAccountModel(
      await this.accounts.getAccount(caller, args.accountId),
      this.settings.partition,
    );
  }

  @Query(() => ListAccountsPayload)
  async listAccounts(
    @Caller() caller: CallerContext,
    @Args() args: ListAccountsArgs,
  ): Promise<ListAccountsPayload> {
    const page = await this.accounts.listAccounts(caller, args);
    return {
      accounts: page.accounts.map((a) => toAccountModel(a, this.settings.partition)),
      isTruncated: page.isTruncated,
      marker: page.marker,
    };
  }

  // Entity fetches are tenant-scoped like any query: a forged reference to another account resolves to null.
  @ResolveReference()
  async resolveReference(
    reference: { accountId: string },
    @Context() context: unknown,
  ): Promise<AccountModel | null> {
    try {
      const account = await this.accounts.getAccount(callerFrom(context), reference.accountId);
      return toAccountModel(account, this.settings.partition);
    } catch {
      return null;
    }
  }
}
