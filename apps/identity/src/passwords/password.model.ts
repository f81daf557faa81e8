import { Field, Int, ObjectType } from '@nestjs/graphql';

/** A user's login profile (AWS LoginProfile, plus the password's age as the account policy sees it). */
@ObjectType('LoginProfile')
export class LoginProfileModel {
  @Field(() => String)
  userName!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => Boolean, { description: 'the user must set a new password at next sign-in' })
  passwordResetRequired!: boolean;

  @Field(() => Date, { description: 'when the current password was set' })
  passwordLastChanged!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'when the password last signed the user in (AWS User.PasswordLastUsed)',
  })
  passwordLastUsed!: Date | null;

  @Field(() => Boolean, { description: "the account policy's maxPasswordAge has passed" })
  passwordExpired!: boolean;

  @Field(() => Date, { nullable: true, description: 'null when passwords do not expire' })
  passwordExpiresAt!: Date | null;
}

/** An account's password policy (AWS PasswordPolicy). */
@ObjectType('PasswordPolicy')
export class PasswordPolicyModel {
  @Field(() => Int)
  minimumPasswordLength!: number;

  @Field(() => Boolean)
  requireSymbols!: boolean;

  @Field(() => Boolean)
  requireNumbers!: boolean;

  @Field(() => Boolean)
  requireUppercaseCharacters!: boolean;

  @Field(() => Boolean)
  requireLowercaseCharacters!: boolean;

  @Field(() => Boolean)
  allowUsersToChangePassword!: boolean;

  @Field(() => Boolean, { description: 'whether passwords expire (maxPasswordAge is set)' })
  expirePasswords!: boolean;

  @Field(() => Int, { nullable: true, description: 'days, 1 to 1095' })
  maxPasswordAge!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'previous passwords that cannot be reused, 1 to 24',
  })
  passwordReusePrevention!: number | null;

  @Field(() => Boolean)
  hardExpiry!: boolean;
}
