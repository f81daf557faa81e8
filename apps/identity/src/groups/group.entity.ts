import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity.js';
import { AccountRelation, PrincipalRow, TenantRow } from '../principals/persistence/tenant-row.js';
import { UserEntity } from '../users/user.entity.js';

/** An IAM group. */
@Entity({ name: 'groups', schema: 'identity' })
// The expression index (account_id, lower(group_name)) is created by the migration.
@Index('groups_account_name_uq', { synchronize: false })
export class GroupEntity extends PrincipalRow {
  @PrimaryColumn({ name: 'group_id', type: 'text' })
  groupId!: string;

  @AccountRelation('groups_account_fk')
  account?: AccountEntity;

  @Column({ name: 'group_name', type: 'text' })
  groupName!: string;
}

/** A user's membership of a group. */
@Entity({ name: 'group_members', schema: 'identity' })
@Index('group_members_user_ix', ['userId'])
export class GroupMemberEntity extends TenantRow {
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

  @AccountRelation('group_members_account_fk')
  account?: AccountEntity;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
