import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '../accounts/index.js';

/** One tag as stored in the `tags` jsonb column (AWS order of insertion is kept). */
export interface StoredTag {
  key: string;
  value: string;
}

/** An IAM user. Its ARN is derived (partition + account + path + name), never stored. */
@Entity({ name: 'users', schema: 'identity' })
// The expression index (account_id, lower(user_name)) is created by the migration; TypeORM cannot describe it.
@Index('users_account_name_uq', { synchronize: false })
export class UserEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'users_account_fk' })
  account?: AccountEntity;

  @Column({ name: 'user_name', type: 'text' })
  userName!: string;

  @Column({ name: 'path', type: 'text' })
  path!: string;

  @Column({ name: 'tags', type: 'jsonb' })
  tags!: StoredTag[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
