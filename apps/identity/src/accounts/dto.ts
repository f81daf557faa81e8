import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AccountModel } from './account.model.js';

@InputType()
export class CreateAccountInput {
  @Field(() => String, { nullable: true, description: 'optional account alias (AWS rules)' })
  alias?: string | null;
}

@ObjectType()
export class CreateAccountPayload {
  @Field(() => AccountModel)
  account!: AccountModel;
}

@ArgsType()
export class GetAccountArgs {
  @Field(() => ID)
  accountId!: string;
}

@ArgsType()
export class ListAccountsArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'page size, 1 to 1000 (AWS MaxItems), default 100',
  })
  maxItems?: number | null;

  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;
}

@ObjectType()
export class ListAccountsPayload {
  @Field(() => [AccountModel])
  accounts!: AccountModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

@InputType()
export class AccountAliasInput {
  @Field(() => ID, { description: 'the account; a tenant principal may only name its own' })
  accountId!: string;

  @Field(() => String)
  alias!: string;
}

@InputType()
export class AccountIdInput {
  @Field(() => ID)
  accountId!: string;
}

@ObjectType()
export class AccountPayload {
  @Field(() => AccountModel, {
    description: 'the account after the change (for deleteAccount, its last state)',
  })
  account!: AccountModel;
}
