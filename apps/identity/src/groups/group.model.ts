import { Field, ID, ObjectType } from '@nestjs/graphql';

/** An IAM group (AWS Group). */
@ObjectType('Group')
export class GroupModel {
  @Field(() => ID, { description: 'the unique id (AGPA…)' })
  groupId!: string;

  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  accountId!: string;

  @Field(() => Date)
  createDate!: Date;
}
