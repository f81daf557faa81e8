import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity.js';
import type { StoredTag } from '../principals/persistence/tenant-row.js';
import { AccountRelation, PrincipalRow, TagsColumn } from '../principals/persistence/tenant-row.js';

export type { StoredTag };

/** An IAM user. Its ARN is derived (partition + account + path + name), never stored. */
@Entity({ name: 'users', schema: 'identity' })
// The expression index (account_id, lower(user_name)) is created by the migration; TypeORM cannot describe it.
@Index('users_account_name_uq', { synchronize: false })
export class UserEntity extends PrincipalRow {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @AccountRelation('users_account_fk')
  account?: AccountEntity;

  @Column({ name: 'user_name', type: 'text' })
  userName!: string;

  @TagsColumn()
  tags!: StoredTag[];
}
