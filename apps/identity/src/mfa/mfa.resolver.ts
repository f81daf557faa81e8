import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { IdentitySettings } from '../identity-settings.js';
import { pageAnswer, toTagModel } from '../principals/graphql/index.js';
import {
  CreateVirtualMfaDeviceInput,
  CreateVirtualMfaDevicePayload,
  DeactivateMfaDeviceInput,
  DeactivateMfaDevicePayload,
  DeleteVirtualMfaDeviceInput,
  DeleteVirtualMfaDevicePayload,
  EnableMfaDeviceInput,
  EnableMfaDevicePayload,
  ListMfaDeviceTagsInput,
  ListMfaDeviceTagsPayload,
  ListMfaDevicesInput,
  ListMfaDevicesPayload,
  ListVirtualMfaDevicesInput,
  ListVirtualMfaDevicesPayload,
  ResyncMfaDeviceInput,
  ResyncMfaDevicePayload,
  TagMfaDeviceInput,
  TagMfaDevicePayload,
  UntagMfaDeviceInput,
  UntagMfaDevicePayload,
} from './dto.js';
import { toMfaDeviceModel, toVirtualMfaDeviceModel } from './mfa.mapper.js';
import { VirtualMfaDeviceModel } from './mfa.model.js';
import type { UserMfaDevice } from './mfa.service.js';
import { MfaService } from './mfa.service.js';

/** GraphQL only: arguments → use case → model. Errors are mapped once, by the subgraph's error formatter. */
@Resolver(() => VirtualMfaDeviceModel)
export class MfaResolver {
  constructor(
    private readonly mfa: MfaService,
    private readonly settings: IdentitySettings,
  ) {}

  private assignment({ device, user }: UserMfaDevice) {
    return { mfaDevice: toMfaDeviceModel(device, user) };
  }

  @Mutation(() => CreateVirtualMfaDevicePayload, { description: 'AWS CreateVirtualMFADevice' })
  async createVirtualMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: CreateVirtualMfaDeviceInput,
  ): Promise<CreateVirtualMfaDevicePayload> {
    const created = await this.mfa.createVirtualMfaDevice(caller, input);
    return {
      virtualMfaDevice: toVirtualMfaDeviceModel(created.device, this.settings.partition),
      base32StringSeed: created.base32StringSeed,
      otpauthUri: created.otpauthUri,
      qrCodePng: created.qrCodePng.toString('base64'),
    };
  }

  @Mutation(() => EnableMfaDevicePayload, { description: 'AWS EnableMFADevice' })
  async enableMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: EnableMfaDeviceInput,
  ): Promise<EnableMfaDevicePayload> {
    return this.assignment(await this.mfa.enableMfaDevice(caller, input));
  }

  @Mutation(() => ResyncMfaDevicePayload, { description: 'AWS ResyncMFADevice' })
  async resyncMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: ResyncMfaDeviceInput,
  ): Promise<ResyncMfaDevicePayload> {
    return this.assignment(await this.mfa.resyncMfaDevice(caller, input));
  }

  @Mutation(() => DeactivateMfaDevicePayload, { description: 'AWS DeactivateMFADevice' })
  async deactivateMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: DeactivateMfaDeviceInput,
  ): Promise<DeactivateMfaDevicePayload> {
    return this.assignment(await this.mfa.deactivateMfaDevice(caller, input));
  }

  @Mutation(() => DeleteVirtualMfaDevicePayload, { description: 'AWS DeleteVirtualMFADevice' })
  async deleteVirtualMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: DeleteVirtualMfaDeviceInput,
  ): Promise<DeleteVirtualMfaDevicePayload> {
    const device = await this.mfa.deleteVirtualMfaDevice(caller, input);
    return { virtualMfaDevice: toVirtualMfaDeviceModel(device, this.settings.partition) };
  }

  @Query(() => ListMfaDevicesPayload, { description: 'AWS ListMFADevices' })
  async listMfaDevices(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListMfaDevicesInput, nullable: true })
    input: ListMfaDevicesInput | null,
  ): Promise<ListMfaDevicesPayload> {
    const page = await this.mfa.listMfaDevices(caller, input ?? {});
    return pageAnswer('mfaDevices', page, ({ device, user }) => toMfaDeviceModel(device, user));
  }

  @Query(() => ListVirtualMfaDevicesPayload, { description: 'AWS ListVirtualMFADevices' })
  async listVirtualMfaDevices(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListVirtualMfaDevicesInput, nullable: true })
    input: ListVirtualMfaDevicesInput | null,
  ): Promise<ListVirtualMfaDevicesPayload> {
    const page = await this.mfa.listVirtualMfaDevices(caller, input ?? {});
    return pageAnswer('virtualMfaDevices', page, (d) =>
      toVirtualMfaDeviceModel(d, this.settings.partition),
    );
  }

  @Mutation(() => TagMfaDevicePayload, { description: 'AWS TagMFADevice' })
  async tagMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: TagMfaDeviceInput,
  ): Promise<TagMfaDevicePayload> {
    const device = await this.mfa.tagMfaDevice(caller, input);
    return { virtualMfaDevice: toVirtualMfaDeviceModel(device, this.settings.partition) };
  }

  @Mutation(() => UntagMfaDevicePayload, { description: 'AWS UntagMFADevice' })
  async untagMfaDevice(
    @Caller() caller: CallerContext,
    @Args('input') input: UntagMfaDeviceInput,
  ): Promise<UntagMfaDevicePayload> {
    const device = await this.mfa.untagMfaDevice(caller, input);
    return { virtualMfaDevice: toVirtualMfaDeviceModel(device, this.settings.partition) };
  }

  @Query(() => ListMfaDeviceTagsPayload, { description: 'AWS ListMFADeviceTags' })
  async listMfaDeviceTags(
    @Caller() caller: CallerContext,
    @Args('input') input: ListMfaDeviceTagsInput,
  ): Promise<ListMfaDeviceTagsPayload> {
    return pageAnswer('tags', await this.mfa.listMfaDeviceTags(caller, input), toTagModel);
  }
}
