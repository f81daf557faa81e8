import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TagModel, UserModel } from '../users/index.js';

/** AWS AssignmentStatus of ListVirtualMFADevices (GraphQL needs an enum object). */
export const AssignmentStatusValues = {
  Assigned: 'Assigned',
  Unassigned: 'Unassigned',
  Any: 'Any',
} as const;

registerEnumType(AssignmentStatusValues, {
  name: 'AssignmentStatus',
  description: 'which virtual MFA devices to list',
});

/** A virtual MFA device (AWS VirtualMFADevice) without its seed: the seed is only in the creation's answer. */
@ObjectType('VirtualMfaDevice')
export class VirtualMfaDeviceModel {
  @Field(() => String, { description: 'the device ARN' })
  serialNumber!: string;

  @Field(() => String)
  virtualMfaDeviceName!: string;

  @Field(() => String)
  path!: string;

  @Field(() => Date, { nullable: true, description: 'when it was enabled for its user' })
  enableDate!: Date | null;

  @Field(() => UserModel, { nullable: true, description: 'the user it is enabled for' })
  user!: UserModel | null;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => [TagModel])
  tags!: TagModel[];
}

/** An MFA device enabled for a user (AWS MFADevice). */
@ObjectType('MfaDevice')
export class MfaDeviceModel {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  serialNumber!: string;

  @Field(() => Date)
  enableDate!: Date;
}
