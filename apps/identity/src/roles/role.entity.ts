import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity.js';
import type { StoredTag } from '../principals/persistence/tenant-row.js';
import { AccountRelation, PrincipalRow, TagsColumn } from '../principals/persistence/tenant-row.js';

/** An IAM role with its trust policy (AssumeRolePolicyDocument, stored as the caller sent it). */
@Entity({ name: 'roles', schema: 'identity' })
// The expression index (account_id, lower(role_name)) is created by the migration.
@Index('roles_account_name_uq', { synchronize: false })
@Check('roles_max_session_duration_ck', `max_session_duration BETWEEN 3600 AND 43200`)
export class RoleEntity extends PrincipalRow {
  @PrimaryColumn({ name: 'role_id', type: 'text' })
  roleId!: string;

  @AccountRelation('roles_account_fk')
  account?: AccountEntity;

  @Column({ name: 'role_name', type: 'text' })
  roleName!: string;

  @Column({ name: 'assume_role_policy_document', type: 'text' })
  assumeRolePolicyDocument!: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'max_session_duration', type: 'integer' })
  maxSessionDuration!: number;

  @TagsColumn()
  tags!: StoredTag[];
}
