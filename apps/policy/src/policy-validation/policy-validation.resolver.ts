import { Args, Field, Int, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { Authorizer } from '@iam/authorization';
import type { CallerContext } from '@iam/common';
import { InvalidInputError } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import type { PolicyKind } from '@iam/policy-engine';
import { validatePolicyDocument } from '@iam/policy-engine';
import { RegisteredServicesService } from '../catalogue/registered-services.service.js';

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

/**
 * AWS: IAM Access Analyzer's `ValidatePolicy` needs `access-analyzer:ValidatePolicy`, which supports no
 * resource-level permissions (resource `*`):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiamaccessanalyzer.html
 */
export const VALIDATE_POLICY_ACTION = 'access-analyzer:ValidatePolicy';

/** Access Analyzer-style validation of a policy document, without storing anything. */
@Resolver()
export class PolicyValidationResolver {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly catalogues: RegisteredServicesService,
  ) {}

  @Query(() => ValidatePolicyPayload)
  async validatePolicy(
    @Caller() caller: CallerContext,
    @Args('policyDocument') policyDocument: string,
    @Args('policyType', { type: () => PolicyTypeEnum }) policyType: PolicyKind,
  ): Promise<ValidatePolicyPayload> {
    // Decided like every other operation (one authorizer for every subgraph): a session that must reset its
    // password, or a principal without the permission, is refused before the document is read.
    await this.authorizer.require(
      caller,
      VALIDATE_POLICY_ACTION,
      '*',
      caller.accountId ?? undefined,
    );
    if (policyDocument.length > MAX_DOCUMENT_CHARACTERS) {
      throw new InvalidInputError(
        `policyDocument must be at most ${MAX_DOCUMENT_CHARACTERS} characters`,
      );
    }
    // The built-in catalogue plus the caller's account's registered services: unknown actions and resources that
    // match no resource type are reported like Access Analyzer does.
    const catalogue = await this.catalogues.catalogueFor(caller.accountId);
    const findings = validatePolicyDocument(policyDocument, { kind: policyType, catalogue }).map(
      (issue) => ({ ...issue }),
    );
    return { findings, valid: findings.every((f) => f.severity !== 'error') };
  }
}
