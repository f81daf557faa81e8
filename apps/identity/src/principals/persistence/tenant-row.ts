import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { AccountEntity } from '../../accounts/account.entity.js';

// Column bases of the identity tables. The migrations create the tables (never `synchronize`); these only
// describe, once, the columns many tables share, with the same names and types.

/** One tag as stored in the `tags` jsonb column (AWS order of insertion is kept). */
export interface StoredTag {
  key: string;
  value: string;
}

/**
 * A row's account: the relation over `account_id` with its named foreign key (`<table>_account_fk`; deleting
 * the account deletes the row).
 */
export function AccountRelation(foreignKeyConstraintName: string): PropertyDecorator {
  return (target, property) => {
    ManyToOne(() => AccountEntity, { onDelete: 'CASCADE', nullable: false })(target, property);
    JoinColumn({ name: 'account_id', foreignKeyConstraintName })(target, property);
  };
}

/** The `tags` jsonb column. */
export const TagsColumn = (): PropertyDecorator => Column({ name: 'tags', type: 'jsonb' });

/** A row of one account (row-level security keys on `account_id`). */
export abstract class TenantRow {
  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;
}

/** A row of one account with a creation time. */
export abstract class CreatedTenantRow extends TenantRow {
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An IAM entity with a path (user, group, role, virtual MFA device). */
export abstract class PathEntityRow extends CreatedTenantRow {
  @Column({ name: 'path', type: 'text' })
  path!: string;
}

/** A principal (user, group, role): a path, and creation and update times. */
export abstract class PrincipalRow extends PathEntityRow {
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
