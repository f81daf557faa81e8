import type { ValueTransformer } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity.js';
import type { StoredTag } from '../principals/persistence/tenant-row.js';
import {
  AccountRelation,
  PathEntityRow,
  TagsColumn,
} from '../principals/persistence/tenant-row.js';
import { UserEntity } from '../users/user.entity.js';

// bigint columns come back from pg as strings; time steps stay far below 2^53.
const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A virtual MFA device (AWS VirtualMFADevice) and, while enabled, its assignment to one user. The serial number is
 * the device ARN. The TOTP seed is stored sealed only (SecretBox, bound to account and serial).
 */
@Entity({ name: 'mfa_devices', schema: 'identity' })
// The expression index (account_id, lower(device_name)) is created by the migration.
@Index('mfa_devices_account_name_uq', { synchronize: false })
@Index('mfa_devices_user_ix', ['userId'])
@Check('mfa_devices_assignment_ck', `(user_id IS NULL) = (enabled_at IS NULL)`)
export class MfaDeviceEntity extends PathEntityRow {
  @PrimaryColumn({ name: 'serial_number', type: 'text' })
  serialNumber!: string;

  @AccountRelation('mfa_devices_account_fk')
  account?: AccountEntity;

  @Column({ name: 'device_name', type: 'text' })
  deviceName!: string;

  /** `SecretBox` output; never the base32 seed. */
  @Column({ name: 'seed_sealed', type: 'text' })
  seedSealed!: string;

  /** The user the device is enabled for; null while unassigned. */
  @Column({ name: 'user_id', type: 'text', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'mfa_devices_user_fk' })
  user?: UserEntity | null;

  @Column({ name: 'enabled_at', type: 'timestamptz', nullable: true })
  enabledAt!: Date | null;

  /** The highest TOTP time step ever accepted; a code of this step or an earlier one is refused (no replay). */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  lastUsedStep!: number | null;

  /** Steps the device's clock is off, measured by the last resync; sign-in looks around now + drift. */
  @Column({ name: 'drift_steps', type: 'integer' })
  driftSteps!: number;

  @TagsColumn()
  tags!: StoredTag[];
}
