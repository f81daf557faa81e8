import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';

/** AWS STS GetCallerIdentity's answer. */
@ObjectType('CallerIdentity')
export class CallerIdentityModel {
  @Field(() => String, {
    nullable: true,
    description: 'the 12-digit account id; null for the platform administrator',
  })
  account!: string | null;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  principalType!: string;
}

/**
 * AWS: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html — needs no permission, and an
 * explicit deny cannot refuse it. So it deliberately bypasses the `Authorizer` of `@iam/authorization`, also for a
 * session that must reset its password (`pwd_reset`): it answers only what the caller's own token already says and
 * reads nothing of any account. Every other credential operation must go through the `Authorizer`.
 */
@Resolver()
export class CallerIdentityResolver {
  @Query(() => CallerIdentityModel, { description: 'who the caller is (STS GetCallerIdentity)' })
  getCallerIdentity(@Caller() caller: CallerContext): CallerIdentityModel {
    return {
      account: caller.accountId,
      arn: caller.principalArn,
      principalType: caller.principalType,
    };
  }
}
