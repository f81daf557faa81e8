import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TagModel } from '../principals/graphql/tag.model.js';

export { TagModel };

/** An IAM user (AWS User). */
@ObjectType('User')
export class UserModel {
  @Field(() => ID, { description: 'the unique id (AIDA…)' })
  userId!: string;

  @Field(() => String)
  userName!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  accountId!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => [TagModel])
  tags!: TagModel[];
}
