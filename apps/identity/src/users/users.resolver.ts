import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { IdentitySettings } from '../identity-settings.js';
import { pageAnswer, revisionTokenOf, toTagModel } from '../principals/graphql/index.js';
import type { Revised } from '../principals/index.js';
import {
  CreateUserInput,
  CreateUserPayload,
  DeleteUserInput,
  DeleteUserPayload,
  GetUserInput,
  GetUserPayload,
  ListUserTagsInput,
  ListUserTagsPayload,
  ListUsersInput,
  ListUsersPayload,
  TagUserInput,
  TagUserPayload,
  UntagUserInput,
  UntagUserPayload,
  UpdateUserInput,
  UpdateUserPayload,
} from './dto.js';
import type { UserEntity } from './user.entity.js';
import { toUserModel } from './user.mapper.js';
import { UserModel } from './user.model.js';
import { UsersService } from './users.service.js';

/** GraphQL only: arguments → use case → model. Errors are mapped once, by the subgraph's error formatter. */
@Resolver(() => UserModel)
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    private readonly settings: IdentitySettings,
  ) {}

  private payload(user: UserEntity): { user: UserModel } {
    return { user: toUserModel(user, this.settings.partition) };
  }

  private revised({ entity, eventId }: Revised<UserEntity>): {
    user: UserModel;
    revisionToken: string | null;
  } {
    return { ...this.payload(entity), revisionToken: revisionTokenOf(entity.accountId, eventId) };
  }

  @Mutation(() => CreateUserPayload, { description: 'AWS CreateUser' })
  async createUser(
    @Caller() caller: CallerContext,
    @Args('input') input: CreateUserInput,
  ): Promise<CreateUserPayload> {
    return this.payload(await this.users.createUser(caller, input));
  }

  @Query(() => GetUserPayload, { description: 'AWS GetUser' })
  async getUser(
    @Caller() caller: CallerContext,
    @Args('input') input: GetUserInput,
  ): Promise<GetUserPayload> {
    return this.payload(await this.users.getUser(caller, input));
  }

  @Query(() => ListUsersPayload, { description: 'AWS ListUsers' })
  async listUsers(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListUsersInput, nullable: true }) input: ListUsersInput | null,
  ): Promise<ListUsersPayload> {
    const page = await this.users.listUsers(caller, input ?? {});
    return pageAnswer('users', page, (u) => toUserModel(u, this.settings.partition));
  }

  @Mutation(() => UpdateUserPayload, { description: 'AWS UpdateUser' })
  async updateUser(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateUserInput,
  ): Promise<UpdateUserPayload> {
    return this.revised(await this.users.updateUser(caller, input));
  }

  @Mutation(() => DeleteUserPayload, { description: 'AWS DeleteUser' })
  async deleteUser(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteUserInput,
  ): Promise<DeleteUserPayload> {
    return this.revised(await this.users.deleteUser(caller, input));
  }

  @Mutation(() => TagUserPayload, { description: 'AWS TagUser' })
  async tagUser(
    @Caller() caller: CallerContext,
    @Args('input') input: TagUserInput,
  ): Promise<TagUserPayload> {
    return this.revised(await this.users.tagUser(caller, input));
  }

  @Mutation(() => UntagUserPayload, { description: 'AWS UntagUser' })
  async untagUser(
    @Caller() caller: CallerContext,
    @Args('input') input: UntagUserInput,
  ): Promise<UntagUserPayload> {
    return this.revised(await this.users.untagUser(caller, input));
  }

  @Query(() => ListUserTagsPayload, { description: 'AWS ListUserTags' })
  async listUserTags(
    @Caller() caller: CallerContext,
    @Args('input') input: ListUserTagsInput,
  ): Promise<ListUserTagsPayload> {
    return pageAnswer('tags', await this.users.listUserTags(caller, input), toTagModel);
  }
}
