import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '../accounts/index.js';
import { UserEntity } from '../users/index.js';

/** An IAM group. */
@Entity({ name: 'groups', schema: 'identity' })
// The expression index (account_id, lower(group_name)) is created by the migration.
@Index('groups_account_name_uq', { synchronize: false })
export class GroupEntity {
  @PrimaryColumn({ name: 'group_id', type: 'text' })
  groupId!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'groups_account_fk' })
  account?: AccountEntity;

  @Column({ name: 'group_name', type: 'text' })
  groupName!: string;

  @Column({ name: 'path', type: 'text' })
  path!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A user's membership of a group. */
@Entity({ name: 'group_members', schema: 'identity' })
@Index('group_members_user_ix', ['userId'])
export class GroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'text', primaryKeyConstraintName: 'group_members_pkey' })
  groupId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'text', primaryKeyConstraintName: 'group_members_pkey' })
  userId!: string;

  @ManyToOne(() => GroupEntity, { nullable: false })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'group_members_group_fk' })
  group?: GroupEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'group_members_user_fk' })
  user?: UserEntity;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'group_members_account_fk' })
  account?: AccountEntity;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
