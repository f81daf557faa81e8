import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { IdentitySettings } from '../identity-settings.js';
import { pageAnswer, revisionTokenOf } from '../principals/graphql/index.js';
import { toUserModel } from '../users/index.js';
import type { Page, Revised } from '../principals/index.js';
import {
  AddUserToGroupInput,
  AddUserToGroupPayload,
  CreateGroupInput,
  CreateGroupPayload,
  DeleteGroupInput,
  DeleteGroupPayload,
  GetGroupInput,
  GetGroupPayload,
  ListGroupsForUserInput,
  ListGroupsForUserPayload,
  ListGroupsInput,
  ListGroupsPayload,
  RemoveUserFromGroupInput,
  RemoveUserFromGroupPayload,
  UpdateGroupInput,
  UpdateGroupPayload,
} from './dto.js';
import type { GroupEntity } from './group.entity.js';
import { toGroupModel } from './group.mapper.js';
import { GroupModel } from './group.model.js';
import { GroupsService } from './groups.service.js';

/** GraphQL only: arguments → use case → model. */
@Resolver(() => GroupModel)
export class GroupsResolver {
  constructor(
    private readonly groups: GroupsService,
    private readonly settings: IdentitySettings,
  ) {}

  private payload(group: GroupEntity): { group: GroupModel } {
    return { group: toGroupModel(group, this.settings.partition) };
  }

  private revised({ entity, eventId }: Revised<GroupEntity>): {
    group: GroupModel;
    revisionToken: string | null;
  } {
    return { ...this.payload(entity), revisionToken: revisionTokenOf(entity.accountId, eventId) };
  }

  private page(page: Page<GroupEntity>): ListGroupsPayload {
    return pageAnswer('groups', page, (g) => toGroupModel(g, this.settings.partition));
  }

  @Mutation(() => CreateGroupPayload, { description: 'AWS CreateGroup' })
  async createGroup(
    @Caller() caller: CallerContext,
    @Args('input') input: CreateGroupInput,
  ): Promise<CreateGroupPayload> {
    return this.payload(await this.groups.createGroup(caller, input));
  }

  @Query(() => GetGroupPayload, { description: 'AWS GetGroup: the group and a page of its users' })
  async getGroup(
    @Caller() caller: CallerContext,
    @Args('input') input: GetGroupInput,
  ): Promise<GetGroupPayload> {
    const result = await this.groups.getGroup(caller, input);
    return {
      group: toGroupModel(result.group, this.settings.partition),
      users: result.items.map((u) => toUserModel(u, this.settings.partition)),
      isTruncated: result.isTruncated,
      marker: result.marker,
    };
  }

  @Query(() => ListGroupsPayload, { description: 'AWS ListGroups' })
  async listGroups(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListGroupsInput, nullable: true }) input: ListGroupsInput | null,
  ): Promise<ListGroupsPayload> {
    return this.page(await this.groups.listGroups(caller, input ?? {}));
  }

  @Mutation(() => UpdateGroupPayload, { description: 'AWS UpdateGroup' })
  async updateGroup(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateGroupInput,
  ): Promise<UpdateGroupPayload> {
    return this.revised(await this.groups.updateGroup(caller, input));
  }

  @Mutation(() => DeleteGroupPayload, { description: 'AWS DeleteGroup' })
  async deleteGroup(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteGroupInput,
  ): Promise<DeleteGroupPayload> {
    return this.revised(await this.groups.deleteGroup(caller, input));
  }

  @Mutation(() => AddUserToGroupPayload, { description: 'AWS AddUserToGroup' })
  async addUserToGroup(
    @Caller() caller: CallerContext,
    @Args('input') input: AddUserToGroupInput,
  ): Promise<AddUserToGroupPayload> {
    return this.revised(await this.groups.addUserToGroup(caller, input));
  }

  @Mutation(() => RemoveUserFromGroupPayload, { description: 'AWS RemoveUserFromGroup' })
  async removeUserFromGroup(
    @Caller() caller: CallerContext,
    @Args('input') input: RemoveUserFromGroupInput,
  ): Promise<RemoveUserFromGroupPayload> {
    return this.revised(await this.groups.removeUserFromGroup(caller, input));
  }

  @Query(() => ListGroupsForUserPayload, { description: 'AWS ListGroupsForUser' })
  async listGroupsForUser(
    @Caller() caller: CallerContext,
    @Args('input') input: ListGroupsForUserInput,
  ): Promise<ListGroupsForUserPayload> {
    return this.page(await this.groups.listGroupsForUser(caller, input));
  }
}
