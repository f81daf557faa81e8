import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  MarkerField,
  MaxItemsField,
  PAGE_DOCS,
  PagedPayload,
  RevisionTokenField,
} from '../principals/graphql/index.js';
import { UserModel } from '../users/index.js';
import { AccountModel } from './account.model.js';

/** The account's first administrator: an IAM user with a login profile, to which `AdministratorAccess` is attached. */
@InputType()
export class InitialAdministratorInput {
  @Field(() => String, { description: 'the IAM user name (AWS rules)' })
  userName!: string;

  @Field(() => String, {
    description: "the console password: must meet the account's (default) password policy",
  })
  password!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'the administrator must change the password at first sign-in (default false)',
  })
  passwordResetRequired?: boolean | null;

  @Field(() => String, { nullable: true, description: 'default `/`' })
  path?: string | null;
}

@InputType()
export class CreateAccountInput {
  @Field(() => String, { nullable: true, description: 'optional account alias (AWS rules)' })
  alias?: string | null;

  @Field(() => InitialAdministratorInput, {
    nullable: true,
    description:
      "also create the account's first administrator, so that the tenant signs in as it (never with the platform token)",
  })
  administrator?: InitialAdministratorInput | null;
}

@ObjectType()
export class CreateAccountPayload {
  @Field(() => AccountModel)
  account!: AccountModel;

  @Field(() => UserModel, {
    nullable: true,
    description: 'the first administrator, when one was asked for (its password is never answered)',
  })
  administrator!: UserModel | null;

  @RevisionTokenField()
  revisionToken!: string | null;
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
