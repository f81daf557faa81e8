import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export type AccountStatus = 'active' | 'suspended';
/** GraphQL enum values mirror the stored statuses. */
export const AccountStatusEnum = { ACTIVE: 'active', SUSPENDED: 'suspended' } as const;
registerEnumType(AccountStatusEnum, { name: 'AccountStatus' });

/** A tenant account, as AWS accounts: a 12-digit id and an optional alias. */
@ObjectType('Account')
@Directive('@key(fields: "accountId")')
export class AccountModel {
  @Field(() => ID, { description: 'the 12-digit account id' })
  accountId!: string;

  @Field(() => String, { description: 'the account root principal ARN' })
  arn!: string;

  @Field(() => String, { nullable: true })
  alias!: string | null;

  @Field(() => AccountStatusEnum)
  status!: AccountStatus;

  @Field(() => Date)
  createdAt!: Date;
}
