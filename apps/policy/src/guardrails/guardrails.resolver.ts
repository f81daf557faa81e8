import {
  Args,
  Field,
  GraphQLISODateTime,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  PolicyAccountInput,
  PolicyChangePayload,
  RevisionPayload,
} from '../managed-policies/graphql.js';
import type { StoredGuardrail } from './guardrail.repository.js';
import { GuardrailsService } from './guardrails.service.js';

@ObjectType('AccountGuardrail', {
  description:
    'a policy with service control policy semantics that caps every principal of the account',
})
export class AccountGuardrailModel {
  @Field(() => String)
  guardrailName!: string;

  @Field(() => String, { description: 'the JSON policy document' })
  policyDocument!: string;

  @Field(() => GraphQLISODateTime)
  createDate!: Date;

  @Field(() => GraphQLISODateTime)
  updateDate!: Date;
}

function toModel(g: StoredGuardrail): AccountGuardrailModel {
  return {
    guardrailName: g.name,
    policyDocument: g.document,
    createDate: g.createdAt,
    updateDate: g.updatedAt,
  };
}

@InputType()
export class AccountGuardrailInput extends PolicyAccountInput {
  @Field(() => String)
  guardrailName!: string;
}

@InputType()
export class PutAccountGuardrailInput extends AccountGuardrailInput {
  @Field(() => String)
  policyDocument!: string;
}

@InputType()
export class ListAccountGuardrailsInput extends PolicyAccountInput {}

@ObjectType()
export class PutAccountGuardrailPayload extends RevisionPayload {
  @Field(() => AccountGuardrailModel)
  guardrail!: AccountGuardrailModel;
}

@ObjectType()
export class GetAccountGuardrailPayload {
  @Field(() => AccountGuardrailModel)
  guardrail!: AccountGuardrailModel;
}

@ObjectType()
export class ListAccountGuardrailsPayload {
  @Field(() => [AccountGuardrailModel])
  guardrails!: AccountGuardrailModel[];
}

/** GraphQL only: account guardrails. */
@Resolver()
export class GuardrailsResolver {
  constructor(private readonly guardrails: GuardrailsService) {}

  @Mutation(() => PutAccountGuardrailPayload, {
    description: "Creates or replaces one of an account's guardrails (platform administrator only)",
  })
  async putAccountGuardrail(
    @Caller() caller: CallerContext,
    @Args('input') input: PutAccountGuardrailInput,
  ): Promise<PutAccountGuardrailPayload> {
    const { value, revisionToken } = await this.guardrails.putAccountGuardrail(caller, input);
    return { guardrail: toModel(value), revisionToken };
  }

  @Mutation(() => PolicyChangePayload, {
    description: "Removes one of an account's guardrails (platform administrator only)",
  })
  deleteAccountGuardrail(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountGuardrailInput,
  ): Promise<PolicyChangePayload> {
    return this.guardrails.deleteAccountGuardrail(caller, input);
  }

  @Query(() => GetAccountGuardrailPayload, { description: 'iam:GetAccountGuardrail' })
  async getAccountGuardrail(
    @Caller() caller: CallerContext,
    @Args('input') input: AccountGuardrailInput,
  ): Promise<GetAccountGuardrailPayload> {
    return { guardrail: toModel(await this.guardrails.getAccountGuardrail(caller, input)) };
  }

  @Query(() => ListAccountGuardrailsPayload, { description: 'iam:ListAccountGuardrails' })
  async listAccountGuardrails(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListAccountGuardrailsInput, nullable: true })
    input: ListAccountGuardrailsInput | null,
  ): Promise<ListAccountGuardrailsPayload> {
    return {
      guardrails: (await this.guardrails.listAccountGuardrails(caller, input ?? {})).map(toModel),
    };
  }
}
