import {
  Args,
  Field,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import type { ContextKeyType } from './request-context.js';
import { CONTEXT_KEY_TYPES } from './request-context.js';
import { DecisionService } from './decision.service.js';
import type { AuthorizeResult } from './decision.service.js';

export const ContextKeyTypeEnum = Object.fromEntries(
  CONTEXT_KEY_TYPES.map((t) => [t, t]),
) as Record<ContextKeyType, ContextKeyType>;
registerEnumType(ContextKeyTypeEnum, {
  name: 'ContextKeyType',
  description: "AWS's ContextKeyTypeEnum: the type of a context entry's values",
});

export const AuthorizationDecisionEnum = {
  Allow: 'Allow',
  ExplicitDeny: 'ExplicitDeny',
  ImplicitDeny: 'ImplicitDeny',
} as const;
registerEnumType(AuthorizationDecisionEnum, { name: 'AuthorizationDecision' });

@InputType()
export class ContextEntryInput {
  @Field(() => String, { description: 'a condition key, e.g. `aws:SourceIp` or `s3:prefix`' })
  key!: string;

  @Field(() => [String])
  values!: string[];

  @Field(() => ContextKeyTypeEnum, { nullable: true, defaultValue: 'string' })
  type?: ContextKeyType | null;
}

@InputType()
export class ConsistencyInput {
  @Field(() => String, {
    nullable: true,
    description:
      'a revision token returned by a mutation: the decision reflects at least that change',
  })
  atLeastAsFreshAs?: string | null;
}

@InputType()
export class AuthorizeRequestInput {
  @Field(() => String, {
    description:
      'an IAM user ARN, role ARN, assumed-role session ARN or the root of the caller account',
  })
  principal!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => [ContextEntryInput], {
    nullable: true,
    description:
      'request context; principal and session keys are set by the service and refused here',
  })
  context?: ContextEntryInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: "the resource's own policy (JSON), if it has one",
  })
  resourcePolicy?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  explain?: boolean | null;

  @Field(() => ConsistencyInput, { nullable: true })
  consistency?: ConsistencyInput | null;
}

@ObjectType()
export class DeterminingStatement {
  @Field(() => String, {
    description: 'policy ARN, `<principal ARN>#inline/<name>`, or guardrail ARN',
  })
  policyId!: string;

  @Field(() => String, { description: 'guardrail, resource, identity, boundary or session' })
  policyType!: string;

  @Field(() => String, { nullable: true })
  sid!: string | null;

  @Field(() => Int, { description: '0-based index of the statement in its policy' })
  statementIndex!: number;

  @Field(() => String)
  effect!: string;
}

@ObjectType()
export class AuthorizePayload {
  @Field(() => AuthorizationDecisionEnum)
  decision!: string;

  @Field(() => [DeterminingStatement])
  determiningStatements!: DeterminingStatement[];

  @Field(() => String, {
    nullable: true,
    description: "the engine's explanation (JSON), when asked",
  })
  explanation!: string | null;

  @Field(() => String, { description: 'the account permission revision the decision reflects' })
  revision!: string;
}

/** The decision API for product backends. */
@Resolver()
export class DecisionsResolver {
  constructor(private readonly decisions: DecisionService) {}

  @Query(() => AuthorizePayload, {
    description:
      'May the principal perform the action on the resource? Asking about another principal needs `iam:Authorize` on its ARN.',
  })
  authorize(
    @Caller() caller: CallerContext,
    @Args('input') input: AuthorizeRequestInput,
  ): Promise<AuthorizeResult> {
    return this.decisions.authorize(caller, input);
  }

  @Query(() => [AuthorizePayload], {
    description: 'Up to 100 `authorize` requests, answered in order.',
  })
  authorizeBatch(
    @Caller() caller: CallerContext,
    @Args('requests', { type: () => [AuthorizeRequestInput] }) requests: AuthorizeRequestInput[],
  ): Promise<AuthorizeResult[]> {
    return this.decisions.authorizeBatch(caller, requests);
  }
}
