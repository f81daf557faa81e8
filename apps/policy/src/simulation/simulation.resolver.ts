import { Args, Field, InputType, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { ContextEntryInput } from '../decisions/decisions.resolver.js';
import { SimulationService } from './simulation.service.js';
import type { SimulationPage } from './simulation.service.js';

@InputType()
class SimulateCommonInput {
  @Field(() => [String])
  actionNames!: string[];

  @Field(() => [String], { nullable: true, description: 'default: `*`' })
  resourceArns?: string[] | null;

  @Field(() => [ContextEntryInput], { nullable: true })
  contextEntries?: ContextEntryInput[] | null;

  @Field(() => [String], { nullable: true })
  permissionsBoundaryPolicyInputList?: string[] | null;

  @Field(() => String, { nullable: true })
  resourcePolicy?: string | null;

  @Field(() => String, { nullable: true })
  callerArn?: string | null;

  @Field(() => Int, { nullable: true })
  maxItems?: number | null;

  @Field(() => String, { nullable: true })
  marker?: string | null;
}

@InputType()
export class SimulatePrincipalPolicyInput extends SimulateCommonInput {
  @Field(() => String, { description: 'the user or role whose policies are simulated' })
  policySourceArn!: string;

  @Field(() => [String], { nullable: true, description: 'policies added to the principal’s own' })
  policyInputList?: string[] | null;
}

@InputType()
export class SimulateCustomPolicyInput extends SimulateCommonInput {
  @Field(() => [String])
  policyInputList!: string[];
}

@ObjectType('SimulationPosition')
class PositionModel {
  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;
}

@ObjectType('SimulationStatement')
class MatchedStatementModel {
  @Field(() => String)
  sourcePolicyId!: string;

  @Field(() => String)
  sourcePolicyType!: string;

  @Field(() => PositionModel, { nullable: true })
  startPosition!: PositionModel | null;

  @Field(() => PositionModel, { nullable: true })
  endPosition!: PositionModel | null;
}

@ObjectType()
class PermissionsBoundaryDecisionDetail {
  @Field(() => Boolean)
  allowedByPermissionsBoundary!: boolean;
}

@ObjectType()
class OrganizationsDecisionDetail {
  @Field(() => Boolean)
  allowedByOrganizations!: boolean;
}

@ObjectType('SimulationEvaluationResult')
class EvaluationResultModel {
  @Field(() => String)
  evalActionName!: string;

  @Field(() => String)
  evalResourceName!: string;

  @Field(() => String, { description: 'allowed, explicitDeny or implicitDeny' })
  evalDecision!: string;

  @Field(() => [MatchedStatementModel])
  matchedStatements!: MatchedStatementModel[];

  @Field(() => [String])
  missingContextValues!: string[];

  @Field(() => PermissionsBoundaryDecisionDetail, { nullable: true })
  permissionsBoundaryDecisionDetail!: PermissionsBoundaryDecisionDetail | null;

  @Field(() => OrganizationsDecisionDetail, {
    nullable: true,
    description: 'how the account guardrails (SCP semantics) decided',
  })
  organizationsDecisionDetail!: OrganizationsDecisionDetail | null;
}

@ObjectType()
export class SimulatePolicyPayload {
  @Field(() => [EvaluationResultModel])
  evaluationResults!: EvaluationResultModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

/** AWS's policy simulator, decided by the engine and the policies `authorize` uses. */
@Resolver()
export class SimulationResolver {
  constructor(private readonly simulation: SimulationService) {}

  @Query(() => SimulatePolicyPayload)
  simulatePrincipalPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: SimulatePrincipalPolicyInput,
  ): Promise<SimulationPage> {
    return this.simulation.simulatePrincipalPolicy(caller, input);
  }

  @Query(() => SimulatePolicyPayload)
  simulateCustomPolicy(
    @Caller() caller: CallerContext,
    @Args('input') input: SimulateCustomPolicyInput,
  ): Promise<SimulationPage> {
    return this.simulation.simulateCustomPolicy(caller, input);
  }
}
