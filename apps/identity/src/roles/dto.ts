import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  AccountScopedInput,
  MarkerField,
  MaxItemsField,
  PagedPayload,
  PathPrefixPageInput,
  RevisionTokenField,
  TagInput,
} from '../principals/graphql/index.js';
import { TagPagePayload } from '../principals/graphql/tag.model.js';
import { RoleModel } from './role.model.js';

/** An operation on one role, by name. */
@InputType({ isAbstract: true })
abstract class RoleNameInput extends AccountScopedInput {
  @Field(() => String)
  roleName!: string;
}

/** The answer of an operation on one role: the role after it. */
@ObjectType({ isAbstract: true })
abstract class RolePayload {
  @Field(() => RoleModel)
  role!: RoleModel;
}

/** The answer of a change that may change effective permissions: the role and a revision token. */
@ObjectType({ isAbstract: true })
abstract class RevisedRolePayload extends RolePayload {
  @RevisionTokenField()
  revisionToken!: string | null;
}

@InputType()
export class CreateRoleInput extends RoleNameInput {
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
export class CreateRolePayload extends RolePayload {}

@InputType()
export class GetRoleInput extends RoleNameInput {}

@ObjectType()
export class GetRolePayload extends RolePayload {}

@InputType()
export class ListRolesInput extends PathPrefixPageInput {}

@ObjectType()
export class ListRolesPayload extends PagedPayload('roles', RoleModel) {}

@InputType()
export class UpdateRoleInput extends RoleNameInput {
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  maxSessionDuration?: number | null;
}

@ObjectType()
export class UpdateRolePayload extends RevisedRolePayload {}

@InputType()
export class UpdateAssumeRolePolicyInput extends RoleNameInput {
  @Field(() => String, { description: 'the new trust policy (JSON text)' })
  policyDocument!: string;
}

@ObjectType()
export class UpdateAssumeRolePolicyPayload extends RolePayload {}

@InputType()
export class DeleteRoleInput extends RoleNameInput {}

@ObjectType()
export class DeleteRolePayload {
  @Field(() => RoleModel, { description: 'the last state of the deleted role' })
  role!: RoleModel;

  @RevisionTokenField()
  revisionToken!: string | null;
}

@InputType()
export class TagRoleInput extends RoleNameInput {
  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ObjectType()
export class TagRolePayload extends RevisedRolePayload {}

@InputType()
export class UntagRoleInput extends RoleNameInput {
  @Field(() => [String])
  tagKeys!: string[];
}

@ObjectType()
export class UntagRolePayload extends RevisedRolePayload {}

@InputType()
export class ListRoleTagsInput extends RoleNameInput {
  @MarkerField()
  marker?: string | null;

  @MaxItemsField()
  maxItems?: number | null;
}

@ObjectType()
export class ListRoleTagsPayload extends TagPagePayload {}
