import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity.js';
import { AccountRelation, CreatedTenantRow } from '../principals/persistence/tenant-row.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A user's console password (AWS LoginProfile). At most one per user. The password is stored as an argon2id PHC
 * string only.
 */
@Entity({ name: 'login_profiles', schema: 'identity' })
export class LoginProfileEntity extends CreatedTenantRow {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  // A user cannot be deleted while it has a login profile (NO ACTION): deleteUser answers DeleteConflict or, forced,
  // removes it first (LOGIN_PROFILE_ATTACHMENT); the foreign key is the backstop.
  @OneToOne(() => UserEntity, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'login_profiles_user_fk' })
  user?: UserEntity;

  @AccountRelation('login_profiles_account_fk')
  account?: AccountEntity;

  /** argon2id PHC string. SECURITY: never leaves the service, never in an event or a log. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'password_reset_required', type: 'boolean' })
  passwordResetRequired!: boolean;

  /** When the current password was set (creation, UpdateLoginProfile with a password, ChangePassword). */
  @Column({ name: 'password_changed_at', type: 'timestamptz' })
  passwordChangedAt!: Date;

  /** When the password last matched at sign-in; null: never. */
  @Column({ name: 'password_last_used_at', type: 'timestamptz', nullable: true })
  passwordLastUsedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One previous (or the current) password hash of a user, for the policy's PasswordReusePrevention. */
@Entity({ name: 'password_history', schema: 'identity' })
@Index('password_history_user_seq_uq', ['userId', 'seq'], { unique: true })
export class PasswordHistoryEntity extends CreatedTenantRow {
  @PrimaryColumn({ name: 'history_id', type: 'uuid' })
  historyId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  // History is no entity of its own to AWS: it goes with the user.
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'password_history_user_fk' })
  user?: UserEntity;

  @AccountRelation('password_history_account_fk')
  account?: AccountEntity;

  /** 1, 2, ... per user in the order the passwords were set (timestamps may tie). */
  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  /** argon2id PHC string. SECURITY: never leaves the service. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;
}
