import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  MarkerField,
  MaxItemsField,
  PAGE_DOCS,
  PagedPayload,
} from '../principals/graphql/index.js';
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
  @MaxItemsField('page size, 1 to 1000 (AWS MaxItems), default 100')
  maxItems?: number | null;

  @MarkerField(PAGE_DOCS.marker)
  marker?: string | null;
}

@ObjectType()
export class ListAccountsPayload extends PagedPayload('accounts', AccountModel) {}

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
