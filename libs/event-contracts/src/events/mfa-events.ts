import type { EventEnvelope } from '../envelope.js';
import type { EventMeta } from './identity-envelope.js';
import { identityEnvelope } from './identity-envelope.js';
import type { TagPayload } from './principal-events.js';

// SECURITY: MFA events describe devices and assignments only. The seed, codes and time-step counters never
// appear in them (the outbox's no-secrets check rejects any key containing `seed`, `secret`, `token`, ...).

/** The public state of a virtual MFA device carried by `virtual-mfa-device.*` events. */
export interface VirtualMfaDevicePayload {
  readonly accountId: string;
  /** The device ARN, `arn:<partition>:iam::<account>:mfa/<path><name>`. */
  readonly serialNumber: string;
  readonly virtualMfaDeviceName: string;
  readonly path: string;
  readonly createdAt: string;
  readonly tags: readonly TagPayload[];
}

/** Which user an MFA device is (or was) assigned to, carried by `mfa-device.*` events. */
export interface MfaDeviceAssignmentPayload {
  readonly accountId: string;
  readonly serialNumber: string;
  readonly userId: string;
  readonly userName: string;
  /** When the device was enabled for the user (also on deactivation: the assignment that ended). */
  readonly enabledAt: string;
}

/** Virtual MFA device lifecycle and tag changes on `iam.identity.mfa-device` (tag events carry every tag). */
export type VirtualMfaDeviceEventType =
  | 'virtual-mfa-device.created.v1'
  | 'virtual-mfa-device.deleted.v1'
  | 'virtual-mfa-device.tagged.v1'
  | 'virtual-mfa-device.untagged.v1';

/** MFA device assignment changes on `iam.identity.mfa-device`. */
export type MfaDeviceEventType =
  'mfa-device.enabled.v1' | 'mfa-device.deactivated.v1' | 'mfa-device.resynced.v1';

/** A virtual MFA device event envelope. */
export type VirtualMfaDeviceEvent = EventEnvelope<
  VirtualMfaDeviceEventType,
  VirtualMfaDevicePayload
>;
/** An MFA device assignment event envelope. */
export type MfaDeviceEvent = EventEnvelope<MfaDeviceEventType, MfaDeviceAssignmentPayload>;

function envelope<
  TType extends string,
  TPayload extends { accountId: string; serialNumber: string },
>(type: TType, meta: EventMeta, payload: TPayload): EventEnvelope<TType, TPayload> {
  // One aggregate (and topic) for both families, keyed by the serial number: a device's creation, assignments and
  // deletion stay in order.
  return identityEnvelope(type, 'mfa-device', payload.serialNumber, meta, payload);
}

/** Builds a virtual MFA device event (aggregate id: the serial number). */
export function virtualMfaDeviceEvent(
  type: VirtualMfaDeviceEventType,
  meta: EventMeta,
  device: VirtualMfaDevicePayload,
): VirtualMfaDeviceEvent {
  return envelope(type, meta, device);
}

/** Builds an MFA device assignment event (aggregate id: the serial number). */
export function mfaDeviceEvent(
  type: MfaDeviceEventType,
  meta: EventMeta,
  assignment: MfaDeviceAssignmentPayload,
): MfaDeviceEvent {
  return envelope(type, meta, assignment);
}
