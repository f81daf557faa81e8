import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { TagInput, TagModel } from '../users/index.js';
import type { AssignmentStatus } from './mfa-device.repository.js';
import { AssignmentStatusValues, MfaDeviceModel, VirtualMfaDeviceModel } from './mfa.model.js';

const ACCOUNT_ID = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

const CODE = { description: 'six digits from the device' } as const;

@InputType()
export class CreateVirtualMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

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
export class EnableMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { description: 'the device ARN' })
  serialNumber!: string;

  @Field(() => String, CODE)
  authenticationCode1!: string;

  @Field(() => String, { description: 'the code that follows `authenticationCode1`' })
  authenticationCode2!: string;
}

@ObjectType()
export class EnableMfaDevicePayload {
  @Field(() => MfaDeviceModel)
  mfaDevice!: MfaDeviceModel;
}

@InputType()
export class ResyncMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String)
  serialNumber!: string;

  @Field(() => String, CODE)
  authenticationCode1!: string;

  @Field(() => String, { description: 'the code that follows `authenticationCode1`' })
  authenticationCode2!: string;
}

@ObjectType()
export class ResyncMfaDevicePayload {
  @Field(() => MfaDeviceModel)
  mfaDevice!: MfaDeviceModel;
}

@InputType()
export class DeactivateMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String)
  serialNumber!: string;
}

@ObjectType()
export class DeactivateMfaDevicePayload {
  @Field(() => MfaDeviceModel, { description: 'the assignment that ended' })
  mfaDevice!: MfaDeviceModel;
}

@InputType()
export class DeleteVirtualMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  serialNumber!: string;
}

@ObjectType()
export class DeleteVirtualMfaDevicePayload {
  @Field(() => VirtualMfaDeviceModel, { description: 'the last state of the deleted device' })
  virtualMfaDevice!: VirtualMfaDeviceModel;
}

@InputType()
export class ListMfaDevicesInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'default: the calling IAM user (other callers must name the user)',
  })
  userName?: string | null;

  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;
}

@ObjectType()
export class ListMfaDevicesPayload {
  @Field(() => [MfaDeviceModel])
  mfaDevices!: MfaDeviceModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class ListVirtualMfaDevicesInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => AssignmentStatusValues, { nullable: true, description: 'default `Any`' })
  assignmentStatus?: AssignmentStatus | null;

  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;
}

@ObjectType()
export class ListVirtualMfaDevicesPayload {
  @Field(() => [VirtualMfaDeviceModel])
  virtualMfaDevices!: VirtualMfaDeviceModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class TagMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, { description: 'the device ARN' })
  serialNumber!: string;

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
export class UntagMfaDeviceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, { description: 'the device ARN' })
  serialNumber!: string;

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
export class ListMfaDeviceTagsInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, { description: 'the device ARN' })
  serialNumber!: string;

  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;
}

@ObjectType()
export class ListMfaDeviceTagsPayload {
  @Field(() => [TagModel])
  tags!: TagModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}
