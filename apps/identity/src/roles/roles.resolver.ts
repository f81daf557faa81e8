import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { IdentitySettings } from '../identity-settings.js';
import { pageAnswer, revisionTokenOf, toTagModel } from '../principals/graphql/index.js';
import type { Revised } from '../principals/index.js';
import {
  CreateRoleInput,
  CreateRolePayload,
  DeleteRoleInput,
  DeleteRolePayload,
  GetRoleInput,
  GetRolePayload,
  ListRoleTagsInput,
  ListRoleTagsPayload,
  ListRolesInput,
  ListRolesPayload,
  TagRoleInput,
  TagRolePayload,
  UntagRoleInput,
  UntagRolePayload,
  UpdateAssumeRolePolicyInput,
  UpdateAssumeRolePolicyPayload,
  UpdateRoleInput,
  UpdateRolePayload,
} from './dto.js';
import type { RoleEntity } from './role.entity.js';
import { toRoleModel } from './role.mapper.js';
import { RoleModel } from './role.model.js';
import { RolesService } from './roles.service.js';

/** GraphQL only: arguments → use case → model. */
@Resolver(() => RoleModel)
export class RolesResolver {
  constructor(
    private readonly roles: RolesService,
    private readonly settings: IdentitySettings,
  ) {}

  private payload(role: RoleEntity): { role: RoleModel } {
    return { role: toRoleModel(role, this.settings.partition) };
  }

  private revised({ entity, eventId }: Revised<RoleEntity>): {
    role: RoleModel;
    revisionToken: string | null;
  } {
    return { ...this.payload(entity), revisionToken: revisionTokenOf(entity.accountId, eventId) };
  }

  @Mutation(() => CreateRolePayload, { description: 'AWS CreateRole' })
  async createRole(
    @Caller() caller: CallerContext,
    @Args('input') input: CreateRoleInput,
  ): Promise<CreateRolePayload> {
    return this.payload(await this.roles.createRole(caller, input));
  }

  @Query(() => GetRolePayload, { description: 'AWS GetRole' })
  async getRole(
    @Caller() caller: CallerContext,
    @Args('input') input: GetRoleInput,
  ): Promise<GetRolePayload> {
    return this.payload(await this.roles.getRole(caller, input));
  }

  @Query(() => ListRolesPayload, { description: 'AWS ListRoles' })
  async listRoles(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListRolesInput, nullable: true }) input: ListRolesInput | null,
  ): Promise<ListRolesPayload> {
    const page = await this.roles.listRoles(caller, input ?? {});
    return pageAnswer('roles', page, (r) => toRoleModel(r, this.settings.partition));
  }

  @Mutation(() => UpdateRolePayload, { description: 'AWS UpdateRole' })
  async updateRole(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateRoleInput,
  ): Promise<UpdateRolePayload> {
    return this.revised(await this.roles.updateRole(caller, input));
  }

  @Mutation(() => UpdateAssumeRolePolicyPayload, { description: 'AWS UpdateAssumeRolePolicy' })
  async updateAssumeRolePolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateAssumeRolePolicyInput,
  ): Promise<UpdateAssumeRolePolicyPayload> {
    return this.payload(await this.roles.updateAssumeRolePolicy(caller, input));
  }

  @Mutation(() => DeleteRolePayload, { description: 'AWS DeleteRole' })
  async deleteRole(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteRoleInput,
  ): Promise<DeleteRolePayload> {
    return this.revised(await this.roles.deleteRole(caller, input));
  }

  @Mutation(() => TagRolePayload, { description: 'AWS TagRole' })
  async tagRole(
    @Caller() caller: CallerContext,
    @Args('input') input: TagRoleInput,
  ): Promise<TagRolePayload> {
    return this.revised(await this.roles.tagRole(caller, input));
  }

  @Mutation(() => UntagRolePayload, { description: 'AWS UntagRole' })
  async untagRole(
    @Caller() caller: CallerContext,
    @Args('input') input: UntagRoleInput,
  ): Promise<UntagRolePayload> {
    return this.revised(await this.roles.untagRole(caller, input));
  }

  @Query(() => ListRoleTagsPayload, { description: 'AWS ListRoleTags' })
  async listRoleTags(
    @Caller() caller: CallerContext,
    @Args('input') input: ListRoleTagsInput,
  ): Promise<ListRoleTagsPayload> {
    return pageAnswer('tags', await this.roles.listRoleTags(caller, input), toTagModel);
  }
}
