import { Field, ID, InputType, Int } from '@nestjs/graphql';

/** The `accountId` argument of every tenant operation. */
const ACCOUNT_ID_OPTIONS = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

/** What the documented paging arguments say (AWS `Marker` and `MaxItems`). */
export const PAGE_DOCS = {
  marker: 'the marker returned by the previous page',
  maxItems: 'page size, 1 to 1000, default 100',
} as const;

/** AWS `Marker`: where the next page starts. */
export const MarkerField = (description?: string): PropertyDecorator =>
  Field(() => String, { nullable: true, description });

/** AWS `MaxItems`: the page size. */
export const MaxItemsField = (description?: string): PropertyDecorator =>
  Field(() => Int, { nullable: true, description });

/** A tag to set (AWS Tag). */
@InputType()
export class TagInput {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

/** An operation in one account: the platform administrator names it, a tenant acts in its own. */
@InputType({ isAbstract: true })
export abstract class AccountScopedInput {
  @Field(() => ID, ACCOUNT_ID_OPTIONS)
  accountId?: string | null;
}

/** An operation on one user, by name. */
@InputType({ isAbstract: true })
export abstract class UserNameInput extends AccountScopedInput {
  @Field(() => String)
  userName!: string;
}

/** A page of something of one user (AWS `Marker` and `MaxItems`, without descriptions). */
@InputType({ isAbstract: true })
export abstract class UserNamePageInput extends UserNameInput {
  @MarkerField()
  marker?: string | null;

  @MaxItemsField()
  maxItems?: number | null;
}

/** A page of an account's groups or roles under a path prefix (AWS ListGroups, ListRoles). */
@InputType({ isAbstract: true })
export abstract class PathPrefixPageInput extends AccountScopedInput {
  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;

  @MarkerField()
  marker?: string | null;

  @MaxItemsField()
  maxItems?: number | null;
}
