import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TagModel } from '../users/index.js';

/** An IAM role (AWS Role). */
@ObjectType('Role')
export class RoleModel {
  @Field(() => ID, { description: 'the unique id (AROA…)' })
  roleId!: string;

  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  accountId!: string;

  @Field(() => String, { description: 'the trust policy, as JSON text' })
  assumeRolePolicyDocument!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { description: 'seconds, 3600 to 43200' })
  maxSessionDuration!: number;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => [TagModel])
  tags!: TagModel[];
}
