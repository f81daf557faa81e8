import { Args, Field, Int, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { InvalidInputError } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import type { PolicyKind } from '@iam/policy-engine';
import { validatePolicyDocument } from '@iam/policy-engine';

/** GraphQL names of the policy kinds the validator knows (their size limits and element rules differ). */
export const PolicyTypeEnum = {
  MANAGED: 'managed',
  INLINE_USER: 'inline-user',
  INLINE_GROUP: 'inline-group',
  INLINE_ROLE: 'inline-role',
  TRUST: 'trust',
  RESOURCE: 'resource',
  GUARDRAIL: 'guardrail',
} as const satisfies Record<string, PolicyKind>;
registerEnumType(PolicyTypeEnum, { name: 'PolicyType' });

/** AWS: the largest document any policy kind accepts is far below this; bigger input is refused unread. */
const MAX_DOCUMENT_CHARACTERS = 131_072;

@ObjectType('PolicyFinding')
export class PolicyFindingModel {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'error, warning, security-warning or suggestion' })
  severity!: string;

  @Field(() => String, { description: 'RFC 6901 JSON pointer into the document' })
  pointer!: string;

  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class ValidatePolicyPayload {
  @Field(() => [PolicyFindingModel])
  findings!: PolicyFindingModel[];

  @Field(() => Boolean, { description: 'true when no finding has severity error' })
  valid!: boolean;
}

/** Access Analyzer-style validation of a policy document, without storing anything. */
@Resolver()
export class PolicyValidationResolver {
  @Query(() => ValidatePolicyPayload)
  validatePolicy(
    @Caller() _caller: CallerContext,
    @Args('policyDocument') policyDocument: string,
    @Args('policyType', { type: () => PolicyTypeEnum }) policyType: PolicyKind,
  ): ValidatePolicyPayload {
    if (policyDocument.length > MAX_DOCUMENT_CHARACTERS) {
      throw new InvalidInputError(
        `policyDocument must be at most ${MAX_DOCUMENT_CHARACTERS} characters`,
      );
    }
    const findings = validatePolicyDocument(policyDocument, { kind: policyType }).map((issue) => ({
      ...issue,
    }));
    return { findings, valid: findings.every((f) => f.severity !== 'error') };
  }
}
