import { Inject } from '@nestjs/common';
import type { Type } from '@nestjs/common';
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
import type { PrincipalInputFields } from '../managed-policies/graphql.js';
import {
  PRINCIPAL_KINDS,
  PolicyChangePayload,
  PolicyPageInput,
  fromPrincipalInput,
  pageAnswer,
  pagedPayload,
  principalInput,
} from '../managed-policies/graphql.js';
import { PolicyUsage } from '../managed-policies/managed-policies.resolver.js';
import type { AttachmentInput } from './attachments.service.js';
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

/** GraphQL only: ListEntitiesForPolicy. */
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
}

/** `attach<Kind>Policy`, `detach<Kind>Policy` and `listAttached<Kind>Policies` of one kind. */
function attachmentsResolver(kind: 'user' | 'group' | 'role', Kind: string): Type<unknown> {
  const ChangeInput = principalInput(`${Kind}AttachmentInput`, kind, ['policyArn']);
  const ListInput = principalInput(`ListAttached${Kind}PoliciesInput`, kind, ['pathPrefix'], {
    optional: ['pathPrefix'],
    paged: true,
  });
  const named = (input: PrincipalInputFields) =>
    fromPrincipalInput(kind, input) as PrincipalInputFields & AttachmentInput;

  @Resolver()
  class KindAttachmentsResolver {
    constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

    @Mutation(() => PolicyChangePayload, {
      name: `attach${Kind}Policy`,
      description: `AWS Attach${Kind}Policy`,
    })
    attach(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => ChangeInput }) input: PrincipalInputFields,
    ): Promise<PolicyChangePayload> {
      return this.attachments.attachPolicy(caller, kind, named(input));
    }

    @Mutation(() => PolicyChangePayload, {
      name: `detach${Kind}Policy`,
      description: `AWS Detach${Kind}Policy`,
    })
    detach(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => ChangeInput }) input: PrincipalInputFields,
    ): Promise<PolicyChangePayload> {
      return this.attachments.detachPolicy(caller, kind, named(input));
    }

    @Query(() => ListAttachedPoliciesPayload, {
      name: `listAttached${Kind}Policies`,
      description: `AWS ListAttached${Kind}Policies`,
    })
    async list(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => ListInput }) input: PrincipalInputFields,
    ): Promise<ListAttachedPoliciesPayload> {
      const page = await this.attachments.listAttachedPolicies(caller, kind, named(input));
      return pageAnswer('attachedPolicies', page, (p) => ({ ...p }));
    }
  }
  Object.defineProperty(KindAttachmentsResolver, 'name', { value: `${Kind}AttachmentsResolver` });
  return KindAttachmentsResolver;
}

/** `put<Kind>PermissionsBoundary` and `delete<Kind>PermissionsBoundary` of users or roles. */
function boundaryResolver(kind: 'user' | 'role', Kind: string): Type<unknown> {
  const PutInput = principalInput(`Put${Kind}PermissionsBoundaryInput`, kind, [
    'permissionsBoundary',
  ]);
  const DeleteInput = principalInput(`Delete${Kind}PermissionsBoundaryInput`, kind, []);

  @Resolver()
  class KindBoundaryResolver {
    constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

    @Mutation(() => PolicyChangePayload, {
      name: `put${Kind}PermissionsBoundary`,
      description: `AWS Put${Kind}PermissionsBoundary: \`permissionsBoundary\` is a managed policy's ARN`,
    })
    put(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => PutInput }) input: PrincipalInputFields,
    ): Promise<PolicyChangePayload> {
      return this.attachments.putPermissionsBoundary(caller, kind, {
        ...fromPrincipalInput(kind, input),
        permissionsBoundary: String(input['permissionsBoundary']),
      });
    }

    @Mutation(() => PolicyChangePayload, {
      name: `delete${Kind}PermissionsBoundary`,
      description: `AWS Delete${Kind}PermissionsBoundary`,
    })
    delete(
      @Caller() caller: CallerContext,
      @Args('input', { type: () => DeleteInput }) input: PrincipalInputFields,
    ): Promise<PolicyChangePayload> {
      return this.attachments.deletePermissionsBoundary(
        caller,
        kind,
        fromPrincipalInput(kind, input),
      );
    }
  }
  Object.defineProperty(KindBoundaryResolver, 'name', { value: `${Kind}BoundaryResolver` });
  return KindBoundaryResolver;
}

/** Every resolver of attachments and permissions boundaries. */
export const ATTACHMENTS_RESOLVERS: Type<unknown>[] = [
  AttachmentsResolver,
  ...PRINCIPAL_KINDS.map(([kind, Kind]) => attachmentsResolver(kind, Kind)),
  boundaryResolver('user', 'User'),
  boundaryResolver('role', 'Role'),
];
