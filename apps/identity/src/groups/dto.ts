import { Field, InputType, ObjectType } from '@nestjs/graphql';
import {
  AccountScopedInput,
  MarkerField,
  MaxItemsField,
  PagedPayload,
  PathPrefixPageInput,
  RevisionTokenField,
  UserNamePageInput,
} from '../principals/graphql/index.js';
import { UserModel } from '../users/index.js';
import { GroupModel } from './group.model.js';

/** An operation on one group, by name. */
@InputType({ isAbstract: true })
abstract class GroupNameInput extends AccountScopedInput {
  @Field(() => String)
  groupName!: string;
}

/** A membership change: which group, which user. */
@InputType({ isAbstract: true })
abstract class GroupMemberInput extends GroupNameInput {
  @Field(() => String)
  userName!: string;
}

/** The answer of an operation on one group: the group after it. */
@ObjectType({ isAbstract: true })
abstract class GroupPayload {
  @Field(() => GroupModel)
  group!: GroupModel;
}

/** The answer of a change that may change effective permissions: the group and a revision token. */
@ObjectType({ isAbstract: true })
abstract class RevisedGroupPayload extends GroupPayload {
  @RevisionTokenField()
  revisionToken!: string | null;
}

@InputType()
export class CreateGroupInput extends GroupNameInput {
  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;
}

@ObjectType()
export class CreateGroupPayload extends GroupPayload {}

@InputType()
export class GetGroupInput extends GroupNameInput {
  @MarkerField('the marker of the previous page of users')
  marker?: string | null;

  @MaxItemsField('users per page, 1 to 1000, default 100')
  maxItems?: number | null;
}

@ObjectType()
export class GetGroupPayload extends GroupPayload {
  @Field(() => [UserModel])
  users!: UserModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class ListGroupsInput extends PathPrefixPageInput {}

@ObjectType()
export class ListGroupsPayload extends PagedPayload('groups', GroupModel) {}

@InputType()
export class UpdateGroupInput extends GroupNameInput {
  @Field(() => String, { nullable: true })
  newGroupName?: string | null;

  @Field(() => String, { nullable: true })
  newPath?: string | null;
}

@ObjectType()
export class UpdateGroupPayload extends RevisedGroupPayload {}

@InputType()
export class DeleteGroupInput extends GroupNameInput {}

@ObjectType()
export class DeleteGroupPayload {
  @Field(() => GroupModel, { description: 'the last state of the deleted group' })
  group!: GroupModel;

  @RevisionTokenField()
  revisionToken!: string | null;
}

@InputType()
export class AddUserToGroupInput extends GroupMemberInput {}

@ObjectType()
export class AddUserToGroupPayload extends RevisedGroupPayload {}

@InputType()
export class RemoveUserFromGroupInput extends GroupMemberInput {}

@ObjectType()
export class RemoveUserFromGroupPayload extends RevisedGroupPayload {}

@InputType()
export class ListGroupsForUserInput extends UserNamePageInput {}

@ObjectType()
export class ListGroupsForUserPayload extends PagedPayload('groups', GroupModel) {}
