import { Args, Field, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  PolicyAccountInput,
  PolicyChangePayload,
  PolicyPageInput,
  pageAnswer,
  pagedPayload,
} from '../managed-policies/graphql.js';
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

@InputType()
export class UserPolicyInput extends PolicyAccountInput {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  policyName!: string;
}

@InputType()
export class PutUserPolicyInput extends UserPolicyInput {
  @Field(() => String)
  policyDocument!: string;
}

@InputType()
export class ListUserPoliciesInput extends PolicyPageInput {
  @Field(() => String)
  userName!: string;
}

@InputType()
export class GroupPolicyInput extends PolicyAccountInput {
  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  policyName!: string;
}

@InputType()
export class PutGroupPolicyInput extends GroupPolicyInput {
  @Field(() => String)
  policyDocument!: string;
}

@InputType()
export class ListGroupPoliciesInput extends PolicyPageInput {
  @Field(() => String)
  groupName!: string;
}

@InputType()
export class RolePolicyInput extends PolicyAccountInput {
  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  policyName!: string;
}

@InputType()
export class PutRolePolicyInput extends RolePolicyInput {
  @Field(() => String)
  policyDocument!: string;
}

@InputType()
export class ListRolePoliciesInput extends PolicyPageInput {
  @Field(() => String)
  roleName!: string;
}

/** GraphQL only: inline policies of users, groups and roles. */
@Resolver()
export class InlinePoliciesResolver {
  constructor(private readonly inline: InlinePoliciesService) {}

  @Mutation(() => PolicyChangePayload, { description: 'AWS PutUserPolicy' })
  putUserPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: PutUserPolicyInput,
  ): Promise<PolicyChangePayload> {
    return this.inline.putPolicy(caller, 'user', { ...input, principalName: input.userName });
  }

  @Query(() => GetInlinePolicyPayload, { description: 'AWS GetUserPolicy' })
  async getUserPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: UserPolicyInput,
  ): Promise<GetInlinePolicyPayload> {
    return {
      policy: await this.inline.getPolicy(caller, 'user', {
        ...input,
        principalName: input.userName,
      }),
    };
  }

  @Query(() => ListInlinePoliciesPayload, { description: 'AWS ListUserPolicies' })
  async listUserPolicies(
    @Caller() caller: CallerContext,
    @Args('input') input: ListUserPoliciesInput,
  ): Promise<ListInlinePoliciesPayload> {
    const page = await this.inline.listPolicies(caller, 'user', {
      ...input,
      principalName: input.userName,
    });
    return pageAnswer('policyNames', page, (name) => name);
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DeleteUserPolicy' })
  deleteUserPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: UserPolicyInput,
  ): Promise<PolicyChangePayload> {
    return this.inline.deletePolicy(caller, 'user', { ...input, principalName: input.userName });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS PutGroupPolicy' })
  putGroupPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: PutGroupPolicyInput,
  ): Promise<PolicyChangePayload> {
    return this.inline.putPolicy(caller, 'group', { ...input, principalName: input.groupName });
  }

  @Query(() => GetInlinePolicyPayload, { description: 'AWS GetGroupPolicy' })
  async getGroupPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: GroupPolicyInput,
  ): Promise<GetInlinePolicyPayload> {
    return {
      policy: await this.inline.getPolicy(caller, 'group', {
        ...input,
        principalName: input.groupName,
      }),
    };
  }

  @Query(() => ListInlinePoliciesPayload, { description: 'AWS ListGroupPolicies' })
  async listGroupPolicies(
    @Caller() caller: CallerContext,
    @Args('input') input: ListGroupPoliciesInput,
  ): Promise<ListInlinePoliciesPayload> {
    const page = await this.inline.listPolicies(caller, 'group', {
      ...input,
      principalName: input.groupName,
    });
    return pageAnswer('policyNames', page, (name) => name);
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DeleteGroupPolicy' })
  deleteGroupPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: GroupPolicyInput,
  ): Promise<PolicyChangePayload> {
    return this.inline.deletePolicy(caller, 'group', { ...input, principalName: input.groupName });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS PutRolePolicy' })
  putRolePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: PutRolePolicyInput,
  ): Promise<PolicyChangePayload> {
    return this.inline.putPolicy(caller, 'role', { ...input, principalName: input.roleName });
  }

  @Query(() => GetInlinePolicyPayload, { description: 'AWS GetRolePolicy' })
  async getRolePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: RolePolicyInput,
  ): Promise<GetInlinePolicyPayload> {
    return {
      policy: await this.inline.getPolicy(caller, 'role', {
        ...input,
        principalName: input.roleName,
      }),
    };
  }

  @Query(() => ListInlinePoliciesPayload, { description: 'AWS ListRolePolicies' })
  async listRolePolicies(
    @Caller() caller: CallerContext,
    @Args('input') input: ListRolePoliciesInput,
  ): Promise<ListInlinePoliciesPayload> {
    const page = await this.inline.listPolicies(caller, 'role', {
      ...input,
      principalName: input.roleName,
    });
    return pageAnswer('policyNames', page, (name) => name);
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DeleteRolePolicy' })
  deleteRolePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: RolePolicyInput,
  ): Promise<PolicyChangePayload> {
    return this.inline.deletePolicy(caller, 'role', { ...input, principalName: input.roleName });
  }
}
