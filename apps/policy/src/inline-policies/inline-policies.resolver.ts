import { Inject } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import type { PrincipalInputFields } from '../managed-policies/graphql.js';
import {
  PRINCIPAL_KINDS,
  PolicyChangePayload,
  fromPrincipalInput,
  pageAnswer,
  pagedPayload,
  principalInput,
} from '../managed-policies/graphql.js';
import type { InlinePolicyInput } from './inline-policies.service.js';
import { InlinePoliciesService } from './inline-policies.service.js';

@ObjectType('InlinePolicy')
export class InlinePolicyModel {
  @Field(() => String, { description: 'the user, group or role' })
  principalName!: string;

  @Field(() => String)
  policyName!: string;

  @Field(() => String, { description: 'the JSON policy document' })
  policyDocument!: string;
}

@ObjectType()
export class GetInlinePolicyPayload {
  @Field(() => InlinePolicyModel)
  policy!: InlinePolicyModel;
}

@ObjectType()
export class ListInlinePoliciesPayload extends pagedPayload('policyNames', String) {}

/**
 * The GraphQL operations on one kind's inline policies (`putUserPolicy`, `getUserPolicy`, `listUserPolicies`,
 * `deleteUserPolicy`, and the same for groups and roles): arguments → use case → model.
 */
function inlinePoliciesResolver(kind: 'user' | 'group' | 'role', Kind: string): Type<unknown> {
  const PolicyInput = principalInput(`${Kind}PolicyInput`, kind, ['policyName']);
  const PutInput = principalInput(`Put${Kind}PolicyInput`, kind, ['policyName', 'policyDocument']);
  const ListInput = principalInput(`List${Kind}PoliciesInput`, kind, [], { paged: true });
  const named = (input: PrincipalInputFields) =>
    fromPrincipalInput(kind, input) as PrincipalInputFields & InlinePolicyInput;

  @Resolver()
  class KindInlinePoliciesResolver {
    constructor(@Inject(InlinePoliciesService) private readonly inline: InlinePoliciesService) {}

    @Mutation(() => PolicyChangePayload, {
      name: `put${Kind}Policy`,
      description: `AWS Put${Kind}Policy`,
    })
    put(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => PutInput }) input: PrincipalInputFields,
    ): Promise<PolicyChangePayload> {
      const args = named(input);
      return this.inline.putPolicy(caller, kind, {
        ...args,
        policyDocument: String(input['policyDocument']),
      });
    }

    @Query(() => GetInlinePolicyPayload, {
      name: `get${Kind}Policy`,
      description: `AWS Get${Kind}Policy`,
    })
    async get(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => PolicyInput }) input: PrincipalInputFields,
    ): Promise<GetInlinePolicyPayload> {
      return { policy: await this.inline.getPolicy(caller, kind, named(input)) };
    }

    @Query(() => ListInlinePoliciesPayload, {
      name: `list${Kind}Policies`,
      description: `AWS List${Kind}Policies`,
    })
    async list(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => ListInput }) input: PrincipalInputFields,
    ): Promise<ListInlinePoliciesPayload> {
      const page = await this.inline.listPolicies(caller, kind, named(input));
      return pageAnswer('policyNames', page, (name) => name);
    }

    @Mutation(() => PolicyChangePayload, {
      name: `delete${Kind}Policy`,
      description: `AWS Delete${Kind}Policy`,
    })
    delete(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => PolicyInput }) input: PrincipalInputFields,
    ): Promise<PolicyChangePayload> {
      return this.inline.deletePolicy(caller, kind, named(input));
    }
  }
  Object.defineProperty(KindInlinePoliciesResolver, 'name', {
    value: `${Kind}InlinePoliciesResolver`,
  });
  return KindInlinePoliciesResolver;
}

/** The resolvers of users', groups' and roles' inline policies. */
export const INLINE_POLICIES_RESOLVERS = PRINCIPAL_KINDS.map(([kind, Kind]) =>
  inlinePoliciesResolver(kind, Kind),
);
