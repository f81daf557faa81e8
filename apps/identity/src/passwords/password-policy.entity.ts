import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '../accounts/index.js';

/** An account's password policy (AWS PasswordPolicy); no row: the defaults of password-policy.ts apply. */
@Entity({ name: 'account_password_policies', schema: 'identity' })
@Check('account_password_policies_minimum_length_ck', `minimum_password_length BETWEEN 6 AND 128`)
@Check('account_password_policies_max_age_ck', `max_password_age BETWEEN 1 AND 1095`)
@Check('account_password_policies_reuse_ck', `password_reuse_prevention BETWEEN 1 AND 24`)
export class AccountPasswordPolicyEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @OneToOne(() => AccountEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({
    name: 'account_id',
    foreignKeyConstraintName: 'account_password_policies_account_fk',
  })
  account?: AccountEntity;

  @Column({ name: 'minimum_password_length', type: 'integer' })
  minimumPasswordLength!: number;

  @Column({ name: 'require_symbols', type: 'boolean' })
  requireSymbols!: boolean;

  @Column({ name: 'require_numbers', type: 'boolean' })
  requireNumbers!: boolean;

  @Column({ name: 'require_uppercase_characters', type: 'boolean' })
  requireUppercaseCharacters!: boolean;

  @Column({ name: 'require_lowercase_characters', type: 'boolean' })
  requireLowercaseCharacters!: boolean;

  @Column({ name: 'allow_users_to_change_password', type: 'boolean' })
  allowUsersToChangePassword!: boolean;

  @Column({ name: 'max_password_age', type: 'integer', nullable: true })
  maxPasswordAge!: number | null;

  @Column({ name: 'password_reuse_prevention', type: 'integer', nullable: true })
  passwordReusePrevention!: number | null;

  @Column({ name: 'hard_expiry', type: 'boolean' })
  hardExpiry!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
