import { Field, InputType, ObjectType } from '@nestjs/graphql';
import {
  AccountScopedInput,
  MarkerField,
  MaxItemsField,
  PAGE_DOCS,
  PagedPayload,
  TagInput,
  UserNameInput,
} from '../principals/graphql/index.js';
import { TagPagePayload } from '../principals/graphql/tag.model.js';
import type { AssignmentStatus } from './mfa-device.repository.js';
import { AssignmentStatusValues, MfaDeviceModel, VirtualMfaDeviceModel } from './mfa.model.js';

/** An operation on one device by its serial number (the device ARN). */
@InputType({ isAbstract: true })
abstract class SerialNumberInput extends AccountScopedInput {
  @Field(() => String, { description: 'the device ARN' })
  serialNumber!: string;
}

/** An operation on a user's device: which user, which device. */
@InputType({ isAbstract: true })
abstract class UserDeviceInput extends UserNameInput {
  @Field(() => String)
  serialNumber!: string;
}

/** The two consecutive codes that prove a device (EnableMFADevice, ResyncMFADevice). */
@InputType({ isAbstract: true })
abstract class AuthenticationCodesInput extends UserDeviceInput {
  @Field(() => String, { description: 'six digits from the device' })
  authenticationCode1!: string;

  @Field(() => String, { description: 'the code that follows `authenticationCode1`' })
  authenticationCode2!: string;
}

/** The answer of an operation on a user's device assignment. */
@ObjectType({ isAbstract: true })
abstract class MfaDevicePayload {
  @Field(() => MfaDeviceModel)
  mfaDevice!: MfaDeviceModel;
}

@InputType()
export class CreateVirtualMfaDeviceInput extends AccountScopedInput {
  @Field(() => String)
  virtualMfaDeviceName!: string;

  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ObjectType()
export class CreateVirtualMfaDevicePayload {
  @Field(() => VirtualMfaDeviceModel)
  virtualMfaDevice!: VirtualMfaDeviceModel;

  @Field(() => String, {
    description:
      'the seed, RFC 4648 base32 without padding: returned by this call only, never again',
  })
  base32StringSeed!: string;

  @Field(() => String, {
    description: 'the `otpauth://totp/...` URI authenticator apps scan: returned by this call only',
  })
  otpauthUri!: string;

  @Field(() => String, {
    description: 'a PNG image (base64) of a QR code of `otpauthUri`: returned by this call only',
  })
  qrCodePng!: string;
}

@InputType()
export class EnableMfaDeviceInput extends AuthenticationCodesInput {
  // Declared again only to describe it; an inherited field keeps its place in the input.
  @Field(() => String, { description: 'the device ARN' })
  override serialNumber!: string;
}

@ObjectType()
export class EnableMfaDevicePayload extends MfaDevicePayload {}

@InputType()
export class ResyncMfaDeviceInput extends AuthenticationCodesInput {}

@ObjectType()
export class ResyncMfaDevicePayload extends MfaDevicePayload {}

@InputType()
export class DeactivateMfaDeviceInput extends UserDeviceInput {}

@ObjectType()
export class DeactivateMfaDevicePayload {
  @Field(() => MfaDeviceModel, { description: 'the assignment that ended' })
  mfaDevice!: MfaDeviceModel;
}

@InputType()
export class DeleteVirtualMfaDeviceInput extends AccountScopedInput {
  @Field(() => String)
  serialNumber!: string;
}

@ObjectType()
export class DeleteVirtualMfaDevicePayload {
  @Field(() => VirtualMfaDeviceModel, { description: 'the last state of the deleted device' })
  virtualMfaDevice!: VirtualMfaDeviceModel;
}

@InputType()
export class ListMfaDevicesInput extends AccountScopedInput {
  @Field(() => String, {
    nullable: true,
    description: 'default: the calling IAM user (other callers must name the user)',
  })
  userName?: string | null;

  @MarkerField(PAGE_DOCS.marker)
  marker?: string | null;

  @MaxItemsField(PAGE_DOCS.maxItems)
  maxItems?: number | null;
}

@ObjectType()
export class ListMfaDevicesPayload extends PagedPayload('mfaDevices', MfaDeviceModel) {}

@InputType()
export class ListVirtualMfaDevicesInput extends AccountScopedInput {
  @Field(() => AssignmentStatusValues, { nullable: true, description: 'default `Any`' })
  assignmentStatus?: AssignmentStatus | null;

  @MarkerField(PAGE_DOCS.marker)
  marker?: string | null;

  @MaxItemsField(PAGE_DOCS.maxItems)
  maxItems?: number | null;
}

@ObjectType()
export class ListVirtualMfaDevicesPayload extends PagedPayload(
  'virtualMfaDevices',
  VirtualMfaDeviceModel,
) {}

@InputType()
export class TagMfaDeviceInput extends SerialNumberInput {
  @Field(() => [TagInput], {
    description: 'replaces the value of a key already present (keys ignore case); at most 50 tags',
  })
  tags!: TagInput[];
}

@ObjectType()
export class TagMfaDevicePayload {
  @Field(() => VirtualMfaDeviceModel, { description: 'the device with every tag' })
  virtualMfaDevice!: VirtualMfaDeviceModel;
}

@InputType()
export class UntagMfaDeviceInput extends SerialNumberInput {
  @Field(() => [String], {
    description: 'keys to remove (ignoring case); unknown keys are ignored',
  })
  tagKeys!: string[];
}

@ObjectType()
export class UntagMfaDevicePayload {
  @Field(() => VirtualMfaDeviceModel, { description: 'the device with the tags left' })
  virtualMfaDevice!: VirtualMfaDeviceModel;
}

@InputType()
export class ListMfaDeviceTagsInput extends SerialNumberInput {
  @MarkerField(PAGE_DOCS.marker)
  marker?: string | null;

  @MaxItemsField(PAGE_DOCS.maxItems)
  maxItems?: number | null;
}

@ObjectType()
export class ListMfaDeviceTagsPayload extends TagPagePayload {}
