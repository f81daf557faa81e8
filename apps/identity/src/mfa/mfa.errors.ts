import {
  entityAlreadyExists,
  noSuchEntity,
  valueError,
} from '../principals/errors/error-classes.js';

/**
 * AWS `NoSuchEntity`: no MFA device with that serial number in the account, or (for a user's device operations) not
 * assigned to that user. A serial number of another account answers the same.
 */
export class MfaDeviceNotFoundError extends noSuchEntity('MFA device') {}

/** AWS `EntityAlreadyExists`: virtual MFA device names are unique per account regardless of case. */
export class VirtualMfaDeviceAlreadyExistsError extends entityAlreadyExists('virtual MFA device') {}

/** AWS `EntityAlreadyExists` from EnableMFADevice: the device is already enabled for a user. */
export class MfaDeviceInUseError extends valueError({
  code: 'EntityAlreadyExists',
  category: 'CONFLICT',
  detail: 'serialNumber',
  message: (serialNumber) => `MFA device \`${serialNumber}\` is already in use`,
}) {}

/**
 * AWS `InvalidAuthenticationCode` (HTTP 403): the codes given to EnableMFADevice or ResyncMFADevice are not two
 * consecutive, unused codes of the device. The message never says which code failed or why.
 */
export class InvalidAuthenticationCodeError extends valueError({
  code: 'InvalidAuthenticationCode',
  category: 'FORBIDDEN',
  detail: 'serialNumber',
  message: (serialNumber) =>
    `the authentication codes are not valid for MFA device \`${serialNumber}\``,
}) {}
