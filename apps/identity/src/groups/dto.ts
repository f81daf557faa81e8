import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../users/index.js';
import { GroupModel } from './group.model.js';

const ACCOUNT_ID = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

@InputType()
export class CreateGroupInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  groupName!: string;

  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;
}

@ObjectType()
export class CreateGroupPayload {
  @Field(() => GroupModel)
  group!: GroupModel;
}

@InputType()
export class GetGroupInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  groupName!: string;

  @Field(() => String, { nullable: true, description: 'the marker of the previous page of users' })
  marker?: string | null;

  @Field(() => Int, { nullable: true, description: 'users per page, 1 to 1000, default 100' })
  maxItems?: number | null;
}

@ObjectType()
export class GetGroupPayload {
  @Field(() => GroupModel)
  group!: GroupModel;

  @Field(() => [UserModel])
  users!: UserModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class ListGroupsInput {
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
export class ListGroupsPayload {
  @Field(() => [GroupModel])
  groups!: GroupModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class UpdateGroupInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  groupName!: string;

  @Field(() => String, { nullable: true })
  newGroupName?: string | null;

  @Field(() => String, { nullable: true })
  newPath?: string | null;
}

@ObjectType()
export class UpdateGroupPayload {
  @Field(() => GroupModel)
  group!: GroupModel;
}

@InputType()
export class DeleteGroupInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  groupName!: string;
}

@ObjectType()
export class DeleteGroupPayload {
  @Field(() => GroupModel, { description: 'the last state of the deleted group' })
  group!: GroupModel;
}

@InputType()
export class AddUserToGroupInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  userName!: string;
}

@ObjectType()
export class AddUserToGroupPayload {
  @Field(() => GroupModel)
  group!: GroupModel;
}

@InputType()
export class RemoveUserFromGroupInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  userName!: string;
}

@ObjectType()
export class RemoveUserFromGroupPayload {
  @Field(() => GroupModel)
  group!: GroupModel;
}

@InputType()
export class ListGroupsForUserInput {
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
export class ListGroupsForUserPayload {
  @Field(() => [GroupModel])
  groups!: GroupModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}
