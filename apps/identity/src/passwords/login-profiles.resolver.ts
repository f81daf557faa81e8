import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  ChangePasswordInput,
  ChangePasswordPayload,
  CreateLoginProfileInput,
  CreateLoginProfilePayload,
  DeleteLoginProfileInput,
  DeleteLoginProfilePayload,
  GetLoginProfileInput,
  GetLoginProfilePayload,
  UpdateLoginProfileInput,
  UpdateLoginProfilePayload,
} from './dto.js';
import type { LoginProfileView } from './login-profiles.service.js';
import { LoginProfilesService } from './login-profiles.service.js';
import { toLoginProfileModel } from './password.mapper.js';
import { LoginProfileModel } from './password.model.js';

/** GraphQL only: arguments → use case → model. Errors are mapped once, by the subgraph's error formatter. */
@Resolver(() => LoginProfileModel)
export class LoginProfilesResolver {
  constructor(private readonly profiles: LoginProfilesService) {}

  private payload(view: LoginProfileView): { loginProfile: LoginProfileModel } {
    return { loginProfile: toLoginProfileModel(view) };
  }

  @Mutation(() => CreateLoginProfilePayload, { description: 'AWS CreateLoginProfile' })
  async createLoginProfile(
    @Caller() caller: CallerContext,
    @Args('input') input: CreateLoginProfileInput,
  ): Promise<CreateLoginProfilePayload> {
    return this.payload(await this.profiles.createLoginProfile(caller, input));
  }

  @Query(() => GetLoginProfilePayload, { description: 'AWS GetLoginProfile' })
  async getLoginProfile(
    @Caller() caller: CallerContext,
    @Args('input') input: GetLoginProfileInput,
  ): Promise<GetLoginProfilePayload> {
    return this.payload(await this.profiles.getLoginProfile(caller, input));
  }

  @Mutation(() => UpdateLoginProfilePayload, { description: 'AWS UpdateLoginProfile' })
  async updateLoginProfile(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateLoginProfileInput,
  ): Promise<UpdateLoginProfilePayload> {
    return this.payload(await this.profiles.updateLoginProfile(caller, input));
  }

  @Mutation(() => DeleteLoginProfilePayload, { description: 'AWS DeleteLoginProfile' })
  async deleteLoginProfile(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteLoginProfileInput,
  ): Promise<DeleteLoginProfilePayload> {
    return this.payload(await this.profiles.deleteLoginProfile(caller, input));
  }

  @Mutation(() => ChangePasswordPayload, {
    description: "AWS ChangePassword: the calling IAM user's own password",
  })
  async changePassword(
    @Caller() caller: CallerContext,
    @Args('input') input: ChangePasswordInput,
  ): Promise<ChangePasswordPayload> {
    return this.payload(await this.profiles.changePassword(caller, input));
  }
}
