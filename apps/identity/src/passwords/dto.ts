import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AccountScopedInput, UserNameInput } from '../principals/graphql/index.js';
import { LoginProfileModel, PasswordPolicyModel } from './password.model.js';

/** The answer of an operation on a login profile: the profile after it. */
@ObjectType({ isAbstract: true })
abstract class LoginProfilePayload {
  @Field(() => LoginProfileModel)
  loginProfile!: LoginProfileModel;
}

/** The answer of an operation on the password policy: the policy after it. */
@ObjectType({ isAbstract: true })
abstract class PasswordPolicyPayload {
  @Field(() => PasswordPolicyModel)
  passwordPolicy!: PasswordPolicyModel;
}

@InputType()
export class CreateLoginProfileInput extends UserNameInput {
  @Field(() => String, { description: "must meet the account's password policy" })
  password!: string;

  @Field(() => Boolean, { nullable: true, description: 'default false' })
  passwordResetRequired?: boolean | null;
}

@ObjectType()
export class CreateLoginProfilePayload extends LoginProfilePayload {}

@InputType()
export class GetLoginProfileInput extends UserNameInput {}

@ObjectType()
export class GetLoginProfilePayload extends LoginProfilePayload {}

@InputType()
export class UpdateLoginProfileInput extends UserNameInput {
  @Field(() => String, {
    nullable: true,
    description: 'a new password (omit to keep the current one)',
  })
  password?: string | null;

  @Field(() => Boolean, { nullable: true })
  passwordResetRequired?: boolean | null;
}

@ObjectType()
export class UpdateLoginProfilePayload extends LoginProfilePayload {}

@InputType()
export class DeleteLoginProfileInput extends UserNameInput {}

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
export class UpdateAccountPasswordPolicyInput extends AccountScopedInput {
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
export class UpdateAccountPasswordPolicyPayload extends PasswordPolicyPayload {}

@InputType()
export class AccountPasswordPolicyInput extends AccountScopedInput {}

@ObjectType()
export class GetAccountPasswordPolicyPayload extends PasswordPolicyPayload {}

@ObjectType()
export class DeleteAccountPasswordPolicyPayload {
  @Field(() => PasswordPolicyModel, { description: 'the last state of the deleted policy' })
  passwordPolicy!: PasswordPolicyModel;
}
