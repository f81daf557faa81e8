import {
  Args,
  Field,
  GraphQLISODateTime,
  InputType,
  Int,
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
  PolicyArnInput,
  PolicyPageInput,
  RevisionPayload,
  pageAnswer,
  pagedPayload,
} from './graphql.js';
import type { PolicyVersionView, PolicyView } from './managed-policies.service.js';
import { ManagedPoliciesService } from './managed-policies.service.js';

export const PolicyScope = { All: 'All', AWS: 'AWS', Local: 'Local' } as const;
registerEnumType(PolicyScope, { name: 'PolicyScope', description: 'AWS PolicyScopeType' });
export const PolicyUsage = {
  PermissionsPolicy: 'PermissionsPolicy',
  PermissionsBoundary: 'PermissionsBoundary',
} as const;
registerEnumType(PolicyUsage, { name: 'PolicyUsage', description: 'AWS PolicyUsageType' });

@ObjectType('PolicyTag')
export class PolicyTagModel {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class PolicyTagInput {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType('ManagedPolicy', { description: 'AWS Policy: a customer or AWS managed policy' })
export class ManagedPolicyModel {
  @Field(() => String)
  policyName!: string;

  @Field(() => String)
  policyId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String)
  defaultVersionId!: string;

  @Field(() => Int, { description: 'users, groups and roles of the account it is attached to' })
  attachmentCount!: number;

  @Field(() => Int, {
    description: 'users and roles of the account whose permissions boundary it is',
  })
  permissionsBoundaryUsageCount!: number;

  @Field(() => Boolean)
  isAttachable!: boolean;

  @Field(() => Boolean, { description: 'a built-in, read-only AWS managed policy' })
  awsManaged!: boolean;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => GraphQLISODateTime)
  createDate!: Date;

  @Field(() => GraphQLISODateTime)
  updateDate!: Date;

  @Field(() => [PolicyTagModel])
  tags!: PolicyTagModel[];
}

@ObjectType('PolicyVersion')
export class PolicyVersionModel {
  @Field(() => String)
  versionId!: string;

  @Field(() => String, { description: 'the JSON policy document' })
  document!: string;

  @Field(() => Boolean)
  isDefaultVersion!: boolean;

  @Field(() => GraphQLISODateTime)
  createDate!: Date;
}

function toPolicyModel(view: PolicyView): ManagedPolicyModel {
  return { ...view, tags: view.tags.map((t) => ({ ...t })) };
}

@InputType()
export class CreatePolicyInput extends PolicyAccountInput {
  @Field(() => String)
  policyName!: string;

  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String)
  policyDocument!: string;

  @Field(() => [PolicyTagInput], { nullable: true })
  tags?: PolicyTagInput[] | null;
}

@ObjectType()
export class PolicyPayload extends RevisionPayload {
  @Field(() => ManagedPolicyModel)
  policy!: ManagedPolicyModel;
}

@ObjectType()
export class GetPolicyPayload {
  @Field(() => ManagedPolicyModel)
  policy!: ManagedPolicyModel;
}

@InputType()
export class PolicyByArnInput extends PolicyArnInput {}

@InputType()
export class ListPoliciesInput extends PolicyPageInput {
  @Field(() => PolicyScope, { nullable: true, description: 'default All' })
  scope?: 'All' | 'AWS' | 'Local' | null;

  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;

  @Field(() => Boolean, { nullable: true })
  onlyAttached?: boolean | null;

  @Field(() => PolicyUsage, { nullable: true })
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | null;
}

@ObjectType()
export class ListPoliciesPayload extends pagedPayload('policies', ManagedPolicyModel) {}

@InputType()
export class CreatePolicyVersionInput extends PolicyArnInput {
  @Field(() => String)
  policyDocument!: string;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  setAsDefault?: boolean | null;
}

@ObjectType()
export class PolicyVersionPayload extends RevisionPayload {
  @Field(() => PolicyVersionModel)
  policyVersion!: PolicyVersionModel;
}

@ObjectType()
export class GetPolicyVersionPayload {
  @Field(() => PolicyVersionModel)
  policyVersion!: PolicyVersionModel;
}

@InputType()
export class PolicyVersionInput extends PolicyArnInput {
  @Field(() => String)
  versionId!: string;
}

@InputType()
export class ListPolicyVersionsInput extends PolicyPageInput {
  @Field(() => String)
  policyArn!: string;
}

@ObjectType()
export class ListPolicyVersionsPayload extends pagedPayload('versions', PolicyVersionModel) {}

@ObjectType()
export class DeletePolicyVersionPayload extends RevisionPayload {
  @Field(() => String)
  versionId!: string;
}

@InputType()
export class TagPolicyInput extends PolicyArnInput {
  @Field(() => [PolicyTagInput])
  tags!: PolicyTagInput[];
}

@InputType()
export class UntagPolicyInput extends PolicyArnInput {
  @Field(() => [String])
  tagKeys!: string[];
}

@InputType()
export class ListPolicyTagsInput extends PolicyPageInput {
  @Field(() => String)
  policyArn!: string;
}

@ObjectType()
export class ListPolicyTagsPayload extends pagedPayload('tags', PolicyTagModel) {}

function versionModel(view: PolicyVersionView): PolicyVersionModel {
  return { ...view };
}

/** GraphQL only: arguments → use case → model. */
@Resolver()
export class ManagedPoliciesResolver {
  constructor(private readonly policies: ManagedPoliciesService) {}

  @Mutation(() => PolicyPayload, { description: 'AWS CreatePolicy' })
  async createPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: CreatePolicyInput,
  ): Promise<PolicyPayload> {
    const { value, revisionToken } = await this.policies.createPolicy(caller, input);
    return { policy: toPolicyModel(value), revisionToken };
  }

  @Query(() => GetPolicyPayload, { description: 'AWS GetPolicy' })
  async getPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: PolicyByArnInput,
  ): Promise<GetPolicyPayload> {
    return { policy: toPolicyModel(await this.policies.getPolicy(caller, input)) };
  }

  @Query(() => ListPoliciesPayload, { description: 'AWS ListPolicies' })
  async listPolicies(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListPoliciesInput, nullable: true })
    input: ListPoliciesInput | null,
  ): Promise<ListPoliciesPayload> {
    return pageAnswer(
      'policies',
      await this.policies.listPolicies(caller, input ?? {}),
      toPolicyModel,
    );
  }

  @Mutation(() => PolicyPayload, { description: 'AWS DeletePolicy' })
  async deletePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: PolicyByArnInput,
  ): Promise<PolicyPayload> {
    const { value, revisionToken } = await this.policies.deletePolicy(caller, input);
    return { policy: toPolicyModel(value), revisionToken };
  }

  @Mutation(() => PolicyVersionPayload, { description: 'AWS CreatePolicyVersion' })
  async createPolicyVersion(
    @Caller() caller: CallerContext,
    @Args('input') input: CreatePolicyVersionInput,
  ): Promise<PolicyVersionPayload> {
    const { value, revisionToken } = await this.policies.createPolicyVersion(caller, input);
    return { policyVersion: versionModel(value), revisionToken };
  }

  @Query(() => GetPolicyVersionPayload, { description: 'AWS GetPolicyVersion' })
  async getPolicyVersion(
    @Caller() caller: CallerContext,
    @Args('input') input: PolicyVersionInput,
  ): Promise<GetPolicyVersionPayload> {
    return { policyVersion: versionModel(await this.policies.getPolicyVersion(caller, input)) };
  }

  @Query(() => ListPolicyVersionsPayload, { description: 'AWS ListPolicyVersions' })
  async listPolicyVersions(
    @Caller() caller: CallerContext,
    @Args('input') input: ListPolicyVersionsInput,
  ): Promise<ListPolicyVersionsPayload> {
    return pageAnswer(
      'versions',
      await this.policies.listPolicyVersions(caller, input),
      versionModel,
    );
  }

  @Mutation(() => PolicyVersionPayload, { description: 'AWS SetDefaultPolicyVersion' })
  async setDefaultPolicyVersion(
    @Caller() caller: CallerContext,
    @Args('input') input: PolicyVersionInput,
  ): Promise<PolicyVersionPayload> {
    const { value, revisionToken } = await this.policies.setDefaultPolicyVersion(caller, input);
    return { policyVersion: versionModel(value), revisionToken };
  }

  @Mutation(() => DeletePolicyVersionPayload, { description: 'AWS DeletePolicyVersion' })
  async deletePolicyVersion(
    @Caller() caller: CallerContext,
    @Args('input') input: PolicyVersionInput,
  ): Promise<DeletePolicyVersionPayload> {
    const { value, revisionToken } = await this.policies.deletePolicyVersion(caller, input);
    return { versionId: value, revisionToken };
  }

  @Mutation(() => PolicyPayload, { description: 'AWS TagPolicy' })
  async tagPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: TagPolicyInput,
  ): Promise<PolicyPayload> {
    const { value, revisionToken } = await this.policies.tagPolicy(caller, input);
    return { policy: toPolicyModel(value), revisionToken };
  }

  @Mutation(() => PolicyPayload, { description: 'AWS UntagPolicy' })
  async untagPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: UntagPolicyInput,
  ): Promise<PolicyPayload> {
    const { value, revisionToken } = await this.policies.untagPolicy(caller, input);
    return { policy: toPolicyModel(value), revisionToken };
  }

  @Query(() => ListPolicyTagsPayload, { description: 'AWS ListPolicyTags' })
  async listPolicyTags(
    @Caller() caller: CallerContext,
    @Args('input') input: ListPolicyTagsInput,
  ): Promise<ListPolicyTagsPayload> {
    return pageAnswer('tags', await this.policies.listPolicyTags(caller, input), (t) => ({ ...t }));
  }
}
