import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import type { RequestOrigin } from '@iam/graphql-kit';
import { Caller, Origin } from '@iam/graphql-kit';
import {
  RefreshSessionInput,
  RevokeUserSessionsInput,
  RevokeUserSessionsPayload,
  SessionPayload,
  SignInInput,
  SignOutPayload,
} from './dto.js';
import { SignInService } from './sign-in.service.js';

/** The source address the gateway established for the request (`aws:SourceIp`). */
function sourceIpOf(origin: RequestOrigin): string {
  const ip = origin.context['aws:SourceIp'];
  return typeof ip === 'string' && ip !== '' ? ip : 'unknown';
}

/**
 * Sign-in and sessions. `signIn` and `refreshSession` are the only anonymous operations of the suite: the gateway
 * forwards them without credentials (with a signed anonymous request token) and nothing else.
 */
@Resolver()
export class SignInResolver {
  constructor(private readonly signIns: SignInService) {}

  @Mutation(() => SessionPayload, {
    description:
      'Anonymous. Signs an IAM user in with its password (and MFA code); errors: InvalidCredentials, MfaRequired, PasswordExpired, Throttling',
  })
  signIn(
    @Origin() origin: RequestOrigin,
    @Args('input') input: SignInInput,
  ): Promise<SessionPayload> {
    return this.signIns.signIn(input, sourceIpOf(origin));
  }

  @Mutation(() => SessionPayload, {
    description:
      'Anonymous. Exchanges a refresh token for a new session token and refresh token; error: InvalidRefreshToken',
  })
  refreshSession(@Args('input') input: RefreshSessionInput): Promise<SessionPayload> {
    return this.signIns.refreshSession(input.refreshToken);
  }

  @Mutation(() => SignOutPayload, { description: "Ends the caller's own session" })
  async signOut(@Caller() caller: CallerContext): Promise<SignOutPayload> {
    return { signedOut: await this.signIns.signOut(caller) };
  }

  @Mutation(() => RevokeUserSessionsPayload, {
    description:
      'Revokes every session of a user (action `iam:RevokeUserSessions` on the user ARN); the gateway refuses their session tokens within a second',
  })
  async revokeUserSessions(
    @Caller() caller: CallerContext,
    @Args('input') input: RevokeUserSessionsInput,
  ): Promise<RevokeUserSessionsPayload> {
    return { revokedSessionCount: await this.signIns.revokeUserSessions(caller, input) };
  }
}
