import { Field, ObjectType } from '@nestjs/graphql';
import { PagedPayload } from './paged-payload.js';

// Not re-exported by index.ts: GraphQL lists object types in the order their classes are defined, and `Tag` is
// defined where users/user.model.ts first imports it (the committed SDL keeps it just before `User`).

/** A tag (AWS Tag). */
@ObjectType('Tag')
export class TagModel {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

/** A page of tags (AWS ListUserTags, ListRoleTags, ListMFADeviceTags). */
export const TagPagePayload = PagedPayload('tags', TagModel);
