import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { RevisionPayload } from '../managed-policies/graphql.js';
import { PolicyQuotasService } from './policy-quotas.service.js';

@InputType()
export class UpdateAccountPolicyQuotasInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { nullable: true, description: '1 to 20; null: AWS default 10' })
  maxManagedPoliciesPerPrincipal?: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 5000; null: AWS default 1500' })
  maxCustomerManagedPolicies?: number | null;
}

@ObjectType()
export class UpdateAccountPolicyQuotasPayload extends RevisionPayload {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int)
  maxManagedPoliciesPerPrincipal!: number;

  @Field(() => Int)
  maxCustomerManagedPolicies!: number;
}

/** GraphQL only: the platform administrator's per-account policy quotas. */
@Resolver()
export class PolicyQuotasResolver {
  constructor(private readonly quotas: PolicyQuotasService) {}

  @Mutation(() => UpdateAccountPolicyQuotasPayload, {
    description: "Sets an account's policy quotas (platform administrator only)",
  })
  updateAccountPolicyQuotas(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateAccountPolicyQuotasInput,
  ): Promise<UpdateAccountPolicyQuotasPayload> {
    return this.quotas.updateAccountPolicyQuotas(caller, input);
  }
}
