import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { AccountEntity } from '../accounts/index.js';

/** Per-account overrides of the default quotas; a NULL column means the AWS default applies. */
@Entity({ name: 'account_quotas', schema: 'identity' })
export class AccountQuotaEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  // Named, not imported: the shared principal plumbing loads no feature module (accounts imports it).
  @OneToOne('AccountEntity', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'account_quotas_account_fk' })
  account?: AccountEntity;

  @Column({ name: 'max_users', type: 'integer', nullable: true })
  maxUsers!: number | null;

  @Column({ name: 'max_groups', type: 'integer', nullable: true })
  maxGroups!: number | null;

  @Column({ name: 'max_roles', type: 'integer', nullable: true })
  maxRoles!: number | null;
}
