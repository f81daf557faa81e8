import { IAM_NAME_MAX_LENGTH, InvalidInputError, isIamName } from '@iam/common';
import { TOTP_DIGITS, isCodeFormat } from './totp.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html (VirtualMFADeviceName)
// and API_EnableMFADevice.html (SerialNumber, AuthenticationCode1/2).
const MAX_DEVICE_NAME_LENGTH = IAM_NAME_MAX_LENGTH.mfa;
const SERIAL_PATTERN = /^[\w+=/:,.@-]+$/;

/** AWS: a user can have at most 8 MFA devices, of any kind, enabled at once. */
export const MAX_MFA_DEVICES_PER_USER = 8;
/** Sign-in accepts the code of the current step and of one step either side (clock skew, typing time). */
export const SIGN_IN_WINDOW_STEPS = 1;
/**
 * AWS accepts EnableMFADevice/ResyncMFADevice codes that were generated some minutes ago (the call may come well
 * after the codes were read); both calls search 10 steps (5 minutes) either side of now.
 */
export const ENABLE_WINDOW_STEPS = 10;
export const RESYNC_WINDOW_STEPS = 10;
/** Random bytes of a new seed (RFC 4226 recommends 160 bits; 32 base32 characters, like AWS's). */
export const SEED_BYTES = 20;

/** Checks a virtual MFA device name: `InvalidInput` outside AWS's pattern and length. */
export function checkDeviceName(name: string): string {
  if (!isIamName('mfa', name)) {
    throw new InvalidInputError(
      `virtual MFA device name \`${name}\` must be 1 to ${MAX_DEVICE_NAME_LENGTH} letters, digits and characters from \`+=,.@_-\``,
      { virtualMfaDeviceName: name },
    );
  }
  return name;
}

/** Checks a serial number (9 to 256 characters of AWS's set); the serial of a virtual device is its ARN. */
export function checkSerialNumber(serialNumber: string): string {
  if (serialNumber.length < 9 || serialNumber.length > 256 || !SERIAL_PATTERN.test(serialNumber)) {
    throw new InvalidInputError(
      'serial number must be 9 to 256 letters, digits and characters from `+=/:,.@_-`',
    );
  }
  return serialNumber;
}

/** Checks an authentication code's format (six digits); the value itself is never echoed. */
export function checkCode(code: string, parameter: string): string {
  if (!isCodeFormat(code, TOTP_DIGITS)) {
    throw new InvalidInputError(`${parameter} must be a string of ${TOTP_DIGITS} digits`);
  }
  return code;
}

/** `arn:<partition>:iam::<account>:mfa/<path without leading slash><name>`: the serial of a virtual device. */
export function mfaArn(partition: string, accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:mfa${path}${name}`;
}

/** The associated data that binds a sealed seed to its row: a sealed value copied elsewhere does not open. */
export function seedAssociatedData(accountId: string, serialNumber: string): string {
  return `mfa-seed:${accountId}:${serialNumber}`;
}
