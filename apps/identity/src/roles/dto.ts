import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { TagInput, TagModel } from '../users/index.js';
import { RoleModel } from './role.model.js';

const ACCOUNT_ID = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

@InputType()
export class CreateRoleInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;

  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;

  @Field(() => String, { description: 'the trust policy (JSON text)' })
  assumeRolePolicyDocument!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'seconds, 3600 to 43200, default 3600' })
  maxSessionDuration?: number | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ObjectType()
export class CreateRolePayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class GetRoleInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;
}

@ObjectType()
export class GetRolePayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class ListRolesInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;

  @Field(() => String, { nullable: true })
  marker?: string | null;

  @Field(() => Int, { nullable: true })
  maxItems?: number | null;
}

@ObjectType()
export class ListRolesPayload {
  @Field(() => [RoleModel])
  roles!: RoleModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class UpdateRoleInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  maxSessionDuration?: number | null;
}

@ObjectType()
export class UpdateRolePayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class UpdateAssumeRolePolicyInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;

  @Field(() => String, { description: 'the new trust policy (JSON text)' })
  policyDocument!: string;
}

@ObjectType()
export class UpdateAssumeRolePolicyPayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class DeleteRoleInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;
}

@ObjectType()
export class DeleteRolePayload {
  @Field(() => RoleModel, { description: 'the last state of the deleted role' })
  role!: RoleModel;
}

@InputType()
export class TagRoleInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;

  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ObjectType()
export class TagRolePayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class UntagRoleInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;

  @Field(() => [String])
  tagKeys!: string[];
}

@ObjectType()
export class UntagRolePayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class ListRoleTagsInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  roleName!: string;

  @Field(() => String, { nullable: true })
  marker?: string | null;

  @Field(() => Int, { nullable: true })
  maxItems?: number | null;
}

@ObjectType()
export class ListRoleTagsPayload {
  @Field(() => [TagModel])
  tags!: TagModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}
