import type { EntityManager } from 'typeorm';
import { RowRepository, oneRow } from '../principals/index.js';
import { MfaDeviceEntity } from './mfa-device.entity.js';

/** Which virtual devices ListVirtualMFADevices returns (AWS AssignmentStatus). */
export type AssignmentStatus = 'Assigned' | 'Unassigned' | 'Any';

/** Queries on identity.mfa_devices. Always filters by account as well as relying on row-level security. */
export class MfaDeviceRepository extends RowRepository<MfaDeviceEntity> {
  constructor() {
    // `update` writes the assignment and TOTP state; the tags change through `updateTags`.
    super(
      MfaDeviceEntity,
      ['serialNumber', 'accountId'],
      ['userId', 'enabledAt', 'lastUsedStep', 'driftSteps'],
    );
  }

  /** By serial number (exact); `lock`: hold the row for the rest of the transaction. */
  findBySerial(
    tx: EntityManager,
    accountId: string,
    serialNumber: string,
    lock = false,
  ): Promise<MfaDeviceEntity | null> {
    return oneRow(this.bySerial(tx, accountId, serialNumber), lock);
  }

  /**
   * By serial number with its assigned user loaded, the device row held for the rest of the transaction (only the
   * device's: PostgreSQL cannot lock the nullable side of an outer join).
   */
  findBySerialWithUserForUpdate(
    tx: EntityManager,
    accountId: string,
    serialNumber: string,
  ): Promise<MfaDeviceEntity | null> {
    return this.bySerial(tx, accountId, serialNumber)
      .leftJoinAndSelect('d.user', 'u')
      .setLock('pessimistic_write', undefined, ['d'])
      .getOne();
  }

  /** By device name, ignoring case. */
  findByName(tx: EntityManager, accountId: string, name: string): Promise<MfaDeviceEntity | null> {
    return tx
      .createQueryBuilder(MfaDeviceEntity, 'd')
      .where('d.account_id = :accountId AND lower(d.device_name) = lower(:name)', {
        accountId,
        name,
      })
      .getOne();
  }

  /** Writes the tags (TagMFADevice, UntagMFADevice). */
  async updateTags(tx: EntityManager, device: MfaDeviceEntity): Promise<void> {
    await this.updateColumns(tx, device, ['tags']);
  }

  async countInAccount(tx: EntityManager, accountId: string): Promise<number> {
    return tx.count(MfaDeviceEntity, { where: { accountId } });
  }

  async countForUser(tx: EntityManager, accountId: string, userId: string): Promise<number> {
    return tx.count(MfaDeviceEntity, { where: { accountId, userId } });
  }

  /**
   * The devices enabled for a user, by serial number, after the marker's serial. `lock` takes them FOR UPDATE in
   * that order (one order everywhere, so concurrent sign-ins cannot deadlock).
   */
  listForUser(
    tx: EntityManager,
    accountId: string,
    userId: string,
    options: { after?: string | null; limit?: number; lock?: boolean } = {},
  ): Promise<MfaDeviceEntity[]> {
    const query = tx
      .createQueryBuilder(MfaDeviceEntity, 'd')
      .where('d.account_id = :accountId AND d.user_id = :userId', { accountId, userId })
      .orderBy('d.serial_number', 'ASC');
    if (options.after !== undefined && options.after !== null) {
      query.andWhere('d.serial_number > :after', { after: options.after });
    }
    if (options.limit !== undefined) query.limit(options.limit);
    if (options.lock === true) query.setLock('pessimistic_write');
    return query.getMany();
  }

  /** One page of the account's virtual devices, by serial number, with the assigned user loaded. */
  listVirtual(
    tx: EntityManager,
    accountId: string,
    status: AssignmentStatus,
    after: string | null,
    limit: number,
  ): Promise<MfaDeviceEntity[]> {
    const query = tx
      .createQueryBuilder(MfaDeviceEntity, 'd')
      .leftJoinAndSelect('d.user', 'u')
      .where('d.account_id = :accountId', { accountId })
      .orderBy('d.serial_number', 'ASC')
      .limit(limit);
    if (status === 'Assigned') query.andWhere('d.user_id IS NOT NULL');
    if (status === 'Unassigned') query.andWhere('d.user_id IS NULL');
    if (after !== null) query.andWhere('d.serial_number > :after', { after });
    return query.getMany();
  }

  /**
   * Whether the user has at least one enabled device (a device has a user exactly when it is enabled), in plain SQL:
   * it runs on every sign-in.
   */
  async hasAnyForUser(tx: EntityManager, accountId: string, userId: string): Promise<boolean> {
    const rows: { enabled: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM identity.mfa_devices WHERE account_id = $1 AND user_id = $2) AS enabled`,
      [accountId, userId],
    );
    return rows[0]?.enabled === true;
  }

  private bySerial(tx: EntityManager, accountId: string, serialNumber: string) {
    return tx
      .createQueryBuilder(MfaDeviceEntity, 'd')
      .where('d.account_id = :accountId AND d.serial_number = :serialNumber', {
        accountId,
        serialNumber,
      });
  }
}
