import { Field, InputType, ObjectType } from '@nestjs/graphql';
import {
  AccountScopedInput,
  MarkerField,
  MaxItemsField,
  PAGE_DOCS,
  PagedPayload,
  RevisionTokenField,
  TagInput,
  UserNameInput,
  UserNamePageInput,
} from '../principals/graphql/index.js';
import { TagPagePayload } from '../principals/graphql/tag.model.js';
import { UserModel } from './user.model.js';

export { TagInput };

@InputType()
export class CreateUserInput extends UserNameInput {
  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

/** The answer of an operation on one user: the user after it. */
@ObjectType({ isAbstract: true })
abstract class UserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

/** The answer of a change of one user that may change effective permissions: the user and a revision token. */
@ObjectType({ isAbstract: true })
abstract class RevisedUserPayload extends UserPayload {
  @RevisionTokenField()
  revisionToken!: string | null;
}

@ObjectType()
export class CreateUserPayload extends UserPayload {}

@InputType()
export class GetUserInput extends UserNameInput {}

@ObjectType()
export class GetUserPayload extends UserPayload {}

@InputType()
export class ListUsersInput extends AccountScopedInput {
  @Field(() => String, { nullable: true, description: 'default `/` (every user)' })
  pathPrefix?: string | null;

  @MarkerField(PAGE_DOCS.marker)
  marker?: string | null;

  @MaxItemsField(PAGE_DOCS.maxItems)
  maxItems?: number | null;
}

@ObjectType()
export class ListUsersPayload extends PagedPayload('users', UserModel) {}

@InputType()
export class UpdateUserInput extends UserNameInput {
  @Field(() => String, { nullable: true })
  newUserName?: string | null;

  @Field(() => String, { nullable: true })
  newPath?: string | null;
}

@ObjectType()
export class UpdateUserPayload extends RevisedUserPayload {}

@InputType()
export class DeleteUserInput extends UserNameInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'also remove the group memberships (otherwise DeleteConflict)',
  })
  force?: boolean | null;
}

@ObjectType()
export class DeleteUserPayload {
  @Field(() => UserModel, { description: 'the last state of the deleted user' })
  user!: UserModel;

  @RevisionTokenField()
  revisionToken!: string | null;
}

@InputType()
export class TagUserInput extends UserNameInput {
  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ObjectType()
export class TagUserPayload extends RevisedUserPayload {}

@InputType()
export class UntagUserInput extends UserNameInput {
  @Field(() => [String])
  tagKeys!: string[];
}

@ObjectType()
export class UntagUserPayload extends RevisedUserPayload {}

@InputType()
export class ListUserTagsInput extends UserNamePageInput {}

@ObjectType()
export class ListUserTagsPayload extends TagPagePayload {}
