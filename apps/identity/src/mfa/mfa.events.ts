import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type {
  EventEnvelope,
  MfaDeviceEventType,
  VirtualMfaDeviceEventType,
} from '@iam/event-contracts';
import { mfaDeviceEvent, virtualMfaDeviceEvent } from '@iam/event-contracts';
import { actorOf } from '../principals/index.js';
import type { UserEntity } from '../users/index.js';
import type { MfaDeviceEntity } from './mfa-device.entity.js';

// SECURITY: only public device state; the sealed seed, codes and step counters never leave the table.

/** A `virtual-mfa-device.*` event for a device's public state. */
export function virtualMfaDeviceChangedEvent(
  type: VirtualMfaDeviceEventType,
  device: MfaDeviceEntity,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return virtualMfaDeviceEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
      accountId: device.accountId,
      serialNumber: device.serialNumber,
      virtualMfaDeviceName: device.deviceName,
      path: device.path,
      createdAt: device.createdAt.toISOString(),
      tags: device.tags.map((t) => ({ key: t.key, value: t.value })),
    },
  );
}

/** An `mfa-device.*` event: which device, which user, since when. */
export function mfaAssignmentEvent(
  type: MfaDeviceEventType,
  device: MfaDeviceEntity,
  user: UserEntity,
  enabledAt: Date,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return mfaDeviceEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
      accountId: device.accountId,
      serialNumber: device.serialNumber,
      userId: user.userId,
      userName: user.userName,
      enabledAt: enabledAt.toISOString(),
    },
  );
}
