import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '../accounts/index.js';
import type { StoredTag } from '../users/index.js';

/** An IAM role with its trust policy (AssumeRolePolicyDocument, stored as the caller sent it). */
@Entity({ name: 'roles', schema: 'identity' })
// The expression index (account_id, lower(role_name)) is created by the migration.
@Index('roles_account_name_uq', { synchronize: false })
@Check('roles_max_session_duration_ck', `max_session_duration BETWEEN 3600 AND 43200`)
export class RoleEntity {
  @PrimaryColumn({ name: 'role_id', type: 'text' })
  roleId!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'roles_account_fk' })
  account?: AccountEntity;

  @Column({ name: 'role_name', type: 'text' })
  roleName!: string;

  @Column({ name: 'path', type: 'text' })
  path!: string;

  @Column({ name: 'assume_role_policy_document', type: 'text' })
  assumeRolePolicyDocument!: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'max_session_duration', type: 'integer' })
  maxSessionDuration!: number;

  @Column({ name: 'tags', type: 'jsonb' })
  tags!: StoredTag[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
