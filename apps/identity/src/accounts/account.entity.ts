import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A tenant. Row-level security keys on `account_id` like every other identity table. */
@Entity({ name: 'accounts', schema: 'identity' })
@Index('accounts_alias_uq', ['alias'], { unique: true, where: 'alias IS NOT NULL' })
@Check('accounts_account_id_ck', `account_id ~ '^[0-9]{12}$'`)
@Check('accounts_status_ck', `status IN ('active', 'suspended')`)
export class AccountEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ name: 'alias', type: 'text', nullable: true })
  alias!: string | null;

  @Column({ name: 'status', type: 'text' })
  status!: 'active' | 'suspended';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
