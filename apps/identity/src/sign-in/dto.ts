import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { UserNameInput } from '../principals/graphql/index.js';

@InputType()
export class SignInInput {
  @Field(() => String, { description: 'the 12-digit account id or the account alias' })
  account!: string;

  @Field(() => String)
  userName!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String, {
    nullable: true,
    description: 'a code from the MFA device; required when the user has one',
  })
  mfaCode?: string | null;
}

@ObjectType({
  description: 'A new session: a short-lived session token and a rotating refresh token',
})
export class SessionPayload {
  @Field(() => String, {
    description:
      'JWT for `Authorization: Bearer`; verify with the gateway `/.well-known/jwks.json`',
  })
  sessionToken!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, {
    description:
      'single use: `refreshSession` returns a new one; reusing an old one ends the session',
  })
  refreshToken!: string;

  @Field(() => Date)
  refreshExpiresAt!: Date;

  @Field(() => Boolean, {
    description: 'when true the session may only change its password (token claim `pwd_reset`)',
  })
  passwordResetRequired!: boolean;
}

@InputType()
export class RefreshSessionInput {
  @Field(() => String)
  refreshToken!: string;
}

@ObjectType()
export class SignOutPayload {
  @Field(() => Boolean, { description: 'false when the session had already ended' })
  signedOut!: boolean;
}

@InputType()
export class RevokeUserSessionsInput extends UserNameInput {}

@ObjectType()
export class RevokeUserSessionsPayload {
  @Field(() => Int, { description: 'how many live sessions were revoked' })
  revokedSessionCount!: number;
}
