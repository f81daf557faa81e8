import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { TagModel, UserModel } from './user.model.js';

const ACCOUNT_ID = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

@InputType()
export class TagInput {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@InputType()
export class GetUserInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;
}

@ObjectType()
export class GetUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@InputType()
export class ListUsersInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'default `/` (every user)' })
  pathPrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;
}

@ObjectType()
export class ListUsersPayload {
  @Field(() => [UserModel])
  users!: UserModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  newUserName?: string | null;

  @Field(() => String, { nullable: true })
  newPath?: string | null;
}

@ObjectType()
export class UpdateUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@InputType()
export class DeleteUserInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

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
}

@InputType()
export class TagUserInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ObjectType()
export class TagUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@InputType()
export class UntagUserInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => [String])
  tagKeys!: string[];
}

@ObjectType()
export class UntagUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@InputType()
export class ListUserTagsInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  marker?: string | null;

  @Field(() => Int, { nullable: true })
  maxItems?: number | null;
}

@ObjectType()
export class ListUserTagsPayload {
  @Field(() => [TagModel])
  tags!: TagModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}
