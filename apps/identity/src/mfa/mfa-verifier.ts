import type { AccountId } from '@iam/common';
import type { SecretBox } from '@iam/service-kit';
import type { EntityManager } from 'typeorm';
import { MfaDeviceRepository } from './mfa-device.repository.js';
import { SIGN_IN_WINDOW_STEPS, seedAssociatedData } from './mfa-rules.js';
import { TOTP_DIGITS, isCodeFormat, matchingSteps, timeStep } from './totp.js';

/**
 * The sign-in port: checks a user's MFA code inside the sign-in's own tenant transaction. Every code is accepted at
 * most once: the highest accepted time step is stored per device and any code of that step or an earlier one is
 * refused, and the device rows are locked FOR UPDATE so that two concurrent sign-ins cannot both use one code.
 */
export class MfaVerifier {
  private readonly devices = new MfaDeviceRepository();

  constructor(private readonly secretBox: SecretBox) {}

  /** Whether the user has at least one enabled (assigned) MFA device. Runs in a tenant transaction tx. */
  async hasEnabledDevice(
    tx: EntityManager,
    accountId: AccountId,
    userId: string,
  ): Promise<boolean> {
    return this.devices.hasAnyForUser(tx, accountId, userId);
  }

  /**
   * Checks `code` against each enabled device of the user (±1 step around `now`, shifted by the drift the last
   * ResyncMFADevice measured, 0 until then), refuses replays (step <= last accepted step of that device), and on
   * success records the step (same tx, row locked FOR UPDATE so two concurrent sign-ins cannot both use one code).
   * Returns the device serial number, or null.
   */
  async verifyAndConsume(
    tx: EntityManager,
    accountId: AccountId,
    userId: string,
    code: string,
    now: Date,
  ): Promise<string | null> {
    if (!isCodeFormat(code, TOTP_DIGITS)) return null;
    const devices = await this.devices.listForUser(tx, accountId, userId, { lock: true });
    for (const device of devices) {
      const center = timeStep(now) + device.driftSteps;
      const seed = this.secretBox.open(
        device.seedSealed,
        seedAssociatedData(device.accountId, device.serialNumber),
      );
      let step: number | undefined;
      try {
        // SECURITY: a step at or before the last accepted one is a replay, even when the code matches.
        step = matchingSteps(
          seed,
          code,
          center - SIGN_IN_WINDOW_STEPS,
          center + SIGN_IN_WINDOW_STEPS,
        ).find((s) => device.lastUsedStep === null || s > device.lastUsedStep);
      } finally {
        seed.fill(0);
      }
      if (step !== undefined) {
        await this.devices.update(tx, { ...device, lastUsedStep: step });
        return device.serialNumber;
      }
    }
    return null;
  }
}
