import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';

/** A page answer's fields: the items under their own name, then AWS `IsTruncated` and `Marker`. */
export type PageFields<K extends string, T> = Record<K, T[]> & {
  isTruncated: boolean;
  marker: string | null;
};

/**
 * The base of a page answer (`ListUsersPayload`, ...): `key: [T!]!`, `isTruncated: Boolean!`, `marker: String`, in
 * that order. The fields are declared by hand because the items' name is a parameter.
 */
export function PagedPayload<K extends string, T>(
  key: K,
  item: Type<T>,
): abstract new () => PageFields<K, T> {
  @ObjectType({ isAbstract: true })
  abstract class Page {}
  Field(() => [item])(Page.prototype, key);
  Field(() => Boolean)(Page.prototype, 'isTruncated');
  Field(() => String, { nullable: true })(Page.prototype, 'marker');
  return Page as abstract new () => PageFields<K, T>;
}
