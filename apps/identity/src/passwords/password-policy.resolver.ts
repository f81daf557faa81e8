import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  AccountPasswordPolicyInput,
  DeleteAccountPasswordPolicyPayload,
  GetAccountPasswordPolicyPayload,
  UpdateAccountPasswordPolicyInput,
  UpdateAccountPasswordPolicyPayload,
} from './dto.js';
import { toPasswordPolicyModel } from './password.mapper.js';
import { PasswordPolicyModel } from './password.model.js';
import { PasswordPolicyService } from './password-policy.service.js';

/** GraphQL only: arguments → use case → model. */
@Resolver(() => PasswordPolicyModel)
export class PasswordPolicyResolver {
  constructor(private readonly policies: PasswordPolicyService) {}

  @Mutation(() => UpdateAccountPasswordPolicyPayload, {
    description:
      'AWS UpdateAccountPasswordPolicy: replaces the policy; omitted fields take defaults',
  })
  async updateAccountPasswordPolicy(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => UpdateAccountPasswordPolicyInput, nullable: true })
    input: UpdateAccountPasswordPolicyInput | null,
  ): Promise<UpdateAccountPasswordPolicyPayload> {
    const policy = await this.policies.updateAccountPasswordPolicy(caller, input ?? {});
    return { passwordPolicy: toPasswordPolicyModel(policy) };
  }

  @Query(() => GetAccountPasswordPolicyPayload, {
    description: 'AWS GetAccountPasswordPolicy (NoSuchEntity when none is set)',
  })
  async getAccountPasswordPolicy(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => AccountPasswordPolicyInput, nullable: true })
    input: AccountPasswordPolicyInput | null,
  ): Promise<GetAccountPasswordPolicyPayload> {
    const policy = await this.policies.getAccountPasswordPolicy(caller, input ?? {});
    return { passwordPolicy: toPasswordPolicyModel(policy) };
  }

  @Mutation(() => DeleteAccountPasswordPolicyPayload, {
    description: 'AWS DeleteAccountPasswordPolicy',
  })
  async deleteAccountPasswordPolicy(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => AccountPasswordPolicyInput, nullable: true })
    input: AccountPasswordPolicyInput | null,
  ): Promise<DeleteAccountPasswordPolicyPayload> {
    const policy = await this.policies.deleteAccountPasswordPolicy(caller, input ?? {});
    return { passwordPolicy: toPasswordPolicyModel(policy) };
  }
}
