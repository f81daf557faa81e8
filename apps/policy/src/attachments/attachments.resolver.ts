import {
  Args,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  PolicyAccountInput,
  PolicyChangePayload,
  PolicyPageInput,
  pageAnswer,
  pagedPayload,
} from '../managed-policies/graphql.js';
import { PolicyUsage } from '../managed-policies/managed-policies.resolver.js';
import { AttachmentsService } from './attachments.service.js';

export const PolicyEntityFilter = {
  User: 'User',
  Group: 'Group',
  Role: 'Role',
  LocalManagedPolicy: 'LocalManagedPolicy',
  AWSManagedPolicy: 'AWSManagedPolicy',
} as const;
registerEnumType(PolicyEntityFilter, { name: 'PolicyEntityFilter', description: 'AWS EntityType' });

@ObjectType('AttachedPolicy')
export class AttachedPolicyModel {
  @Field(() => String)
  policyName!: string;

  @Field(() => String)
  policyArn!: string;
}

@ObjectType()
export class ListAttachedPoliciesPayload extends pagedPayload(
  'attachedPolicies',
  AttachedPolicyModel,
) {}

@ObjectType('PolicyEntity', { description: 'AWS PolicyUser, PolicyGroup or PolicyRole' })
export class PolicyEntityModel {
  @Field(() => String, { description: 'user, group or role' })
  kind!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'the unique id (AIDA..., AGPA..., AROA...)' })
  id!: string;
}

@ObjectType()
export class ListEntitiesForPolicyPayload extends pagedPayload('entities', PolicyEntityModel) {}

@InputType()
export class ListEntitiesForPolicyInput extends PolicyPageInput {
  @Field(() => String)
  policyArn!: string;

  @Field(() => PolicyEntityFilter, { nullable: true })
  entityFilter?: 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy' | null;

  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;

  @Field(() => PolicyUsage, { nullable: true })
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | null;
}

@InputType()
export class UserAttachmentInput extends PolicyAccountInput {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  policyArn!: string;
}

@InputType()
export class ListAttachedUserPoliciesInput extends PolicyPageInput {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;
}

@InputType()
export class GroupAttachmentInput extends PolicyAccountInput {
  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  policyArn!: string;
}

@InputType()
export class ListAttachedGroupPoliciesInput extends PolicyPageInput {
  @Field(() => String)
  groupName!: string;

  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;
}

@InputType()
export class RoleAttachmentInput extends PolicyAccountInput {
  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  policyArn!: string;
}

@InputType()
export class ListAttachedRolePoliciesInput extends PolicyPageInput {
  @Field(() => String)
  roleName!: string;

  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;
}

@InputType()
export class PutUserPermissionsBoundaryInput extends PolicyAccountInput {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { description: 'the ARN of the managed policy that sets the boundary' })
  permissionsBoundary!: string;
}

@InputType()
export class DeleteUserPermissionsBoundaryInput extends PolicyAccountInput {
  @Field(() => String)
  userName!: string;
}

@InputType()
export class PutRolePermissionsBoundaryInput extends PolicyAccountInput {
  @Field(() => String)
  roleName!: string;

  @Field(() => String, { description: 'the ARN of the managed policy that sets the boundary' })
  permissionsBoundary!: string;
}

@InputType()
export class DeleteRolePermissionsBoundaryInput extends PolicyAccountInput {
  @Field(() => String)
  roleName!: string;
}

/** GraphQL only: attachments of managed policies and permissions boundaries. */
@Resolver()
export class AttachmentsResolver {
  constructor(private readonly attachments: AttachmentsService) {}

  @Query(() => ListEntitiesForPolicyPayload, { description: 'AWS ListEntitiesForPolicy' })
  async listEntitiesForPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: ListEntitiesForPolicyInput,
  ): Promise<ListEntitiesForPolicyPayload> {
    const page = await this.attachments.listEntitiesForPolicy(caller, input);
    return pageAnswer('entities', page, (e) => ({ ...e }));
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS AttachUserPolicy' })
  attachUserPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: UserAttachmentInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.attachPolicy(caller, 'user', {
      ...input,
      principalName: input.userName,
    });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DetachUserPolicy' })
  detachUserPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: UserAttachmentInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.detachPolicy(caller, 'user', {
      ...input,
      principalName: input.userName,
    });
  }

  @Query(() => ListAttachedPoliciesPayload, { description: 'AWS ListAttachedUserPolicies' })
  async listAttachedUserPolicies(
    @Caller() caller: CallerContext,
    @Args('input') input: ListAttachedUserPoliciesInput,
  ): Promise<ListAttachedPoliciesPayload> {
    const page = await this.attachments.listAttachedPolicies(caller, 'user', {
      ...input,
      principalName: input.userName,
    });
    return pageAnswer('attachedPolicies', page, (p) => ({ ...p }));
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS AttachGroupPolicy' })
  attachGroupPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: GroupAttachmentInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.attachPolicy(caller, 'group', {
      ...input,
      principalName: input.groupName,
    });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DetachGroupPolicy' })
  detachGroupPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: GroupAttachmentInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.detachPolicy(caller, 'group', {
      ...input,
      principalName: input.groupName,
    });
  }

  @Query(() => ListAttachedPoliciesPayload, { description: 'AWS ListAttachedGroupPolicies' })
  async listAttachedGroupPolicies(
    @Caller() caller: CallerContext,
    @Args('input') input: ListAttachedGroupPoliciesInput,
  ): Promise<ListAttachedPoliciesPayload> {
    const page = await this.attachments.listAttachedPolicies(caller, 'group', {
      ...input,
      principalName: input.groupName,
    });
    return pageAnswer('attachedPolicies', page, (p) => ({ ...p }));
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS AttachRolePolicy' })
  attachRolePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: RoleAttachmentInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.attachPolicy(caller, 'role', {
      ...input,
      principalName: input.roleName,
    });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DetachRolePolicy' })
  detachRolePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: RoleAttachmentInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.detachPolicy(caller, 'role', {
      ...input,
      principalName: input.roleName,
    });
  }

  @Query(() => ListAttachedPoliciesPayload, { description: 'AWS ListAttachedRolePolicies' })
  async listAttachedRolePolicies(
    @Caller() caller: CallerContext,
    @Args('input') input: ListAttachedRolePoliciesInput,
  ): Promise<ListAttachedPoliciesPayload> {
    const page = await this.attachments.listAttachedPolicies(caller, 'role', {
      ...input,
      principalName: input.roleName,
    });
    return pageAnswer('attachedPolicies', page, (p) => ({ ...p }));
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS PutUserPermissionsBoundary' })
  putUserPermissionsBoundary(
    @Caller() caller: CallerContext,
    @Args('input') input: PutUserPermissionsBoundaryInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.putPermissionsBoundary(caller, 'user', {
      ...input,
      principalName: input.userName,
    });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DeleteUserPermissionsBoundary' })
  deleteUserPermissionsBoundary(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteUserPermissionsBoundaryInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.deletePermissionsBoundary(caller, 'user', {
      ...input,
      principalName: input.userName,
    });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS PutRolePermissionsBoundary' })
  putRolePermissionsBoundary(
    @Caller() caller: CallerContext,
    @Args('input') input: PutRolePermissionsBoundaryInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.putPermissionsBoundary(caller, 'role', {
      ...input,
      principalName: input.roleName,
    });
  }

  @Mutation(() => PolicyChangePayload, { description: 'AWS DeleteRolePermissionsBoundary' })
  deleteRolePermissionsBoundary(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteRolePermissionsBoundaryInput,
  ): Promise<PolicyChangePayload> {
    return this.attachments.deletePermissionsBoundary(caller, 'role', {
      ...input,
      principalName: input.roleName,
    });
  }
}
