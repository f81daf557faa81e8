import { randomBytes } from 'node:crypto';
import type { AccountId, CallerContext } from '@iam/common';
import {
  DeleteConflictError,
  InvalidInputError,
  LimitExceededError,
  iamUserName,
} from '@iam/common';
import type { SecretBox } from '@iam/service-kit';
import type { EntityManager } from 'typeorm';
import { targetAccount } from '@iam/authorization';
import { authorizeExisting } from '../authorization/index.js';
import {
  checkPath,
  checkTags,
  decodeMarker,
  mergeTags,
  pageSize,
  removeTags,
  ExistingPrincipals,
  lockQuota,
  write,
  listTags,
  toPage,
} from '../principals/index.js';
import type { StoredTag, UserEntity } from '../users/index.js';
import { UserNotFoundError, UserRepository } from '../users/index.js';
import type {
  AccountScoped,
  Page,
  PrincipalAccess,
  PrincipalServiceDeps,
} from '../principals/index.js';
import { encodeBase32 } from './base32.js';
import type { AssignmentStatus } from './mfa-device.repository.js';
import { MfaDeviceRepository } from './mfa-device.repository.js';
import type { MfaDeviceEntity } from './mfa-device.entity.js';
import {
  InvalidAuthenticationCodeError,
  MfaDeviceInUseError,
  MfaDeviceNotFoundError,
  VirtualMfaDeviceAlreadyExistsError,
} from './mfa.errors.js';
import { mfaAssignmentEvent, virtualMfaDeviceChangedEvent } from './mfa.events.js';
import {
  ENABLE_WINDOW_STEPS,
  MAX_MFA_DEVICES_PER_USER,
  RESYNC_WINDOW_STEPS,
  SEED_BYTES,
  checkCode,
  checkDeviceName,
  checkSerialNumber,
  mfaArn,
  seedAssociatedData,
} from './mfa-rules.js';
import { otpauthUri } from './otpauth-uri.js';
import { qrCodePng } from './qr-code.js';
import { consecutiveStep, timeStep } from './totp.js';

/** What CreateVirtualMFADevice returns: the device and, this once only, its seed in three forms. */
export interface CreatedVirtualMfaDevice {
  readonly device: MfaDeviceEntity;
  /** RFC 4648 base32, unpadded (AWS Base32StringSeed). */
  readonly base32StringSeed: string;
  readonly otpauthUri: string;
  /** A PNG image of a QR code of `otpauthUri` (AWS QRCodePNG). */
  readonly qrCodePng: Buffer;
}

/** An MFA device of a user with that user (AWS MFADevice). */
export interface UserMfaDevice {
  readonly device: MfaDeviceEntity;
  readonly user: UserEntity;
}

/**
 * Virtual MFA devices (AWS CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice, DeactivateMFADevice,
 * DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices, TagMFADevice, UntagMFADevice, ListMFADeviceTags):
 * authorize against the ARN computed from the input,
 * validate, one tenant transaction, outbox. The seed is sealed at rest and leaves the service only in the answer to
 * the creation.
 */
export class MfaService {
  private readonly existingUsers: ExistingPrincipals<UserEntity>;

  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly secretBox: SecretBox,
    private readonly devices: MfaDeviceRepository = new MfaDeviceRepository(),
    users: UserRepository = new UserRepository(),
  ) {
    this.existingUsers = new ExistingPrincipals(deps, users, (name) => new UserNotFoundError(name));
  }

  // AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
  // CreateVirtualMFADevice, DeleteVirtualMFADevice, TagMFADevice, UntagMFADevice and ListMFADeviceTags act on the
  // `mfa` resource; EnableMFADevice,
  // ResyncMFADevice, DeactivateMFADevice and ListMFADevices on the `user` resource.

  /** The `mfa` resource a serial number names: itself when it is an ARN, else a device name in the account. */
  private serialResource(accountId: string, serialNumber: string): string {
    return serialNumber.startsWith('arn:')
      ? serialNumber
      : mfaArn(this.deps.partition, accountId, '/', serialNumber);
  }

  async createVirtualMfaDevice(
    caller: CallerContext,
    input: AccountScoped & {
      virtualMfaDeviceName: string;
      path?: string | null;
      tags?: StoredTag[] | null;
    },
  ): Promise<CreatedVirtualMfaDevice> {
    const accountId = targetAccount(caller, input.accountId);
    const path = checkPath(input.path);
    const serialNumber = mfaArn(this.deps.partition, accountId, path, input.virtualMfaDeviceName);
    await this.deps.authorizer.require(
      caller,
      'iam:CreateVirtualMFADevice',
      serialNumber,
      accountId,
    );
    const name = checkDeviceName(input.virtualMfaDeviceName);
    const tags = checkTags(input.tags);
    const now = this.deps.now();
    const seed = randomBytes(SEED_BYTES);
    try {
      const device: MfaDeviceEntity = {
        serialNumber,
        accountId,
        deviceName: name,
        path,
        seedSealed: this.secretBox.seal(seed, seedAssociatedData(accountId, serialNumber)),
        userId: null,
        enabledAt: null,
        lastUsedStep: null,
        driftSteps: 0,
        tags,
        createdAt: now,
      };
      const alias = await this.write(accountId, name, async (tx) => {
        const accountAlias = await this.requireDeviceQuota(tx, accountId);
        if (await this.devices.findByName(tx, accountId, name)) {
          throw new VirtualMfaDeviceAlreadyExistsError(name);
        }
        await this.devices.insert(tx, device);
        await this.deps.outbox.append(
          tx,
          virtualMfaDeviceChangedEvent('virtual-mfa-device.created.v1', device, caller, now),
        );
        return accountAlias;
      });
      const base32StringSeed = encodeBase32(seed);
      const uri = otpauthUri({
        issuer: alias ?? accountId,
        accountName: name,
        secretBase32: base32StringSeed,
      });
      return { device, base32StringSeed, otpauthUri: uri, qrCodePng: await qrCodePng(uri) };
    } finally {
      seed.fill(0);
    }
  }

  /** AWS EnableMFADevice: assigns an unassigned device to a user after two consecutive codes. */
  async enableMfaDevice(caller: CallerContext, input: TwoCodesInput): Promise<UserMfaDevice> {
    const accountId = targetAccount(caller, input.accountId);
    const { serialNumber, code1, code2 } = checkTwoCodes(input);
    return this.write(accountId, null, async (tx) => {
      const user = await this.existingUser(tx, accountId, input.userName, true, {
        caller,
        action: 'iam:EnableMFADevice',
      });
      const device = await this.devices.findBySerial(tx, accountId, serialNumber, true);
      if (!device) throw new MfaDeviceNotFoundError(serialNumber);
      if (device.userId !== null) throw new MfaDeviceInUseError(serialNumber);
      const enabled = await this.devices.countForUser(tx, accountId, user.userId);
      if (enabled >= MAX_MFA_DEVICES_PER_USER) {
        throw new LimitExceededError(
          `user \`${user.userName}\` may have at most ${MAX_MFA_DEVICES_PER_USER} MFA devices`,
          { quota: 'mfaDevicesPerUser', limit: MAX_MFA_DEVICES_PER_USER },
        );
      }
      const now = this.deps.now();
      const step = this.checkCodes(device, code1, code2, timeStep(now), ENABLE_WINDOW_STEPS);
      const next: MfaDeviceEntity = {
        ...device,
        userId: user.userId,
        enabledAt: now,
        lastUsedStep: step,
        driftSteps: 0,
      };
      await this.devices.update(tx, next);
      await this.deps.outbox.append(
        tx,
        mfaAssignmentEvent('mfa-device.enabled.v1', next, user, now, caller, now),
      );
      return { device: next, user };
    });
  }

  /**
   * AWS ResyncMFADevice: two consecutive codes within 10 steps of now measure how far the device's clock is off;
   * sign-in then looks around now plus that drift.
   */
  async resyncMfaDevice(caller: CallerContext, input: TwoCodesInput): Promise<UserMfaDevice> {
    const accountId = targetAccount(caller, input.accountId);
    const { serialNumber, code1, code2 } = checkTwoCodes(input);
    return this.withAssignedDevice(
      caller,
      accountId,
      input.userName,
      serialNumber,
      'iam:ResyncMFADevice',
      async (tx, user, device) => {
        const now = this.deps.now();
        const current = timeStep(now);
        const step = this.checkCodes(device, code1, code2, current, RESYNC_WINDOW_STEPS);
        const next: MfaDeviceEntity = { ...device, lastUsedStep: step, driftSteps: step - current };
        await this.devices.update(tx, next);
        await this.deps.outbox.append(
          tx,
          mfaAssignmentEvent(
            'mfa-device.resynced.v1',
            next,
            user,
            device.enabledAt ?? now,
            caller,
            now,
          ),
        );
        return { device: next, user };
      },
    );
  }

  /** AWS DeactivateMFADevice: the device stays in the account, unassigned, and can be enabled again or deleted. */
  async deactivateMfaDevice(
    caller: CallerContext,
    input: AccountScoped & { userName: string; serialNumber: string },
  ): Promise<UserMfaDevice> {
    const accountId = targetAccount(caller, input.accountId);
    const serialNumber = checkSerialNumber(input.serialNumber);
    return this.withAssignedDevice(
      caller,
      accountId,
      input.userName,
      serialNumber,
      'iam:DeactivateMFADevice',
      async (tx, user, device) => {
        const now = this.deps.now();
        await deactivate(tx, this.devices, this.deps.outbox, device, user, caller, now);
        // The assignment that ended (its enable date), not the unassigned row.
        return { device, user };
      },
    );
  }

  /** AWS DeleteVirtualMFADevice: `DeleteConflict` while the device is enabled for a user. */
  async deleteVirtualMfaDevice(
    caller: CallerContext,
    input: AccountScoped & { serialNumber: string },
  ): Promise<MfaDeviceEntity> {
    const accountId = targetAccount(caller, input.accountId);
    await this.deps.authorizer.require(
      caller,
      'iam:DeleteVirtualMFADevice',
      this.serialResource(accountId, input.serialNumber),
      accountId,
    );
    const serialNumber = checkSerialNumber(input.serialNumber);
    return this.write(accountId, null, async (tx) => {
      const device = await this.devices.findBySerial(tx, accountId, serialNumber, true);
      if (!device) throw new MfaDeviceNotFoundError(serialNumber);
      if (device.userId !== null) {
        throw new DeleteConflictError(
          `MFA device \`${serialNumber}\` is enabled for a user; deactivate it first`,
          { serialNumber },
        );
      }
      await this.devices.delete(tx, device);
      await this.deps.outbox.append(
        tx,
        virtualMfaDeviceChangedEvent(
          'virtual-mfa-device.deleted.v1',
          device,
          caller,
          this.deps.now(),
        ),
      );
      return device;
    });
  }

  /**
   * AWS ListMFADevices: the devices enabled for a user, by serial number. Without `userName` an IAM user caller
   * lists its own (AWS infers the user from the request's credentials); any other caller must name the user.
   */
  async listMfaDevices(
    caller: CallerContext,
    input: AccountScoped & {
      userName?: string | null;
      marker?: string | null;
      maxItems?: number | null;
    },
  ): Promise<Page<UserMfaDevice>> {
    const accountId = targetAccount(caller, input.accountId);
    const self = callerUser(caller, accountId);
    const userName = input.userName ?? self?.userName;
    if (userName === undefined) {
      throw new InvalidInputError('userName is required unless the caller is an IAM user');
    }
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const user = await this.existingUser(tx, accountId, userName, false, {
        caller,
        action: 'iam:ListMFADevices',
      });
      const rows = await this.devices.listForUser(tx, accountId, user.userId, {
        after,
        limit: limit + 1,
      });
      return toPage(
        rows.map((device) => ({ device, user })),
        limit,
        (row) => row.device.serialNumber,
      );
    });
  }

  /** AWS ListVirtualMFADevices: the account's virtual devices by serial number, with the assigned user. */
  async listVirtualMfaDevices(
    caller: CallerContext,
    input: AccountScoped & {
      assignmentStatus?: AssignmentStatus | null;
      marker?: string | null;
      maxItems?: number | null;
    },
  ): Promise<Page<MfaDeviceEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    await this.deps.authorizer.require(
      caller,
      'iam:ListVirtualMFADevices',
      mfaArn(this.deps.partition, accountId, '/', '*'),
      accountId,
    );
    const status = input.assignmentStatus ?? 'Any';
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, (tx) =>
      this.devices.listVirtual(tx, accountId, status, after, limit + 1),
    );
    return toPage(rows, limit, (d) => d.serialNumber);
  }

  /**
   * AWS TagMFADevice: a tag whose key matches an existing one (ignoring case) replaces its value; at most 50 tags
   * (`LimitExceeded`). Answers the device with every tag.
   */
  async tagMfaDevice(
    caller: CallerContext,
    input: AccountScoped & { serialNumber: string; tags: StoredTag[] },
  ): Promise<MfaDeviceEntity> {
    return this.retag(caller, input, 'iam:TagMFADevice', 'virtual-mfa-device.tagged.v1', (tags) =>
      mergeTags(tags, input.tags),
    );
  }

  /** AWS UntagMFADevice: removes the keys (ignoring case); unknown keys are ignored. */
  async untagMfaDevice(
    caller: CallerContext,
    input: AccountScoped & { serialNumber: string; tagKeys: string[] },
  ): Promise<MfaDeviceEntity> {
    return this.retag(
      caller,
      input,
      'iam:UntagMFADevice',
      'virtual-mfa-device.untagged.v1',
      (tags) => removeTags(tags, input.tagKeys),
    );
  }

  /** AWS ListMFADeviceTags: the device's tags, paged like ListUserTags. */
  async listMfaDeviceTags(
    caller: CallerContext,
    input: AccountScoped & {
      serialNumber: string;
      marker?: string | null;
      maxItems?: number | null;
    },
  ): Promise<Page<StoredTag>> {
    const accountId = targetAccount(caller, input.accountId);
    const serialNumber = checkSerialNumber(input.serialNumber);
    return listTags(input, () =>
      this.deps.tenantTx.run(accountId, async (tx) => {
        const found = await this.devices.findBySerial(tx, accountId, serialNumber);
        return this.authorizedDevice(
          caller,
          'iam:ListMFADeviceTags',
          accountId,
          serialNumber,
          found,
        );
      }),
    );
  }

  private async retag(
    caller: CallerContext,
    input: AccountScoped & { serialNumber: string },
    action: string,
    type: 'virtual-mfa-device.tagged.v1' | 'virtual-mfa-device.untagged.v1',
    change: (tags: StoredTag[]) => StoredTag[],
  ): Promise<MfaDeviceEntity> {
    const accountId = targetAccount(caller, input.accountId);
    const serialNumber = checkSerialNumber(input.serialNumber);
    return this.write(accountId, null, async (tx) => {
      // The user is loaded for the answer (VirtualMFADevice.User); only the device row is locked.
      const found = await this.devices.findBySerialWithUserForUpdate(tx, accountId, serialNumber);
      const device = await this.authorizedDevice(caller, action, accountId, serialNumber, found);
      const next: MfaDeviceEntity = { ...device, tags: change(device.tags) };
      await this.devices.updateTags(tx, next);
      await this.deps.outbox.append(
        tx,
        virtualMfaDeviceChangedEvent(type, next, caller, this.deps.now()),
      );
      return next;
    });
  }

  /**
   * `action` on the device's ARN (its serial number) once looked up, or on the ARN the serial names when there is
   * no such device, before `NoSuchEntity` (a device of another account answers like a missing one).
   */
  private async authorizedDevice(
    caller: CallerContext,
    action: string,
    accountId: AccountId,
    serialNumber: string,
    device: MfaDeviceEntity | null,
  ): Promise<MfaDeviceEntity> {
    await authorizeExisting(
      this.deps.authorizer,
      caller,
      action,
      accountId,
      device,
      (d) => d.serialNumber,
      this.serialResource(accountId, serialNumber),
    );
    if (!device) throw new MfaDeviceNotFoundError(serialNumber);
    return device;
  }

  /** The step of the second code, or `InvalidAuthenticationCode`. */
  private checkCodes(
    device: MfaDeviceEntity,
    code1: string,
    code2: string,
    center: number,
    window: number,
  ): number {
    const seed = this.secretBox.open(
      device.seedSealed,
      seedAssociatedData(device.accountId, device.serialNumber),
    );
    try {
      const step = consecutiveStep(seed, code1, code2, center, window, device.lastUsedStep);
      if (step === null) throw new InvalidAuthenticationCodeError(device.serialNumber);
      return step;
    } finally {
      seed.fill(0);
    }
  }

  /**
   * The user, looked up and then authorized: the action is decided on the user's real ARN (path included), or on
   * the name's ARN when there is no such user, before `NoSuchEntity` (as AWS does).
   */
  private existingUser(
    tx: EntityManager,
    accountId: AccountId,
    userName: string,
    lock: boolean,
    access: PrincipalAccess,
  ): Promise<UserEntity> {
    return this.existingUsers.find(tx, accountId, userName, { lock, access });
  }

  /**
   * Runs `work` in one transaction on the user (`action` authorized on it) and its device, both locked;
   * `NoSuchEntity` when the device is not enabled for that user.
   */
  private withAssignedDevice<T>(
    caller: CallerContext,
    accountId: AccountId,
    userName: string,
    serialNumber: string,
    action: string,
    work: (tx: EntityManager, user: UserEntity, device: MfaDeviceEntity) => Promise<T>,
  ): Promise<T> {
    return this.write(accountId, null, async (tx) => {
      const user = await this.existingUser(tx, accountId, userName, true, { caller, action });
      const device = await this.devices.findBySerial(tx, accountId, serialNumber, true);
      if (!device || device.userId !== user.userId) throw new MfaDeviceNotFoundError(serialNumber);
      return work(tx, user, device);
    });
  }

  /**
   * AWS: an account may hold as many virtual MFA devices (assigned or not) as its user quota. Locks the account row
   * so concurrent creations serialise; returns the account alias (the issuer shown by authenticator apps).
   */
  private async requireDeviceQuota(tx: EntityManager, accountId: string): Promise<string | null> {
    const { limit, alias } = await lockQuota(tx, accountId, 'user');
    if ((await this.devices.countInAccount(tx, accountId)) >= limit) {
      throw new LimitExceededError(`the account may hold at most ${limit} virtual MFA devices`, {
        quota: 'virtualMfaDevices',
        limit,
      });
    }
    return alias;
  }

  /** One tenant transaction; maps the name index to EntityAlreadyExists and nudges the relay on success. */
  private write<T>(
    accountId: AccountId,
    deviceName: string | null,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (deviceName === null) return write(this.deps, accountId, work);
    const exists = () => new VirtualMfaDeviceAlreadyExistsError(deviceName);
    return write(this.deps, accountId, work, {
      mfa_devices_account_name_uq: exists,
      mfa_devices_pkey: exists,
    });
  }
}

/** What EnableMFADevice and ResyncMFADevice take: a user's device and two consecutive codes of it. */
type TwoCodesInput = AccountScoped & {
  userName: string;
  serialNumber: string;
  authenticationCode1: string;
  authenticationCode2: string;
};

/** The checked serial number and codes of a {@link TwoCodesInput}. */
function checkTwoCodes(input: TwoCodesInput) {
  return {
    serialNumber: checkSerialNumber(input.serialNumber),
    code1: checkCode(input.authenticationCode1, 'authenticationCode1'),
    code2: checkCode(input.authenticationCode2, 'authenticationCode2'),
  };
}

/** Unassigns a device (keeping its replay counter) and appends `mfa-device.deactivated.v1`. */
export async function deactivate(
  tx: EntityManager,
  devices: MfaDeviceRepository,
  outbox: PrincipalServiceDeps['outbox'],
  device: MfaDeviceEntity,
  user: UserEntity,
  caller: CallerContext,
  now: Date,
): Promise<void> {
  await devices.update(tx, { ...device, userId: null, enabledAt: null });
  await outbox.append(
    tx,
    mfaAssignmentEvent(
      'mfa-device.deactivated.v1',
      device,
      user,
      device.enabledAt ?? now,
      caller,
      now,
    ),
  );
}

/** The caller as an IAM user of `accountId` (its name and ARN), or null for any other principal. */
function callerUser(
  caller: CallerContext,
  accountId: string,
): { userName: string; arn: string } | null {
  if (caller.principalType !== 'user' || caller.accountId !== accountId) return null;
  const userName = iamUserName(caller.principalArn);
  return userName === null ? null : { userName, arn: caller.principalArn };
}
