import { toTagModel } from '../principals/graphql/index.js';
import { toUserModel } from '../users/user.mapper.js';
import type { UserEntity } from '../users/user.entity.js';
import type { MfaDeviceEntity } from './mfa-device.entity.js';
import type { MfaDeviceModel, VirtualMfaDeviceModel } from './mfa.model.js';

/** Entity → GraphQL model (never the sealed seed or the counters). */
export function toVirtualMfaDeviceModel(
  device: MfaDeviceEntity,
  partition: string,
): VirtualMfaDeviceModel {
  return {
    serialNumber: device.serialNumber,
    virtualMfaDeviceName: device.deviceName,
    path: device.path,
    enableDate: device.enabledAt,
    user: device.user ? toUserModel(device.user, partition) : null,
    createDate: device.createdAt,
    tags: device.tags.map(toTagModel),
  };
}

/** A device of a user → AWS MFADevice. */
export function toMfaDeviceModel(device: MfaDeviceEntity, user: UserEntity): MfaDeviceModel {
  return {
    userName: user.userName,
    serialNumber: device.serialNumber,
    // Only enabled devices are MFADevices; a deactivation answers with the assignment that ended.
    enableDate: device.enabledAt ?? device.createdAt,
  };
}
