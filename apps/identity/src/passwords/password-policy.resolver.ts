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
import type { PasswordPolicyRules } from './password-policy.js';
import { PasswordPolicyModel } from './password.model.js';
import { PasswordPolicyService } from './password-policy.service.js';

/** GraphQL only: arguments → use case → model. */
@Resolver(() => PasswordPolicyModel)
export class PasswordPolicyResolver {
  constructor(private readonly policies: PasswordPolicyService) {}

  private payload(policy: PasswordPolicyRules): { passwordPolicy: PasswordPolicyModel } {
    return { passwordPolicy: toPasswordPolicyModel(policy) };
  }

  @Mutation(() => UpdateAccountPasswordPolicyPayload, {
    description:
      'AWS UpdateAccountPasswordPolicy: replaces the policy; omitted fields take defaults',
  })
  async updateAccountPasswordPolicy(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => UpdateAccountPasswordPolicyInput, nullable: true })
    input: UpdateAccountPasswordPolicyInput | null,
  ): Promise<UpdateAccountPasswordPolicyPayload> {
    return this.payload(await this.policies.updateAccountPasswordPolicy(caller, input ?? {}));
  }

  @Query(() => GetAccountPasswordPolicyPayload, {
    description: 'AWS GetAccountPasswordPolicy (NoSuchEntity when none is set)',
  })
  async getAccountPasswordPolicy(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => AccountPasswordPolicyInput, nullable: true })
    input: AccountPasswordPolicyInput | null,
  ): Promise<GetAccountPasswordPolicyPayload> {
    return this.payload(await this.policies.getAccountPasswordPolicy(caller, input ?? {}));
  }

  @Mutation(() => DeleteAccountPasswordPolicyPayload, {
    description: 'AWS DeleteAccountPasswordPolicy',
  })
  async deleteAccountPasswordPolicy(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => AccountPasswordPolicyInput, nullable: true })
    input: AccountPasswordPolicyInput | null,
  ): Promise<DeleteAccountPasswordPolicyPayload> {
    return this.payload(await this.policies.deleteAccountPasswordPolicy(caller, input ?? {}));
  }
}
