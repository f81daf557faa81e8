import type { Type } from '@nestjs/common';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

/** An operation in one account: the platform administrator names it, a tenant acts in its own. */
@InputType({ isAbstract: true })
export abstract class PolicyAccountInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'the account to act in: required for the platform administrator; tenant callers act in their own account',
  })
  accountId?: string | null;
}

/** AWS `Marker` and `MaxItems` of a list. */
@InputType({ isAbstract: true })
export abstract class PolicyPageInput extends PolicyAccountInput {
  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;
}

/** An operation on one managed policy, by ARN. */
@InputType({ isAbstract: true })
export abstract class PolicyArnInput extends PolicyAccountInput {
  @Field(() => String)
  policyArn!: string;
}

/** A mutation's answer that changed permissions: the token to ask decisions at least as fresh as the change. */
@ObjectType({ isAbstract: true })
export abstract class RevisionPayload {
  @Field(() => String, {
    description: 'pass as `consistency.atLeastAsFreshAs` to see this change in the next decision',
  })
  revisionToken!: string;
}

/** The answer of a change with nothing else to return. */
@ObjectType()
export class PolicyChangePayload extends RevisionPayload {}

/** A page answer: `key: [T!]!`, `isTruncated`, `marker` (AWS IsTruncated and Marker). */
export function pagedPayload<K extends string, T>(
  key: K,
  item: Type<T> | StringConstructor,
): abstract new () => Record<K, T[]> & { isTruncated: boolean; marker: string | null } {
  @ObjectType({ isAbstract: true })
  abstract class Page {}
  Field(() => [item])(Page.prototype, key);
  Field(() => Boolean)(Page.prototype, 'isTruncated');
  Field(() => String, { nullable: true })(Page.prototype, 'marker');
  return Page as never;
}

/** A page of the service as a GraphQL answer (`items` under their own name). */
export function pageAnswer<K extends string, T, M>(
  key: K,
  page: { items: T[]; isTruncated: boolean; marker: string | null },
  map: (item: T) => M,
): Record<K, M[]> & { isTruncated: boolean; marker: string | null } {
  return {
    [key]: page.items.map(map),
    isTruncated: page.isTruncated,
    marker: page.marker,
  } as Record<K, M[]> & { isTruncated: boolean; marker: string | null };
}

/** The principal kinds whose policies the store holds, with their AWS names (`User` in `PutUserPolicy`). */
export const PRINCIPAL_KINDS = [
  ['user', 'User'],
  ['group', 'Group'],
  ['role', 'Role'],
] as const;

/**
 * Declares a GraphQL input type of a principal operation: `accountId`, `<kind>Name` (`userName`, ...), then `more`
 * fields (all `String!` unless named in `optional`), in that order, named `name`.
 */
export function principalInput(
  name: string,
  kind: 'user' | 'group' | 'role',
  more: readonly string[],
  options: { optional?: readonly string[]; paged?: boolean } = {},
): Type<PrincipalInputFields> {
  const base = options.paged === true ? PolicyPageInput : PolicyAccountInput;
  @InputType(name)
  class Input extends base {}
  for (const field of [`${kind}Name`, ...more]) {
    const optional = options.optional?.includes(field) === true;
    Field(() => String, { nullable: optional })(Input.prototype, field);
  }
  return Input as unknown as Type<PrincipalInputFields>;
}

/** What a principal input carries (`<kind>Name` and the operation's own fields, read by name). */
export type PrincipalInputFields = Record<string, string | number | null | undefined> & {
  accountId?: string | null;
  marker?: string | null;
  maxItems?: number | null;
};

/** A principal input as the use cases take it: `principalName` from its `<kind>Name`. */
export function fromPrincipalInput(
  kind: 'user' | 'group' | 'role',
  input: PrincipalInputFields,
): PrincipalInputFields & { principalName: string } {
  return { ...input, principalName: String(input[`${kind}Name`]) };
}
