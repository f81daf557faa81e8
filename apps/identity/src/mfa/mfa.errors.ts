import { DomainError, EntityAlreadyExistsError, NoSuchEntityError } from '@iam/common';

/**
 * AWS `NoSuchEntity`: no MFA device with that serial number in the account, or (for a user's device operations) not
 * assigned to that user. A serial number of another account answers the same.
 */
export class MfaDeviceNotFoundError extends NoSuchEntityError {
  constructor(serialNumber: string) {
    super('MFA device', serialNumber);
  }
}

/** AWS `EntityAlreadyExists`: virtual MFA device names are unique per account regardless of case. */
export class VirtualMfaDeviceAlreadyExistsError extends EntityAlreadyExistsError {
  constructor(name: string) {
    super('virtual MFA device', name);
  }
}

/** AWS `EntityAlreadyExists` from EnableMFADevice: the device is already enabled for a user. */
export class MfaDeviceInUseError extends DomainError {
  readonly code = 'EntityAlreadyExists';
  readonly category = 'CONFLICT';

  constructor(serialNumber: string) {
    super(`MFA device \`${serialNumber}\` is already in use`, { serialNumber });
  }
}

/**
 * AWS `InvalidAuthenticationCode` (HTTP 403): the codes given to EnableMFADevice or ResyncMFADevice are not two
 * consecutive, unused codes of the device. The message never says which code failed or why.
 */
export class InvalidAuthenticationCodeError extends DomainError {
  readonly code = 'InvalidAuthenticationCode';
  readonly category = 'FORBIDDEN';

  constructor(serialNumber: string) {
    super(`the authentication codes are not valid for MFA device \`${serialNumber}\``, {
      serialNumber,
    });
  }
}
