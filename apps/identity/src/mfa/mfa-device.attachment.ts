import { Outbox } from '@iam/messaging';
import { userAttachment } from '../principals/index.js';
import { MfaDeviceRepository } from './mfa-device.repository.js';
import { virtualMfaDeviceChangedEvent } from './mfa.events.js';
import { deactivate } from './mfa.service.js';

const devices = new MfaDeviceRepository();
const outbox = new Outbox('identity');

/**
 * The MFA devices enabled for a user block DeleteUser (`DeleteConflict`) unless forced. A forced delete deactivates
 * each device and then deletes it (`mfa-device.deactivated.v1`, then `virtual-mfa-device.deleted.v1`).
 *
 * AWS: the console's user deletion removes "any associated MFA device"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_remove.html); deleting the virtual device too
 * leaves no orphaned seed of a departed user at rest, which an administrator could enable for somebody else.
 */
export const MFA_DEVICE_ATTACHMENT = userAttachment(
  'MFA devices',
  devices,
  async (tx, accountId, user, caller, now) => {
    const assigned = await devices.listForUser(tx, accountId, user.userId, { lock: true });
    for (const device of assigned) {
      await deactivate(tx, devices, outbox, device, user, caller, now);
      await devices.delete(tx, device);
      await outbox.append(
        tx,
        virtualMfaDeviceChangedEvent('virtual-mfa-device.deleted.v1', device, caller, now),
      );
    }
  },
);
