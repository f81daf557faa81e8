import { mfaDeviceEvent, virtualMfaDeviceEvent } from '@iam/event-contracts';
import { changeEventBuilder } from '../principals/events/change-event.js';
import type { UserEntity } from '../users/user.entity.js';
import type { MfaDeviceEntity } from './mfa-device.entity.js';

// SECURITY: only public device state; the sealed seed, codes and step counters never leave the table.

/** A `virtual-mfa-device.*` event for a device's public state. */
export const virtualMfaDeviceChangedEvent = changeEventBuilder(
  virtualMfaDeviceEvent,
  (device: MfaDeviceEntity) => ({
    accountId: device.accountId,
    serialNumber: device.serialNumber,
    virtualMfaDeviceName: device.deviceName,
    path: device.path,
    createdAt: device.createdAt.toISOString(),
    tags: device.tags.map((t) => ({ key: t.key, value: t.value })),
  }),
);

/** An `mfa-device.*` event: which device, which user, since when. */
export const mfaAssignmentEvent = changeEventBuilder(
  mfaDeviceEvent,
  (device: MfaDeviceEntity, user: UserEntity, enabledAt: Date) => ({
    accountId: device.accountId,
    serialNumber: device.serialNumber,
    userId: user.userId,
    userName: user.userName,
    enabledAt: enabledAt.toISOString(),
  }),
);
