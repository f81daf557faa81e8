import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { LoginProfileModel, PasswordPolicyModel } from './password.model.js';

const ACCOUNT_ID = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

@InputType()
export class CreateLoginProfileInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { description: "must meet the account's password policy" })
  password!: string;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  passwordResetRequired?: boolean | null;
}

@ObjectType()
export class CreateLoginProfilePayload {
  @Field(() => LoginProfileModel)
  loginProfile!: LoginProfileModel;
}

@InputType()
export class GetLoginProfileInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;
}

@ObjectType()
export class GetLoginProfilePayload {
  @Field(() => LoginProfileModel)
  loginProfile!: LoginProfileModel;
}

@InputType()
export class UpdateLoginProfileInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'a new password (omit to keep the current one)',
  })
  password?: string | null;

  @Field(() => Boolean, { nullable: true })
  passwordResetRequired?: boolean | null;
}

@ObjectType()
export class UpdateLoginProfilePayload {
  @Field(() => LoginProfileModel)
  loginProfile!: LoginProfileModel;
}

@InputType()
export class DeleteLoginProfileInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  userName!: string;
}

@ObjectType()
export class DeleteLoginProfilePayload {
  @Field(() => LoginProfileModel, { description: 'the last state of the deleted login profile' })
  loginProfile!: LoginProfileModel;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  oldPassword!: string;

  @Field(() => String, { description: "must meet the account's password policy" })
  newPassword!: string;
}

@ObjectType()
export class ChangePasswordPayload {
  @Field(() => LoginProfileModel, { description: "the caller's login profile after the change" })
  loginProfile!: LoginProfileModel;
}

@InputType()
export class UpdateAccountPasswordPolicyInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => Int, { nullable: true, description: '6 to 128, default 15' })
  minimumPasswordLength?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  requireSymbols?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  requireNumbers?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  requireUppercaseCharacters?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  requireLowercaseCharacters?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'default true' })
  allowUsersToChangePassword?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'days, 1 to 1095; default: no expiry' })
  maxPasswordAge?: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 24; default: no reuse prevention' })
  passwordReusePrevention?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  hardExpiry?: boolean | null;
}

@ObjectType()
export class UpdateAccountPasswordPolicyPayload {
  @Field(() => PasswordPolicyModel)
  passwordPolicy!: PasswordPolicyModel;
}

@InputType()
export class AccountPasswordPolicyInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;
}

@ObjectType()
export class GetAccountPasswordPolicyPayload {
  @Field(() => PasswordPolicyModel)
  passwordPolicy!: PasswordPolicyModel;
}

@ObjectType()
export class DeleteAccountPasswordPolicyPayload {
  @Field(() => PasswordPolicyModel, { description: 'the last state of the deleted policy' })
  passwordPolicy!: PasswordPolicyModel;
}
